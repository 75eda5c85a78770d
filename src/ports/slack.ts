import type { ActiveSession, Outcome, Person, ResetScope } from '../domain/types';

/** Told while a call waits to be tried again (a 429, a 5xx, a timeout), so the admin sees why it takes time. */
export interface RetryNotice {
  code: string;
  waitMs: number;
}

export type OnRetry = (notice: RetryNotice) => void;

/** Slack's ceiling for one admin.users.session.resetBulk call. */
export const BULK_CALL_SIZE = 1000;

/** The admin methods, as the domain sees them. Implemented over the admin user token in adapters/slack-admin-api.ts. */
export interface AdminApi {
  resetSessions(userId: string, scope: ResetScope, onRetry?: OnRetry): Promise<Outcome>;
  /** admin.users.session.resetBulk for up to BULK_CALL_SIZE people: ok means Slack queued the job. */
  resetSessionsBulk(userIds: readonly string[], scope: ResetScope, onRetry?: OnRetry): Promise<Outcome>;
  invalidateSession(
    session: { userId: string; teamId: string; sessionId: number },
    onRetry?: OnRetry,
  ): Promise<Outcome>;
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
      /** Workspaces whose list failed while another's answered: said, so an empty list is not taken for "none". */
      failedTeams?: { teamId: string; code: string }[];
    }
  | { ok: false; code: string };

/** Looking people up, read-only. Implemented over the bot token in adapters/slack-directory.ts. */
export interface Directory {
  userById(id: string): Promise<LookupResult>;
  userByEmail(email: string): Promise<LookupResult>;
  /** A user group's members (usergroups.users.list); a disabled or unknown group is Slack's code. */
  groupMembers(groupId: string): Promise<{ ok: true; userIds: string[] } | { ok: false; code: string }>;
}

export type LookupResult = { ok: true; person: Person } | { ok: false; code: string };
