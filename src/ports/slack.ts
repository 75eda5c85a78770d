import type { ActiveSession, Outcome, Person, ResetScope } from '../domain/types';

/**
 * Told while a call waits: Slack asked for it (`ratelimited`: a 429's Retry-After), the app keeps to the method's
 * rate tier (`paced`), or a failure that may have taken effect is tried again (Slack's code, say `timeout`).
 */
export interface WaitNotice {
  method: string;
  code: string;
  waitMs: number;
}

export type OnWait = (notice: WaitNotice) => void;

/**
 * Slack's ceiling for `user_ids` in one call: admin.users.session.resetBulk, and the settings methods
 * (getSettings, setSettings, clearSettings: "up to 1,000 users", Slack's method reference).
 */
export const BULK_CALL_SIZE = 1000;

/** The admin methods, as the domain sees them. Implemented over the admin user token in adapters/slack-admin-api.ts. */
export interface AdminApi {
  resetSessions(userId: string, scope: ResetScope, onWait?: OnWait): Promise<Outcome>;
  /** admin.users.session.resetBulk for up to BULK_CALL_SIZE people: ok means Slack queued the job. */
  resetSessionsBulk(userIds: readonly string[], scope: ResetScope, onWait?: OnWait): Promise<Outcome>;
  invalidateSession(session: { userId: string; teamId: string; sessionId: number }, onWait?: OnWait): Promise<Outcome>;
  listSessions(userId: string, teamId: string, onWait?: OnWait): Promise<ListResult>;
  /** admin.users.session.getSettings for up to BULK_CALL_SIZE people: read-only. */
  getSessionSettings(userIds: readonly string[], onWait?: OnWait): Promise<SettingsRead>;
  /** admin.users.session.setSettings for up to BULK_CALL_SIZE people; at least one setting. */
  setSessionSettings(userIds: readonly string[], settings: SessionSettings, onWait?: OnWait): Promise<Outcome>;
  /** admin.users.session.clearSettings for up to BULK_CALL_SIZE people: back to the organization's default. */
  clearSessionSettings(userIds: readonly string[], onWait?: OnWait): Promise<Outcome>;
}

/**
 * A person's own session settings: how long a session lasts (`duration`, seconds) and whether quitting the desktop
 * app or the browser ends it (`desktop_app_browser_quit`). A setting left out is not set for them.
 */
export interface SessionSettings {
  duration?: number;
  quitEndsSession?: boolean;
}

/**
 * What getSettings says of the people asked about: each one's own settings, or that they have none (on the
 * organization's default, `no_settings_applied`). Someone in neither, Slack left out of its answer.
 */
export type SettingsRead =
  | { ok: true; settings: Map<string, SessionSettings>; onDefault: Set<string> }
  | { ok: false; code: string };

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
  /** `signal` gives the look-up up while it waits for its turn (the person was found another way). */
  userById(id: string, onWait?: OnWait, signal?: AbortSignal): Promise<LookupResult>;
  userByEmail(email: string, onWait?: OnWait): Promise<LookupResult>;
  /** A user group's members (usergroups.users.list); a disabled or unknown group is Slack's code. */
  groupMembers(
    groupId: string,
    onWait?: OnWait,
  ): Promise<{ ok: true; userIds: string[] } | { ok: false; code: string }>;
  /**
   * Everyone in the workspace the request came from (users.list), a page at a time, until `onPage` answers false
   * or `signal` aborts. Hundreds of people a call: for a large group, far fewer calls than one users.info each.
   */
  workspacePeople(
    onPage: (people: Person[]) => boolean,
    options?: { onWait?: OnWait; signal?: AbortSignal },
  ): Promise<{ ok: true } | { ok: false; code: string }>;
}

export type LookupResult = { ok: true; person: Person } | { ok: false; code: string };
