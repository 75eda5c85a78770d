import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteAuditStore } from '../../../src/adapters/sqlite-audit-store';
import { at, rec } from '../../support/records';

/** What only the SQLite store has; what every store does is in audit-store.contract.test.ts. */
describe('the SQLite audit store', () => {
  const path = () => join(mkdtempSync(join(tmpdir(), 'store-')), 'a', 'b', 'audit.db');

  it('creates its folder, uses WAL, and keeps records across a reopen', async () => {
    const file = path();
    const store = openSqliteAuditStore(file);
    await store.append(rec(1, 'W0ALICE0001', 'done'));
    await store.append(rec(2, 'W0BOB00001', 'failed'));
    await store.close();

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();

    const again = openSqliteAuditStore(file);
    expect((await again.recent(10)).map((r) => r.targets[0]?.userId)).toEqual(['W0BOB00001', 'W0ALICE0001']);
    expect(await again.forTarget('W0ALICE0001', 10)).toEqual([rec(1, 'W0ALICE0001', 'done')]);
    expect(await again.forTarget('W0NOBODY01', 10)).toEqual([]);
    await again.close();
  });
});

describe('the audit file', () => {
  it('is readable by the app user only', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mode-')), 'audit.db');
    const store = openSqliteAuditStore(file);
    await store.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('brings a file written by an earlier release up to date when it opens it, keeping its records', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'old-')), 'audit.db');
    await openSqliteAuditStore(file).close();
    // As an earlier release left it: no time or action on the targets, user_version 0.
    const old = new Database(file);
    old.exec(`DROP TABLE audit_targets;
      CREATE TABLE audit_targets (record_id INTEGER NOT NULL, user_id TEXT NOT NULL, team_id TEXT,
        session_id INTEGER, result TEXT NOT NULL, error TEXT);`);
    const earlier = rec(5, 'W0ALICE0001', 'done');
    const { lastInsertRowid } = old
      .prepare(
        `INSERT INTO audit_records (time, request_id, invoker_id, action, outcome, record) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        earlier.time,
        earlier.requestId,
        earlier.invokerId,
        earlier.action,
        earlier.outcome,
        JSON.stringify(earlier),
      );
    old
      .prepare('INSERT INTO audit_targets (record_id, user_id, result) VALUES (?, ?, ?)')
      .run(lastInsertRowid, 'W0ALICE0001', 'done');
    old.pragma('user_version = 0');
    old.close();

    const store = openSqliteAuditStore(file);
    const found = await store.lastActed('reset', ['W0ALICE0001'], new Date(at(0)));
    expect(found).toEqual(new Map([['W0ALICE0001', new Date(at(5))]]));
    await store.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(2);
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'audit_targets_user_time'").get()).toBeDefined();
    raw.close();
  });
});
