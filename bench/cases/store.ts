/**
 * 5. The store's share of a Submit, SQLite vs PostgreSQL: what every confirmed plan asks of it (was it run, the
 * cooldown, the claim, the "started" record and the final one), one plan at a time and ten at once, in-process.
 * PostgreSQL is the machine's (BENCH_DATABASE_URL, default the tests' server), in a schema of the run's own.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

export interface StoreCase {
  runs: StoreRun[];
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
    scope: 'all',
    targets: [{ userId, result }],
  });
  await store.wasExecuted(requestId);
  await store.lastResets([userId], new Date(now.getTime() - 10 * 60_000), requestId);
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
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
  const sqlite = openSqliteAuditStore(join(dir, 'audit.db'));
  try {
    for (const c of P.storeConcurrency) runs.push(await measure('SQLite', sqlite, c));
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2_000 });
  try {
    await admin.connect();
  } catch (error) {
    return { runs, skipped: `PostgreSQL at BENCH_DATABASE_URL did not answer (${String(error)})` };
  }
  const postgres = openPostgresAuditStore(DATABASE_URL, { schema });
  try {
    await postgres.migrate();
    for (const c of P.storeConcurrency) runs.push(await measure('PostgreSQL', postgres, c));
  } finally {
    await postgres.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
  return { runs };
}
