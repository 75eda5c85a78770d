import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type AuditRecord, FINAL_OUTCOMES, STILL_RUNNABLE } from '../domain/audit-record';
import type { AuditStore } from '../ports/audit-store';
import {
  API_REQUEST_BY_ID_SQL,
  API_REQUEST_BY_KEY_SQL,
  API_TABLES_SQL,
  type ApiRequestRow,
  type ApprovalRow,
  apiRequestFromRow,
  apiRequestParams,
  approvalDocument,
  approvalFromRow,
  CREATE_APPROVAL_SQL,
  DECIDE_APPROVAL_SQL,
  END_TURN_SQL,
  EXPIRED_APPROVALS_SQL,
  FORGET_SIGNATURES_SQL,
  GET_APPROVAL_SQL,
  KEEP_API_REQUEST_SQL,
  KEEP_PLAN_SQL,
  KEPT_PLAN_SQL,
  keptDocument,
  keptFromRow,
  newerSchema,
  PENDING_APPROVALS_SQL,
  RECORDS_OF_SQL,
  SEE_SIGNATURE_SQL,
  SET_APPROVAL_MESSAGE_SQL,
  TAKE_TURN_SQL,
  THROTTLE_SQL,
  turnFromRow,
  UNCONFIRMED_RUNS_SQL,
  unconfirmedFromRow,
} from './shared-sql';

type ThrottleRow = { post: number; held_before: number };

/** Outcome lists as SQL: app-owned words, never input. */
const FINAL_SQL = FINAL_OUTCOMES.map((o) => `'${o}'`).join(', ');
const RUNNABLE_SQL = STILL_RUNNABLE.map((o) => `'${o}'`).join(', ');

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_records (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  time TEXT NOT NULL,
  request_id TEXT NOT NULL,
  invoker_id TEXT NOT NULL,
  action TEXT NOT NULL,
  outcome TEXT NOT NULL,
  scope TEXT,
  reason TEXT,
  record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_records_time ON audit_records (time);
CREATE INDEX IF NOT EXISTS audit_records_request ON audit_records (request_id);
CREATE TABLE IF NOT EXISTS audit_targets (
  record_id INTEGER NOT NULL REFERENCES audit_records (id),
  user_id TEXT NOT NULL,
  team_id TEXT,
  session_id INTEGER,
  result TEXT NOT NULL,
  error TEXT
);
CREATE INDEX IF NOT EXISTS audit_targets_user ON audit_targets (user_id, record_id);
CREATE TABLE IF NOT EXISTS plan_claims (
  request_id TEXT PRIMARY KEY,
  claimed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_records_started ON audit_records (id) WHERE outcome = 'started';
CREATE TABLE IF NOT EXISTS post_throttle (
  key TEXT PRIMARY KEY,
  posted_at INTEGER NOT NULL,
  held INTEGER NOT NULL,
  held_before INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS approvals (
  id TEXT PRIMARY KEY,
  request TEXT NOT NULL,
  status TEXT NOT NULL,
  expires_ms INTEGER NOT NULL,
  decider_id TEXT,
  decided_at TEXT,
  deny_reason TEXT,
  channel TEXT,
  message_ts TEXT
);
CREATE INDEX IF NOT EXISTS approvals_pending ON approvals (expires_ms) WHERE status = 'pending';
CREATE TABLE IF NOT EXISTS kept_plans (
  request_id TEXT PRIMARY KEY,
  plan TEXT NOT NULL,
  kept_ms INTEGER NOT NULL
);
`;

/**
 * Changes to a schema that SCHEMA created (or an older release did), in order, recorded in `user_version`: a file
 * written by any earlier release is brought up to date when opened. Append only.
 */
const SQLITE_MIGRATIONS: readonly string[] = [
  // 1: the cooldown look-up reads a person's resets in a time window from an index, whatever their history.
  `ALTER TABLE audit_targets ADD COLUMN time TEXT;
   ALTER TABLE audit_targets ADD COLUMN action TEXT;
   UPDATE audit_targets SET
     time = (SELECT r.time FROM audit_records r WHERE r.id = audit_targets.record_id),
     action = (SELECT r.action FROM audit_records r WHERE r.id = audit_targets.record_id);
   CREATE INDEX audit_targets_user_time ON audit_targets (user_id, time);`,
  // 2: a record carries its action's own details (a JSON object) where it carried a reset's scope; older records'
  // scope becomes the reset's details, { "scope": … }, in the column and in the record alike.
  `ALTER TABLE audit_records RENAME COLUMN scope TO details;
   UPDATE audit_records SET details = json_object('scope', details) WHERE details IS NOT NULL;
   UPDATE audit_records SET record = json_set(json_remove(record, '$.scope'), '$.details', json(details))
     WHERE details IS NOT NULL;`,
  // 3: turns at the jobs every process shares (each run's check with Slack's audit log, the scan of it). IF NOT EXISTS:
  // release 0.1.0 left user_version at 0 whatever the file held.
  `CREATE TABLE IF NOT EXISTS job_turns (
     key TEXT PRIMARY KEY,
     until_ms INTEGER NOT NULL,
     turns INTEGER NOT NULL,
     note_ms INTEGER
   );`,
  // 4: the signed API's signatures seen (replays refused across replicas) and requests by idempotency key.
  API_TABLES_SQL,
];

/**
 * Brings the file up to this release's schema and says which version it is at. Never lowers `user_version`: a file a
 * newer release wrote is refused with both versions named, not half-read (a rollback restores a backup instead).
 */
function migrate(db: Database.Database, path: string): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  const known = SQLITE_MIGRATIONS.length;
  if (version > known) throw newerSchema(`The SQLite file ${path}`, version, known);
  db.transaction(() => {
    for (const [i, sql] of SQLITE_MIGRATIONS.entries()) {
      // Release 0.1.0 wrote user_version 0 whatever it found: a file it reopened after an upgrade has the columns.
      const applied = [
        hasColumn(db, 'audit_targets', 'time'),
        hasColumn(db, 'audit_records', 'details'),
        hasTable(db, 'job_turns'),
        hasTable(db, 'api_requests'),
      ][i];
      if (i + 1 > version && !applied) db.exec(sql);
    }
    db.pragma(`user_version = ${known}`);
  })();
  return known;
}

const hasColumn = (db: Database.Database, table: string, column: string): boolean =>
  (db.pragma(`table_info(${table})`) as { name: string }[]).some((c) => c.name === column);

const hasTable = (db: Database.Database, table: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;

/**
 * The audit trail in an embedded SQLite file. WAL with synchronous=FULL and one transaction per record: a record
 * that `append` returned for survives a crash or a power cut.
 */
export function openSqliteAuditStore(path: string): AuditStore {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Only the app's user may read who signed out whom; SQLite gives its -wal and -shm files the same mode.
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
  }
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  const schemaVersion = migrate(db, path);

  const insertRecord = db.prepare(
    `INSERT INTO audit_records (time, request_id, invoker_id, action, outcome, details, reason, record)
     VALUES (@time, @requestId, @invokerId, @action, @outcome, @details, @reason, @record)`,
  );
  const insertTarget = db.prepare(
    `INSERT INTO audit_targets (record_id, user_id, team_id, session_id, result, error, time, action)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const append = db.transaction((r: AuditRecord) => {
    const { lastInsertRowid } = insertRecord.run({
      time: r.time,
      requestId: r.requestId,
      invokerId: r.invokerId,
      action: r.action,
      outcome: r.outcome,
      details: r.details ? JSON.stringify(r.details) : null,
      reason: r.reason ?? null,
      record: JSON.stringify(r),
    });
    for (const t of r.targets) {
      insertTarget.run(
        lastInsertRowid,
        t.userId,
        t.teamId ?? null,
        t.sessionId ?? null,
        t.result,
        t.error ?? null,
        r.time,
        r.action,
      );
    }
  });
  // A refusal that named nobody has no targets; its record is read only to count it (see refusalsSince).
  const recent = db.prepare(
    `SELECT record FROM audit_records
     WHERE NOT (outcome = 'refused' AND json_array_length(record, '$.targets') = 0)
     ORDER BY id DESC LIMIT ?`,
  );
  const refusals = db.prepare(
    `SELECT count(*) AS attempts, count(DISTINCT invoker_id) AS people FROM audit_records
     WHERE time >= ? AND outcome = 'refused' AND json_array_length(record, '$.targets') = 0`,
  );
  const forTarget = db.prepare(
    `SELECT r.record FROM audit_records r
     WHERE r.id IN (SELECT record_id FROM audit_targets WHERE user_id = ?)
     ORDER BY r.id DESC LIMIT ?`,
  );
  // 'unknown' and 'pending' count: the action may have happened (or is happening right now, by another admin).
  // From the (user, time) index: only the rows inside the window are read, however long the person's history.
  const lastActed = db.prepare(
    `SELECT MAX(t.time) AS time FROM audit_targets t JOIN audit_records r ON r.id = t.record_id
     WHERE t.user_id = ? AND t.time >= ? AND t.action = ? AND t.result IN ('done', 'unknown', 'pending')
       AND r.request_id <> ?`,
  );
  const unfinished = db.prepare(
    `SELECT s.record FROM audit_records s WHERE s.outcome = 'started' AND NOT EXISTS
       (SELECT 1 FROM audit_records f WHERE f.request_id = s.request_id AND f.outcome IN (${FINAL_SQL}))
     ORDER BY s.id`,
  );
  const executed = db.prepare(
    `SELECT 1 FROM audit_records WHERE request_id = ? AND outcome NOT IN (${RUNNABLE_SQL}) LIMIT 1`,
  );
  // One statement: the claim row exists for exactly one caller, and never once a record says the plan ran or ended.
  const insertClaim = db.prepare(
    `INSERT OR IGNORE INTO plan_claims (request_id, claimed_at)
     SELECT ?, ? WHERE NOT EXISTS
       (SELECT 1 FROM audit_records WHERE request_id = ? AND outcome NOT IN (${RUNNABLE_SQL}))
     AND NOT EXISTS (SELECT 1 FROM approvals WHERE id = ? AND status IN ('denied', 'expired'))`,
  );
  const throttle = db.prepare(THROTTLE_SQL);
  const createApproval = db.prepare(CREATE_APPROVAL_SQL);
  const getApproval = db.prepare(GET_APPROVAL_SQL);
  const setApprovalMessage = db.prepare(SET_APPROVAL_MESSAGE_SQL);
  const decideApproval = db.prepare(DECIDE_APPROVAL_SQL);
  const expiredApprovals = db.prepare(EXPIRED_APPROVALS_SQL);
  const pendingApprovals = db.prepare(PENDING_APPROVALS_SQL);
  const keepPlan = db.prepare(KEEP_PLAN_SQL);
  const keptPlan = db.prepare(KEPT_PLAN_SQL);
  const unconfirmedRuns = db.prepare(UNCONFIRMED_RUNS_SQL);
  const takeTurn = db.prepare(TAKE_TURN_SQL);
  const endTurn = db.prepare(END_TURN_SQL);
  const recordsOf = db.prepare(RECORDS_OF_SQL);
  const forgetSignatures = db.prepare(FORGET_SIGNATURES_SQL);
  const seeSignature = db.prepare(SEE_SIGNATURE_SQL);
  const keepApiRequest = db.prepare(KEEP_API_REQUEST_SQL);
  const apiRequestByKey = db.prepare(API_REQUEST_BY_KEY_SQL);
  const apiRequestById = db.prepare(API_REQUEST_BY_ID_SQL);
  const parse = (rows: unknown[]) => rows.map((row) => JSON.parse((row as { record: string }).record) as AuditRecord);

  return {
    // The schema is brought up to date when the file is opened: nothing is left to do.
    async migrate() {
      return schemaVersion;
    },
    async append(record) {
      append(record);
    },
    async recent(limit) {
      return parse(recent.all(limit));
    },
    async refusalsSince(since) {
      const row = refusals.get(since.toISOString()) as { attempts: number; people: number };
      return { attempts: row.attempts, people: row.people };
    },
    async forTarget(userId, limit) {
      return parse(forTarget.all(userId, limit));
    },
    async lastActed(action, userIds, since, exceptRequestId = '') {
      const found = new Map<string, Date>();
      for (const id of userIds) {
        const row = lastActed.get(id, since.toISOString(), action, exceptRequestId) as
          | { time: string | null }
          | undefined;
        if (row?.time) found.set(id, new Date(row.time));
      }
      return found;
    },
    async unfinishedPlans() {
      return parse(unfinished.all());
    },
    async wasExecuted(requestId) {
      return executed.get(requestId) !== undefined;
    },
    async claim(requestId) {
      return insertClaim.run(requestId, new Date().toISOString(), requestId, requestId).changes === 1;
    },
    async throttle(key, windowMs, now) {
      const row = throttle.get({ key, now: now.getTime(), due: now.getTime() - windowMs }) as ThrottleRow;
      return { post: row.post === 1, heldBack: row.held_before };
    },
    async createApproval(r) {
      const expires = Date.parse(r.expiresAt);
      return createApproval.run({ id: r.id, request: approvalDocument(r), expires }).changes === 1;
    },
    async getApproval(id) {
      const row = getApproval.get({ id }) as ApprovalRow | undefined;
      return row ? approvalFromRow(row) : undefined;
    },
    async setApprovalMessage(id, channel, ts) {
      setApprovalMessage.run({ id, channel, ts });
    },
    async decideApproval(id, d) {
      const row = decideApproval.get({
        id,
        status: d.status,
        decider: d.deciderId ?? null,
        at: d.at.toISOString(),
        reason: d.reason ?? null,
        now: d.at.getTime(),
      }) as ApprovalRow | undefined;
      return row ? approvalFromRow(row) : undefined;
    },
    async pendingApprovals() {
      return (pendingApprovals.get() as { n: number }).n;
    },
    async expiredApprovals(now) {
      return (expiredApprovals.all({ now: now.getTime() }) as ApprovalRow[]).map(approvalFromRow);
    },
    async keepPlan(plan, viewId) {
      keepPlan.run({ id: plan.requestId, plan: keptDocument(plan, viewId), now: Date.now() });
    },
    async keptPlan(requestId) {
      const row = keptPlan.get({ id: requestId }) as { plan: string; kept_ms: number } | undefined;
      return row ? keptFromRow(row) : undefined;
    },
    async unconfirmedRuns(since) {
      return (
        unconfirmedRuns.all({ since: since.toISOString() }) as { record: string; started_at: string | null }[]
      ).map(unconfirmedFromRow);
    },
    async takeTurn(key, now, holdUntil) {
      return turnFromRow(
        takeTurn.get({ key, until: holdUntil.getTime(), now: now.getTime() }) as
          | { turns: number; note_ms: number | null }
          | undefined,
      );
    },
    async endTurn(key, nextAt, note) {
      endTurn.run({ key, next: nextAt.getTime(), note: note ?? null });
    },
    async recordsOf(requestId) {
      return parse(recordsOf.all({ id: requestId }));
    },
    async firstUse(signature, expiresAt) {
      forgetSignatures.run({ now: Date.now() });
      return seeSignature.run({ digest: signature, expires: expiresAt.getTime() }).changes === 1;
    },
    async keepApiRequest(request) {
      const first = keepApiRequest.run(apiRequestParams(request)).changes === 1;
      const row = apiRequestByKey.get({ client: request.client, key: request.idempotencyKey }) as ApiRequestRow;
      return { request: apiRequestFromRow(row), first };
    },
    async apiRequest(requestId) {
      const row = apiRequestById.get({ id: requestId }) as ApiRequestRow | undefined;
      return row ? apiRequestFromRow(row) : undefined;
    },
    async close() {
      db.close();
    },
  };
}
