import type { ApprovalRequest } from '../domain/approval';
import { type AuditRecord, FINAL_OUTCOMES } from '../domain/audit-record';
import type { AnyPlan, KeptPlan } from '../domain/plan';
import { SHOWN_IN_SLACK_LOG } from '../domain/slack-audit';
import type { ApiRequest } from '../ports/audit-store';

/**
 * Statements both stores run as they are, so SQLite and PostgreSQL cannot drift apart. Written with SQLite's named
 * parameters (@name); `numbered` turns them into PostgreSQL's $1, $2, … in the order given.
 */
export function numbered(sql: string, names: readonly string[]): string {
  return names.reduce((text, name, i) => text.replace(new RegExp(`@${name}\\b`, 'g'), `$${i + 1}`), sql);
}

/**
 * The post throttle: the row for a key keeps when its last post was (epoch ms), how many were held back since, and
 * how many were held back before that post. In an UPDATE's SET, a column means its value before the update. A post
 * leaves `held` at 0; a hold leaves it at 1 or more. One statement, so two processes never both post nor lose a count.
 */
export const THROTTLE_SQL = `
INSERT INTO post_throttle (key, posted_at, held, held_before) VALUES (@key, @now, 0, 0)
ON CONFLICT (key) DO UPDATE SET
  posted_at = CASE WHEN post_throttle.posted_at <= @due THEN excluded.posted_at ELSE post_throttle.posted_at END,
  held_before = CASE WHEN post_throttle.posted_at <= @due THEN post_throttle.held ELSE post_throttle.held_before END,
  held = CASE WHEN post_throttle.posted_at <= @due THEN 0 ELSE post_throttle.held + 1 END
RETURNING (held = 0) AS post, held_before`;
export const THROTTLE_PARAMS = ['key', 'now', 'due'] as const;

/** Approval requests: what never changes is one JSON document; what a decision changes has columns of its own. */
const APPROVAL_COLUMNS = 'request, status, expires_ms, decider_id, decided_at, deny_reason, channel, message_ts';

export const CREATE_APPROVAL_SQL = `
INSERT INTO approvals (id, request, status, expires_ms) VALUES (@id, @request, 'pending', @expires)
ON CONFLICT (id) DO NOTHING`;
export const CREATE_APPROVAL_PARAMS = ['id', 'request', 'expires'] as const;

export const GET_APPROVAL_SQL = `SELECT ${APPROVAL_COLUMNS} FROM approvals WHERE id = @id`;

export const SET_APPROVAL_MESSAGE_SQL = 'UPDATE approvals SET channel = @channel, message_ts = @ts WHERE id = @id';
export const SET_APPROVAL_MESSAGE_PARAMS = ['id', 'channel', 'ts'] as const;

/** Decides only a pending request, and only on the right side of its expiry: one caller wins, the rest get no row. */
export const DECIDE_APPROVAL_SQL = `
UPDATE approvals SET status = @status, decider_id = @decider, decided_at = @at, deny_reason = @reason
WHERE id = @id AND status = 'pending'
  AND (CASE WHEN @status = 'expired' THEN expires_ms <= @now ELSE expires_ms > @now END)
RETURNING ${APPROVAL_COLUMNS}`;
export const DECIDE_APPROVAL_PARAMS = ['id', 'status', 'decider', 'at', 'reason', 'now'] as const;

export const EXPIRED_APPROVALS_SQL = `
SELECT ${APPROVAL_COLUMNS} FROM approvals WHERE status = 'pending' AND expires_ms <= @now ORDER BY expires_ms`;

export const PENDING_APPROVALS_SQL = `SELECT COUNT(*) AS n FROM approvals WHERE status = 'pending'`;

export interface ApprovalRow {
  request: string | Record<string, unknown>;
  status: ApprovalRequest['status'];
  /** BIGINT comes back from PostgreSQL as a string. */
  expires_ms: number | string;
  decider_id: string | null;
  decided_at: string | null;
  deny_reason: string | null;
  channel: string | null;
  message_ts: string | null;
}

/** The immutable part of a request, as kept in the `request` column. */
export const approvalDocument = (r: ApprovalRequest): string =>
  JSON.stringify({
    id: r.id,
    requesterId: r.requesterId,
    order: r.order,
    why: r.why,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
  });

export function approvalFromRow(row: ApprovalRow): ApprovalRequest {
  const doc = (typeof row.request === 'string' ? JSON.parse(row.request) : row.request) as ApprovalRequest;
  return {
    ...doc,
    // The column is what every decision compares against: the one truth about when it expires.
    expiresAt: new Date(Number(row.expires_ms)).toISOString(),
    status: row.status,
    ...(row.decider_id ? { deciderId: row.decider_id } : {}),
    ...(row.decided_at ? { decidedAt: row.decided_at } : {}),
    ...(row.deny_reason ? { denyReason: row.deny_reason } : {}),
    ...(row.channel ? { channel: row.channel } : {}),
    ...(row.message_ts ? { messageTs: row.message_ts } : {}),
  };
}

/**
 * Confirmations' plans, kept until their Submit reads them back: the plan and the modal it was shown in, as one JSON
 * document. Keeping it again in the same modal (the picker, then its confirmation) replaces it.
 */
export const KEEP_PLAN_SQL = `
INSERT INTO kept_plans (request_id, plan, kept_ms) VALUES (@id, @plan, @now)
ON CONFLICT (request_id) DO UPDATE SET plan = excluded.plan, kept_ms = excluded.kept_ms`;
export const KEEP_PLAN_PARAMS = ['id', 'plan', 'now'] as const;

export const KEPT_PLAN_SQL = 'SELECT plan, kept_ms FROM kept_plans WHERE request_id = @id';

/** The document kept, and when. A row an older release wrote holds the bare plan, bound to no modal: no view id. */
export function keptFromRow(row: { plan: unknown; kept_ms: number | string }): KeptPlan | undefined {
  const doc = (typeof row.plan === 'string' ? JSON.parse(row.plan) : row.plan) as { plan?: AnyPlan; viewId?: unknown };
  if (!doc?.plan || typeof doc.viewId !== 'string') return undefined;
  return { plan: doc.plan, viewId: doc.viewId, keptAt: new Date(Number(row.kept_ms)) };
}

export const keptDocument = (plan: AnyPlan, viewId: string): string => JSON.stringify({ plan, viewId });

/**
 * The signed API's tables: signatures seen within their five minutes, each client's requests by idempotency key. A
 * request ID is made from its client and key, so the key is the one constraint: with a second unique one, PostgreSQL's
 * ON CONFLICT on the key would let two replicas inserting the same request at once fail on the other.
 */
export const API_TABLES_SQL = `
CREATE TABLE api_signatures (
  digest TEXT PRIMARY KEY,
  expires_ms BIGINT NOT NULL
);
CREATE INDEX api_signatures_expiry ON api_signatures (expires_ms);
CREATE TABLE api_requests (
  client TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  request_id TEXT NOT NULL,
  action TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  PRIMARY KEY (client, idempotency_key)
);
CREATE INDEX api_requests_request ON api_requests (request_id);`;

export const FORGET_SIGNATURES_SQL = 'DELETE FROM api_signatures WHERE expires_ms <= @now';
/** A signature is kept once: a second offer finds its row and inserts nothing. */
export const SEE_SIGNATURE_SQL = `
INSERT INTO api_signatures (digest, expires_ms) VALUES (@digest, @expires) ON CONFLICT (digest) DO NOTHING`;
export const SEE_SIGNATURE_PARAMS = ['digest', 'expires'] as const;

export const KEEP_API_REQUEST_SQL = `
INSERT INTO api_requests (client, idempotency_key, request_id, action, fingerprint, created_ms)
VALUES (@client, @key, @requestId, @action, @fingerprint, @at)
ON CONFLICT (client, idempotency_key) DO NOTHING`;
export const KEEP_API_REQUEST_PARAMS = ['client', 'key', 'requestId', 'action', 'fingerprint', 'at'] as const;

const API_REQUEST_COLUMNS = 'client, idempotency_key, request_id, action, fingerprint, created_ms';
export const API_REQUEST_BY_KEY_SQL = `SELECT ${API_REQUEST_COLUMNS} FROM api_requests WHERE client = @client AND idempotency_key = @key`;
export const API_REQUEST_BY_ID_SQL = `SELECT ${API_REQUEST_COLUMNS} FROM api_requests WHERE request_id = @id`;

export const RECORDS_OF_SQL = 'SELECT record FROM audit_records WHERE request_id = @id ORDER BY id';

export interface ApiRequestRow {
  client: string;
  idempotency_key: string;
  request_id: string;
  action: string;
  fingerprint: string;
  created_ms: number | string;
}

export const apiRequestFromRow = (row: ApiRequestRow): ApiRequest => ({
  client: row.client,
  idempotencyKey: row.idempotency_key,
  requestId: row.request_id,
  action: row.action,
  fingerprint: row.fingerprint,
  at: new Date(Number(row.created_ms)),
});

export const apiRequestParams = (r: ApiRequest) => ({
  client: r.client,
  key: r.idempotencyKey,
  requestId: r.requestId,
  action: r.action,
  fingerprint: r.fingerprint,
  at: r.at.getTime(),
});

/**
 * A store written by a newer release than this one: starting on it would read columns this code does not know and
 * could lower its version, so start-up refuses with both versions (see docs/operations.md on rolling back).
 */
export class NewerSchemaError extends Error {}
export const newerSchema = (what: string, found: number, known: number): NewerSchemaError =>
  new NewerSchemaError(
    `${what} is at schema version ${found}, newer than this release knows (${known}): run the release that wrote it or a later one, or restore the backup taken before that upgrade.`,
  );

/** A list of the app's own words as SQL: never input. */
const sqlList = (words: readonly string[]) => words.map((w) => `'${w}'`).join(', ');

/**
 * Runs Slack's audit log may confirm: a final record (never a dry run) since @since, with a target Slack's log should
 * show (done, queued, unknown), and no `confirmed_by_slack` record yet; with when the run started.
 */
export const UNCONFIRMED_RUNS_SQL = `
SELECT f.record AS record,
  (SELECT MIN(s.time) FROM audit_records s WHERE s.request_id = f.request_id AND s.outcome = 'started') AS started_at
FROM audit_records f
WHERE f.outcome IN (${sqlList(FINAL_OUTCOMES.filter((o) => o !== 'dry_run'))}) AND f.time >= @since
  AND EXISTS (SELECT 1 FROM audit_targets t WHERE t.record_id = f.id AND t.result IN (${sqlList(SHOWN_IN_SLACK_LOG)}))
  AND NOT EXISTS (SELECT 1 FROM audit_records c WHERE c.request_id = f.request_id AND c.outcome = 'confirmed_by_slack')
ORDER BY f.id`;

/**
 * Turns at the jobs every process shares: a turn under a key is taken by one caller, and only once the last one's
 * hold (`until_ms`) has passed; one statement, so two processes never both take it. `note_ms` is what a turn leaves
 * for the next (the scan's "read up to").
 */
export const TAKE_TURN_SQL = `
INSERT INTO job_turns (key, until_ms, turns) VALUES (@key, @until, 1)
ON CONFLICT (key) DO UPDATE SET until_ms = excluded.until_ms, turns = job_turns.turns + 1
  WHERE job_turns.until_ms <= @now
RETURNING turns, note_ms`;
export const TAKE_TURN_PARAMS = ['key', 'until', 'now'] as const;

export const END_TURN_SQL =
  'UPDATE job_turns SET until_ms = @next, note_ms = COALESCE(@note, note_ms) WHERE key = @key';
export const END_TURN_PARAMS = ['key', 'next', 'note'] as const;

/** A turn row as both stores give it back (BIGINT comes back from PostgreSQL as a string). */
export const turnFromRow = (row: { turns: number | string; note_ms: number | string | null } | undefined) =>
  row ? { turn: Number(row.turns), ...(row.note_ms === null ? {} : { note: Number(row.note_ms) }) } : undefined;

/** An unconfirmed run as both stores give it back: the record (JSON text in SQLite) and its start. */
export function unconfirmedFromRow(row: { record: unknown; started_at: string | Date | null }) {
  const record = (typeof row.record === 'string' ? JSON.parse(row.record) : row.record) as AuditRecord;
  const started = row.started_at === null ? record.time : new Date(row.started_at).toISOString();
  return { record, startedAt: started };
}
