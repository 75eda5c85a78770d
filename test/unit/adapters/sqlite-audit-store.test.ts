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
    // As an earlier release left it: no time or action on the targets, a scope column, user_version 0.
    const old = new Database(file);
    old.exec(`ALTER TABLE audit_records RENAME COLUMN details TO scope;
      DROP TABLE audit_targets;
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
    expect(raw.pragma('user_version', { simple: true })).toBe(4);
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'audit_targets_user_time'").get()).toBeDefined();
    raw.close();
  });

  it('opens a file that a rollback to 0.1.0 left at user_version 0 with the new columns, without adding them twice', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rolled-')), 'audit.db');
    const first = openSqliteAuditStore(file);
    await first.append(rec(1, 'W0ALICE0001', 'done'));
    await first.close();
    // 0.1.0 knew no migration: it set user_version to 0 each time it opened the file.
    const rolledBack = new Database(file);
    rolledBack.pragma('user_version = 0');
    rolledBack.close();

    const store = openSqliteAuditStore(file);
    expect(await store.migrate()).toBe(4);
    expect(await store.forTarget('W0ALICE0001', 10)).toEqual([rec(1, 'W0ALICE0001', 'done')]);
    await store.close();
  });

  it('refuses a file a newer release wrote, naming both versions, and leaves it as it was', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'newer-')), 'audit.db');
    const newer = new Database(file);
    newer.pragma('user_version = 7');
    newer.close();
    expect(() => openSqliteAuditStore(file)).toThrow(
      `The SQLite file ${file} is at schema version 7, newer than this release knows (4): run the release that wrote it or a later one, or restore the backup taken before that upgrade.`,
    );
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(7);
    raw.close();
  });

  it('moves the scope records of release 1 kept into their details, in the column and in the record', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scope-')), 'audit.db');
    await openSqliteAuditStore(file).close();
    // As release 1 left it: a `scope` column, the scope at the top of the record, user_version 1.
    const old = new Database(file);
    old.exec('ALTER TABLE audit_records RENAME COLUMN details TO scope');
    const earlier = rec(5, 'W0ALICE0001', 'done');
    const insert = old.prepare(
      `INSERT INTO audit_records (time, request_id, invoker_id, action, outcome, scope, record) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    insert.run(
      earlier.time,
      'r-scoped',
      earlier.invokerId,
      'reset',
      'executed',
      'mobile',
      JSON.stringify({ ...earlier, requestId: 'r-scoped', scope: 'mobile' }),
    );
    insert.run(
      earlier.time,
      'r-plain',
      earlier.invokerId,
      'other',
      'refused',
      null,
      JSON.stringify({ ...earlier, requestId: 'r-plain' }),
    );
    old.pragma('user_version = 1');
    old.close();

    const store = openSqliteAuditStore(file);
    const records = await store.recent(10);
    await store.close();
    expect(records.map((r) => [r.requestId, r.details, 'scope' in r])).toEqual([
      ['r-plain', undefined, false],
      ['r-scoped', { scope: 'mobile' }, false],
    ]);
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT details FROM audit_records ORDER BY id').all()).toEqual([
      { details: '{"scope":"mobile"}' },
      { details: null },
    ]);
    raw.close();
  });
});
