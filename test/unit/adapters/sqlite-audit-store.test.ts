import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteAuditStore } from '../../../src/adapters/sqlite-audit-store';
import { rec } from '../../support/records';

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
});
