/**
 * 5. The store's share of a Submit, SQLite vs PostgreSQL: what every confirmed plan asks of it (was it run, the
 * cooldown, the claim, the "started" record and the final one), one plan at a time and ten at once, in-process.
 * PostgreSQL is the machine's (BENCH_DATABASE_URL, default the tests' server), in a schema of the run's own.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { openPostgresAuditStore } from '../../src/adapters/postgres-audit-store';
import { openSqliteAuditStore } from '../../src/adapters/sqlite-audit-store';
import type { AuditRecord } from '../../src/domain/audit-record';
import type { AuditStore } from '../../src/ports/audit-store';
import { P } from '../params';
import { clock } from '../slack-requests';
import { type Summary, summarize } from '../stats';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface StoreRun {
  store: 'SQLite' | 'PostgreSQL';
  concurrency: number;
  perSubmitMs: Summary;
  submitsPerS: number;
}

/** The cooldown look-up for one person reset often, with `records` records in the store. */
export interface LookupRun {
  store: StoreRun['store'];
  records: number;
  /** How many of them are resets of the person looked up. */
  theirs: number;
  lookupMs: Summary;
}

export interface StoreCase {
  runs: StoreRun[];
  lookups: LookupRun[];
  /** Why PostgreSQL was not measured, when it was not. */
  skipped?: string;
}

/** The store calls one confirmed reset of one person makes, in the order run-submission.ts makes them. */
async function submitPath(store: AuditStore, n: number): Promise<void> {
  const requestId = randomUUID();
  const userId = `W0STORE${String(n % 500).padStart(4, '0')}`;
  const now = new Date();
  const record = (outcome: AuditRecord['outcome'], result: 'pending' | 'done'): AuditRecord => ({
    time: new Date().toISOString(),
    requestId,
    invokerId: 'W0ADMIN001',
    action: 'reset',
    outcome,
    details: { scope: 'all' },
    targets: [{ userId, result }],
  });
  await store.wasExecuted(requestId);
  await store.lastActed('reset', [userId], new Date(now.getTime() - 10 * 60_000), requestId);
  if (!(await store.claim(requestId))) throw new Error('a fresh plan was not claimed');
  await store.append(record('started', 'pending'));
  await store.append(record('executed', 'done'));
}

async function measure(name: StoreRun['store'], store: AuditStore, concurrency: number): Promise<StoreRun> {
  for (let i = 0; i < 50; i++) await submitPath(store, i);
  const samples: number[] = [];
  let next = 0;
  const total = P.storeSubmits;
  const started = clock();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const n = next++;
        const t0 = clock();
        await submitPath(store, n);
        samples.push(clock() - t0);
      }
    }),
  );
  return {
    store: name,
    concurrency,
    perSubmitMs: summarize(samples),
    submitsPerS: total / ((clock() - started) / 1000),
  };
}

export async function storeCase(): Promise<StoreCase> {
  const runs: StoreRun[] = [];
  const lookups: LookupRun[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
  const sqlite = openSqliteAuditStore(join(dir, 'audit.db'));
  try {
    for (const c of P.storeConcurrency) runs.push(await measure('SQLite', sqlite, c));
  } finally {
    await sqlite.close();
  }
  try {
    for (const n of P.lookupRecords) {
      const file = join(dir, `lookup-${n}.db`);
      await openSqliteAuditStore(file).close();
      const db = new Database(file);
      const theirs = seedSqlite(db, n);
      db.close();
      const store = openSqliteAuditStore(file);
      lookups.push({ store: 'SQLite', records: n, theirs, lookupMs: await timeLookups(store) });
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2_000 });
  try {
    await admin.connect();
  } catch (error) {
    return { runs, lookups, skipped: `PostgreSQL at BENCH_DATABASE_URL did not answer (${String(error)})` };
  }
  const postgres = openPostgresAuditStore(DATABASE_URL, { schema });
  try {
    await postgres.migrate();
    for (const c of P.storeConcurrency) runs.push(await measure('PostgreSQL', postgres, c));
    for (const n of P.lookupRecords) {
      const theirs = await seedPostgres(admin, schema, n);
      lookups.push({ store: 'PostgreSQL', records: n, theirs, lookupMs: await timeLookups(postgres) });
    }
  } finally {
    await postgres.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
  return { runs, lookups };
}

/** The person looked up: one in fifty records resets them, as for someone hit again and again. */
const OFTEN = 'W0OFTEN0001';
const EVERY = 50;
/** Records are a minute apart and end an hour ago: none is inside the 10-minute cooldown window. */
const seedTime = (i: number, n: number) => new Date(Date.now() - 3_600_000 - (n - i) * 60_000).toISOString();

/** N one-target reset records straight into the file (one transaction), as years of use would leave them. */
function seedSqlite(db: Database.Database, n: number): number {
  const record = db.prepare(
    `INSERT INTO audit_records (time, request_id, invoker_id, action, outcome, record) VALUES (?, ?, 'W0ADMIN001', 'reset', 'executed', '{}')`,
  );
  const target = db.prepare(
    `INSERT INTO audit_targets (record_id, user_id, result, time, action) VALUES (?, ?, 'done', ?, 'reset')`,
  );
  let theirs = 0;
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const time = seedTime(i, n);
      const { lastInsertRowid } = record.run(time, `seed-${i}`);
      const user = i % EVERY === 0 ? OFTEN : `W0P${String(i % 5000).padStart(7, '0')}`;
      if (user === OFTEN) theirs++;
      target.run(lastInsertRowid, user, time);
    }
  })();
  return theirs;
}

/** The same records in PostgreSQL, in two statements; the schema is emptied first. */
async function seedPostgres(client: Client, schema: string, n: number): Promise<number> {
  const q = (sql: string) => client.query(sql.replaceAll('$S', `"${schema}"`));
  await q('TRUNCATE $S.audit_targets, $S.audit_records');
  await q(`INSERT INTO $S.audit_records (time, request_id, invoker_id, action, outcome, record)
    SELECT now() - interval '1 hour' - (${n} - i) * interval '1 minute', 'seed-' || i, 'W0ADMIN001', 'reset',
      'executed', '{}'::jsonb FROM generate_series(0, ${n - 1}) AS i`);
  await q(`INSERT INTO $S.audit_targets (record_id, user_id, result, time, action)
    SELECT id, CASE WHEN (id % ${EVERY}) = 0 THEN '${OFTEN}' ELSE 'W0P' || lpad((id % 5000)::text, 7, '0') END,
      'done', time, 'reset' FROM $S.audit_records`);
  await q('ANALYZE $S.audit_targets');
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM "${schema}".audit_targets WHERE user_id = $1`, [
    OFTEN,
  ]);
  return rows[0]?.n ?? 0;
}

/** The cooldown look-up for the person reset often, as a confirmation makes it (nothing is in the window). */
async function timeLookups(store: AuditStore): Promise<Summary> {
  const since = () => new Date(Date.now() - 10 * 60_000);
  for (let i = 0; i < 50; i++) await store.lastActed('reset', [OFTEN], since());
  const samples: number[] = [];
  for (let i = 0; i < P.lookupSamples; i++) {
    const t0 = clock();
    await store.lastActed('reset', [OFTEN], since());
    samples.push(clock() - t0);
  }
  return summarize(samples);
}
