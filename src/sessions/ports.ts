import type { ActiveSession, Outcome, Person, ResetScope } from './types';

/** The admin methods, as the domain sees them. Implemented over the admin user token in slack/admin-api.ts. */
export interface AdminApi {
  resetSessions(userId: string, scope: ResetScope): Promise<Outcome>;
  invalidateSession(session: { userId: string; teamId: string; sessionId: number }): Promise<Outcome>;
  listSessions(userId: string, teamId: string): Promise<ListResult>;
}

export type ListResult =
  | {
      ok: true;
      sessions: ActiveSession[];
      /** Slack had more pages than the app reads. */
      truncated: boolean;
      /** Items Slack listed that the app could not read (no usable id or team): said, never silently dropped. */
      unreadable: number;
    }
  | { ok: false; code: string };

/** Looking people up, read-only. Implemented over the bot token in slack/directory.ts. */
export interface Directory {
  userById(id: string): Promise<LookupResult>;
  userByEmail(email: string): Promise<LookupResult>;
}

export type LookupResult = { ok: true; person: Person } | { ok: false; code: string };
