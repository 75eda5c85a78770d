import { Pool, type PoolClient } from 'pg';
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
  CREATE_APPROVAL_PARAMS,
  CREATE_APPROVAL_SQL,
  DECIDE_APPROVAL_PARAMS,
  DECIDE_APPROVAL_SQL,
  END_TURN_PARAMS,
  END_TURN_SQL,
  EXPIRED_APPROVALS_SQL,
  FORGET_SIGNATURES_SQL,
  GET_APPROVAL_SQL,
  KEEP_API_REQUEST_PARAMS,
  KEEP_API_REQUEST_SQL,
  KEEP_PLAN_PARAMS,
  KEEP_PLAN_SQL,
  KEPT_PLAN_SQL,
  keptDocument,
  keptFromRow,
  newerSchema,
  numbered,
  PENDING_APPROVALS_SQL,
  RECORDS_OF_SQL,
  SEE_SIGNATURE_PARAMS,
  SEE_SIGNATURE_SQL,
  SET_APPROVAL_MESSAGE_PARAMS,
  SET_APPROVAL_MESSAGE_SQL,
  TAKE_TURN_PARAMS,
  TAKE_TURN_SQL,
  THROTTLE_PARAMS,
  THROTTLE_SQL,
  turnFromRow,
  UNCONFIRMED_RUNS_SQL,
  unconfirmedFromRow,
} from './shared-sql';

/** Outcome lists as SQL: app-owned words, never input. */
const FINAL_SQL = FINAL_OUTCOMES.map((o) => `'${o}'`).join(', ');
const RUNNABLE_SQL = STILL_RUNNABLE.map((o) => `'${o}'`).join(', ');

/**
 * Versioned schema changes, applied in order at start and recorded in schema_migrations. Append only: a released
 * migration is never edited, so every replica and every restart agrees on what version N means.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE audit_records (
     id BIGSERIAL PRIMARY KEY,
     time TIMESTAMPTZ NOT NULL,
     request_id TEXT NOT NULL,
     invoker_id TEXT NOT NULL,
     action TEXT NOT NULL,
     outcome TEXT NOT NULL,
     scope TEXT,
     reason TEXT,
     record JSONB NOT NULL
   );
   CREATE INDEX audit_records_time ON audit_records (time);
   CREATE INDEX audit_records_request ON audit_records (request_id);
   CREATE TABLE audit_targets (
     record_id BIGINT NOT NULL REFERENCES audit_records (id),
     user_id TEXT NOT NULL,
     team_id TEXT,
     session_id BIGINT,
     result TEXT NOT NULL,
     error TEXT
   );
   CREATE INDEX audit_targets_user ON audit_targets (user_id, record_id);`,
  `CREATE TABLE plan_claims (
     request_id TEXT PRIMARY KEY,
     claimed_at TIMESTAMPTZ NOT NULL DEFAULT now()
   );`,
  `CREATE INDEX audit_records_started ON audit_records (id) WHERE outcome = 'started';
   CREATE TABLE post_throttle (
     key TEXT PRIMARY KEY,
     posted_at BIGINT NOT NULL,
     held INTEGER NOT NULL,
     held_before INTEGER NOT NULL
   );`,
  `CREATE TABLE approvals (
     id TEXT PRIMARY KEY,
     request JSONB NOT NULL,
     status TEXT NOT NULL,
     expires_ms BIGINT NOT NULL,
     decider_id TEXT,
     decided_at TEXT,
     deny_reason TEXT,
     channel TEXT,
     message_ts TEXT
   );
   CREATE INDEX approvals_pending ON approvals (expires_ms) WHERE status = 'pending';`,
  `CREATE TABLE kept_plans (
     request_id TEXT PRIMARY KEY,
     plan JSONB NOT NULL,
     kept_ms BIGINT NOT NULL
   );`,
  // The cooldown look-up reads a person's resets in a time window from an index, whatever their history.
  `ALTER TABLE audit_targets ADD COLUMN time TIMESTAMPTZ, ADD COLUMN action TEXT;
   UPDATE audit_targets t SET time = r.time, action = r.action FROM audit_records r WHERE r.id = t.record_id;
   CREATE INDEX audit_targets_user_time ON audit_targets (user_id, time);`,
  // A record carries its action's own details (a JSON object) where it carried a reset's scope; older records'
  // scope becomes the reset's details, { "scope": … }, in the column and in the record alike.
  `ALTER TABLE audit_records RENAME COLUMN scope TO details;
   ALTER TABLE audit_records ALTER COLUMN details TYPE JSONB
     USING CASE WHEN details IS NULL THEN NULL ELSE jsonb_build_object('scope', details) END;
   UPDATE audit_records SET record = (record - 'scope') || jsonb_build_object('details', details)
     WHERE details IS NOT NULL;`,
  // Turns at the jobs every process shares (each run's check with Slack's audit log, the scan of it).
  `CREATE TABLE job_turns (
     key TEXT PRIMARY KEY,
     until_ms BIGINT NOT NULL,
     turns INTEGER NOT NULL,
     note_ms BIGINT
   );`,
  // The signed API's signatures seen (replays refused across replicas) and requests by idempotency key.
  API_TABLES_SQL,
];

const THROTTLE = numbered(THROTTLE_SQL, THROTTLE_PARAMS);
const CREATE_APPROVAL = numbered(CREATE_APPROVAL_SQL, CREATE_APPROVAL_PARAMS);
const GET_APPROVAL = numbered(GET_APPROVAL_SQL, ['id']);
const SET_APPROVAL_MESSAGE = numbered(SET_APPROVAL_MESSAGE_SQL, SET_APPROVAL_MESSAGE_PARAMS);
const DECIDE_APPROVAL = numbered(DECIDE_APPROVAL_SQL, DECIDE_APPROVAL_PARAMS);
const EXPIRED_APPROVALS = numbered(EXPIRED_APPROVALS_SQL, ['now']);
const KEEP_PLAN = numbered(KEEP_PLAN_SQL, KEEP_PLAN_PARAMS);
const KEPT_PLAN = numbered(KEPT_PLAN_SQL, ['id']);
const UNCONFIRMED_RUNS = numbered(UNCONFIRMED_RUNS_SQL, ['since']);
const TAKE_TURN = numbered(TAKE_TURN_SQL, TAKE_TURN_PARAMS);
const END_TURN = numbered(END_TURN_SQL, END_TURN_PARAMS);
const RECORDS_OF = numbered(RECORDS_OF_SQL, ['id']);
const FORGET_SIGNATURES = numbered(FORGET_SIGNATURES_SQL, ['now']);
const SEE_SIGNATURE = numbered(SEE_SIGNATURE_SQL, SEE_SIGNATURE_PARAMS);
const KEEP_API_REQUEST = numbered(KEEP_API_REQUEST_SQL, KEEP_API_REQUEST_PARAMS);
const API_REQUEST_BY_KEY = numbered(API_REQUEST_BY_KEY_SQL, ['client', 'key']);
const API_REQUEST_BY_ID = numbered(API_REQUEST_BY_ID_SQL, ['id']);

/** Any constant the app owns: two replicas starting at once take turns at the migrations, never both. */
const MIGRATION_LOCK = 7_312_024_001;

export interface PostgresOptions {
  /** Where the tables live; tests use a schema of their own per run. */
  schema?: string;
}

/**
 * The audit trail in PostgreSQL, shared by every replica. One transaction per record, so a record `append` returned
 * for is committed with all its targets.
 */
export function openPostgresAuditStore(connectionString: string, options: PostgresOptions = {}): AuditStore {
  const schema = options.schema;
  const pool = new Pool({
    connectionString,
    max: 5,
    connectionTimeoutMillis: 5_000,
    // A database cut off mid-query (not refusing, just gone) must not hold a record, and the plan behind it, forever.
    query_timeout: 10_000,
    keepAlive: true,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that the server drops must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);

  const inTransaction = async <T>(work: (client: PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  const records = (rows: { record: AuditRecord }[]) => rows.map((r) => r.record);

  return {
    async migrate() {
      await inTransaction(async (client) => {
        // Held to the end of the transaction: a second replica waits here, then finds nothing left to do.
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
        await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)');
        const done = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
        const applied = new Set(done.rows.map((r) => r.version));
        const newest = Math.max(0, ...applied);
        if (newest > MIGRATIONS.length) throw newerSchema('The PostgreSQL database', newest, MIGRATIONS.length);
        for (const [index, sql] of MIGRATIONS.entries()) {
          const version = index + 1;
          if (applied.has(version)) continue;
          await client.query(sql);
          await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
        }
      });
      return MIGRATIONS.length;
    },
    async append(r) {
      await inTransaction(async (client) => {
        const inserted = await client.query<{ id: string }>(
          `INSERT INTO audit_records (time, request_id, invoker_id, action, outcome, details, reason, record)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [r.time, r.requestId, r.invokerId, r.action, r.outcome, r.details ?? null, r.reason ?? null, r],
        );
        const id = inserted.rows[0]?.id;
        for (const t of r.targets) {
          await client.query(
            `INSERT INTO audit_targets (record_id, user_id, team_id, session_id, result, error, time, action)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [id, t.userId, t.teamId ?? null, t.sessionId ?? null, t.result, t.error ?? null, r.time, r.action],
          );
        }
      });
    },
    async recent(limit) {
      // A refusal that named nobody has no targets; its record is read only to count it (see refusalsSince).
      const { rows } = await pool.query(
        `SELECT record FROM audit_records
         WHERE NOT (outcome = 'refused' AND jsonb_array_length(record->'targets') = 0)
         ORDER BY id DESC LIMIT $1`,
        [limit],
      );
      return records(rows);
    },
    async refusalsSince(since) {
      const { rows } = await pool.query(
        `SELECT count(*)::int AS attempts, count(DISTINCT invoker_id)::int AS people FROM audit_records
         WHERE time >= $1 AND outcome = 'refused' AND jsonb_array_length(record->'targets') = 0`,
        [since],
      );
      return { attempts: rows[0]?.attempts ?? 0, people: rows[0]?.people ?? 0 };
    },
    async forTarget(userId, limit) {
      const { rows } = await pool.query(
        `SELECT r.record FROM audit_records r
         WHERE r.id IN (SELECT record_id FROM audit_targets WHERE user_id = $1)
         ORDER BY r.id DESC LIMIT $2`,
        [userId, limit],
      );
      return records(rows);
    },
    async lastActed(action, userIds, since, exceptRequestId = '') {
      if (userIds.length === 0) return new Map();
      // 'unknown' and 'pending' count: the action may have happened (or is happening right now, by another admin).
      const { rows } = await pool.query<{ user_id: string; time: Date }>(
        `SELECT t.user_id, MAX(t.time) AS time FROM audit_targets t JOIN audit_records r ON r.id = t.record_id
         WHERE t.user_id = ANY($1) AND t.time >= $2 AND t.action = $4
           AND t.result IN ('done', 'unknown', 'pending') AND r.request_id <> $3
         GROUP BY t.user_id`,
        [userIds, since, exceptRequestId, action],
      );
      return new Map(rows.map((r) => [r.user_id, new Date(r.time)]));
    },
    async unfinishedPlans() {
      const { rows } = await pool.query(
        `SELECT s.record FROM audit_records s WHERE s.outcome = 'started' AND NOT EXISTS
           (SELECT 1 FROM audit_records f WHERE f.request_id = s.request_id AND f.outcome IN (${FINAL_SQL}))
         ORDER BY s.id`,
      );
      return records(rows);
    },
    async wasExecuted(requestId) {
      const { rowCount } = await pool.query(
        `SELECT 1 FROM audit_records WHERE request_id = $1 AND outcome NOT IN (${RUNNABLE_SQL}) LIMIT 1`,
        [requestId],
      );
      return (rowCount ?? 0) > 0;
    },
    async claim(requestId) {
      // The primary key makes two replicas' claims of the same plan at the same instant yield one row.
      const { rowCount } = await pool.query(
        `INSERT INTO plan_claims (request_id)
         SELECT $1 WHERE NOT EXISTS
           (SELECT 1 FROM audit_records WHERE request_id = $1 AND outcome NOT IN (${RUNNABLE_SQL}))
         AND NOT EXISTS (SELECT 1 FROM approvals WHERE id = $1 AND status IN ('denied', 'expired'))
         ON CONFLICT (request_id) DO NOTHING`,
        [requestId],
      );
      return rowCount === 1;
    },
    async throttle(key, windowMs, now) {
      const { rows } = await pool.query<{ post: boolean; held_before: number }>(THROTTLE, [
        key,
        now.getTime(),
        now.getTime() - windowMs,
      ]);
      const row = rows[0];
      return { post: row?.post === true, heldBack: row?.held_before ?? 0 };
    },
    async createApproval(r) {
      const { rowCount } = await pool.query(CREATE_APPROVAL, [r.id, approvalDocument(r), Date.parse(r.expiresAt)]);
      return rowCount === 1;
    },
    async getApproval(id) {
      const { rows } = await pool.query<ApprovalRow>(GET_APPROVAL, [id]);
      return rows[0] ? approvalFromRow(rows[0]) : undefined;
    },
    async setApprovalMessage(id, channel, ts) {
      await pool.query(SET_APPROVAL_MESSAGE, [id, channel, ts]);
    },
    async decideApproval(id, d) {
      const { rows } = await pool.query<ApprovalRow>(DECIDE_APPROVAL, [
        id,
        d.status,
        d.deciderId ?? null,
        d.at.toISOString(),
        d.reason ?? null,
        d.at.getTime(),
      ]);
      return rows[0] ? approvalFromRow(rows[0]) : undefined;
    },
    async pendingApprovals() {
      const { rows } = await pool.query<{ n: string }>(PENDING_APPROVALS_SQL);
      return Number(rows[0]?.n ?? 0);
    },
    async expiredApprovals(now) {
      const { rows } = await pool.query<ApprovalRow>(EXPIRED_APPROVALS, [now.getTime()]);
      return rows.map(approvalFromRow);
    },
    async keepPlan(plan, viewId) {
      await pool.query(KEEP_PLAN, [plan.requestId, keptDocument(plan, viewId), Date.now()]);
    },
    async keptPlan(requestId) {
      const { rows } = await pool.query<{ plan: unknown; kept_ms: string }>(KEPT_PLAN, [requestId]);
      return rows[0] ? keptFromRow(rows[0]) : undefined;
    },
    async unconfirmedRuns(since) {
      const { rows } = await pool.query<{ record: unknown; started_at: Date | null }>(UNCONFIRMED_RUNS, [since]);
      return rows.map(unconfirmedFromRow);
    },
    async takeTurn(key, now, holdUntil) {
      const { rows } = await pool.query<{ turns: number; note_ms: string | null }>(TAKE_TURN, [
        key,
        holdUntil.getTime(),
        now.getTime(),
      ]);
      return turnFromRow(rows[0]);
    },
    async endTurn(key, nextAt, note) {
      await pool.query(END_TURN, [key, nextAt.getTime(), note ?? null]);
    },
    async recordsOf(requestId) {
      const { rows } = await pool.query(RECORDS_OF, [requestId]);
      return records(rows);
    },
    async firstUse(signature, expiresAt) {
      await pool.query(FORGET_SIGNATURES, [Date.now()]);
      const { rowCount } = await pool.query(SEE_SIGNATURE, [signature, expiresAt.getTime()]);
      return rowCount === 1;
    },
    async keepApiRequest(request) {
      const p = apiRequestParams(request);
      const { rowCount } = await pool.query(
        KEEP_API_REQUEST,
        KEEP_API_REQUEST_PARAMS.map((name) => p[name]),
      );
      const { rows } = await pool.query<ApiRequestRow>(API_REQUEST_BY_KEY, [p.client, p.key]);
      if (!rows[0]) throw new Error('an API request just kept could not be read back');
      return { request: apiRequestFromRow(rows[0]), first: rowCount === 1 };
    },
    async apiRequest(requestId) {
      const { rows } = await pool.query<ApiRequestRow>(API_REQUEST_BY_ID, [requestId]);
      return rows[0] ? apiRequestFromRow(rows[0]) : undefined;
    },
    async close() {
      await pool.end();
    },
  };
}

/** A schema name is the app's own (tests make it), but it still goes into SQL text: quote it as an identifier. */
function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
