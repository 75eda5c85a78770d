/**
 * Slack's own audit log (the Audit Logs API, GET /logs), as the app reads it: who did what to whom, and when, in
 * Slack's words. Implemented over an Org Owner's token in adapters/slack-audit-log.ts.
 */

/** A user as an entry names them (actor or entity). */
export interface SlackAuditUser {
  id: string;
  name?: string;
  email?: string;
}

/**
 * One entry, checked: `id` and `date_create` (epoch seconds) as Slack gives them; the actor and the entity when they
 * are a user (or, for an entity, the workspace or organization's id); `details` as sent, for the action that reads
 * them (`mobile_only`, `succeeded_users`, …).
 */
export interface SlackAuditEntry {
  id: string;
  dateCreate: number;
  action: string;
  actor: { type: string; user?: SlackAuditUser };
  entity: { type: string; user?: SlackAuditUser; id?: string };
  /** Where the actor acted from: their IP address and client, as Slack saw them. */
  context: { ipAddress?: string; ua?: string };
  details: Readonly<Record<string, unknown>>;
}

/** What to ask for: these actions (30 at most, Slack's limit), in a window of epoch seconds, both bounds inclusive. */
export interface SlackAuditQuery {
  actions: readonly string[];
  oldest: number;
  latest: number;
  /** Only entries whose actor is this user (the admin token's owner, for the app's own calls). */
  actor?: string;
}

export type SlackAuditAnswer =
  | {
      ok: true;
      entries: SlackAuditEntry[];
      /** More pages than the app reads: said, never taken for "nothing more". */
      truncated: boolean;
    }
  | { ok: false; code: string };

export interface SlackAuditLog {
  /** Every entry of the window, newest first (Slack's order), across pages. Never throws. */
  entries(query: SlackAuditQuery): Promise<SlackAuditAnswer>;
}
