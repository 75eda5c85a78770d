import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresAuditStore } from '../../../src/adapters/postgres-audit-store';
import { openSqliteAuditStore } from '../../../src/adapters/sqlite-audit-store';
import type { ApprovalRequest } from '../../../src/domain/approval';
import type { AuditRecord } from '../../../src/domain/audit-record';
import type { AnyPlan } from '../../../src/domain/plan';
import type { AuditStore } from '../../../src/ports/audit-store';
import { dropSchema, postgresAvailable, TEST_DATABASE_URL, testSchema } from '../../support/postgres';
import { at, rec } from '../../support/records';

/** One kind of store: `open` gives a store over the same data each time it is called within a test. */
interface Kind {
  name: string;
  open(): Promise<AuditStore>;
  cleanup(): Promise<void>;
}

function sqlite(): Kind {
  let file = '';
  return {
    name: 'SQLite',
    async open() {
      file ||= join(mkdtempSync(join(tmpdir(), 'contract-')), 'audit.db');
      return openSqliteAuditStore(file);
    },
    async cleanup() {
      file = '';
    },
  };
}

function postgres(): Kind {
  let schema = '';
  return {
    name: 'PostgreSQL',
    async open() {
      schema ||= testSchema();
      const store = openPostgresAuditStore(TEST_DATABASE_URL, { schema });
      await store.migrate();
      return store;
    },
    async cleanup() {
      if (schema) await dropSchema(schema);
      schema = '';
    },
  };
}

if (!postgresAvailable) {
  process.stderr.write('*** The PostgreSQL store contract tests are SKIPPED: PostgreSQL did not answer. ***\n');
}

describe.each([sqlite(), ...(postgresAvailable ? [postgres()] : [])])('the $name audit store', (kind) => {
  const opened: AuditStore[] = [];
  const open = async () => {
    const store = await kind.open();
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await kind.cleanup();
  });

  it('gives records back exactly, newest first, and by target', async () => {
    const store = await open();
    await store.append(rec(1, 'W0ALICE0001', 'done'));
    await store.append({ ...rec(2, 'W0BOB00001', 'failed'), details: { scope: 'mobile' }, reason: 'INC-7 <!here>' });
    expect(await store.recent(10)).toEqual([
      { ...rec(2, 'W0BOB00001', 'failed'), details: { scope: 'mobile' }, reason: 'INC-7 <!here>' },
      rec(1, 'W0ALICE0001', 'done'),
    ]);
    expect(await store.recent(1)).toHaveLength(1);
    expect(await store.forTarget('W0ALICE0001', 10)).toEqual([rec(1, 'W0ALICE0001', 'done')]);
    expect(await store.forTarget('W0NOBODY01', 10)).toEqual([]);
  });

  it('keeps refusals that named nobody out of the recent list, and counts them apart', async () => {
    const store = await open();
    await store.append(rec(1, 'W0ALICE0001', 'done'));
    const refusal = (minute: number, invokerId: string): AuditRecord => ({
      time: at(minute),
      requestId: `4f2b8c1e-9d4a-4e6b-8f7c-${String(minute).padStart(12, '0')}`,
      invokerId,
      action: 'reset',
      outcome: 'refused',
      targets: [],
    });
    for (let m = 2; m < 30; m++) await store.append(refusal(m, m % 2 ? 'W0STRANGR1' : 'W0STRANGR2'));
    // A guardrail refusal names the people it refused: an admin's action, kept in the list.
    const guarded: AuditRecord = { ...rec(30, 'W0BOT00001', 'failed'), outcome: 'refused' };
    await store.append(guarded);
    expect(await store.recent(20)).toEqual([guarded, rec(1, 'W0ALICE0001', 'done')]);
    expect(await store.refusalsSince(new Date(at(10)))).toEqual({ attempts: 20, people: 2 });
    expect(await store.refusalsSince(new Date(at(59)))).toEqual({ attempts: 0, people: 0 });
  });

  it('keeps records across a reopen', async () => {
    const first = await open();
    await first.append(rec(1, 'W0ALICE0001', 'done'));
    await first.close();
    opened.splice(opened.indexOf(first), 1);
    const again = await open();
    expect(await again.recent(10)).toEqual([rec(1, 'W0ALICE0001', 'done')]);
  });

  it('keeps a session target with its workspace and session id', async () => {
    const store = await open();
    const record: AuditRecord = {
      ...rec(3, 'W0ALICE0001', 'done', 'invalidate'),
      targets: [{ userId: 'W0ALICE0001', teamId: 'T0TEAM0001', sessionId: 999_999_999_999_999, result: 'done' }],
    };
    await store.append(record);
    expect(await store.forTarget('W0ALICE0001', 10)).toEqual([record]);
  });

  it('finds the last action of a kind that did or may have happened since a time, and ignores the rest', async () => {
    const store = await open();
    await store.append(rec(1, 'W0ALICE0001', 'done'));
    await store.append(rec(5, 'W0ALICE0001', 'unknown'));
    await store.append(rec(6, 'W0BOB00001', 'failed'));
    await store.append(rec(7, 'W0CAROL001', 'dry_run'));
    await store.append(rec(8, 'W0DAVE0001', 'done', 'invalidate'));
    await store.append(rec(1, 'W0ERIN0001', 'done'));
    const found = await store.lastActed(
      'reset',
      ['W0ALICE0001', 'W0BOB00001', 'W0CAROL001', 'W0DAVE0001', 'W0ERIN0001'],
      new Date(at(2)),
    );
    expect([...found]).toEqual([['W0ALICE0001', new Date(at(5))]]);
    // The action is the caller's to name: the same store answers for another.
    expect([...(await store.lastActed('invalidate', ['W0DAVE0001', 'W0ALICE0001'], new Date(at(2))))]).toEqual([
      ['W0DAVE0001', new Date(at(8))],
    ]);
    expect(await store.lastActed('reset', [], new Date(at(0)))).toEqual(new Map());
    // A plan's own records never count against it.
    expect(
      await store.lastActed('reset', ['W0ALICE0001'], new Date(at(2)), rec(5, 'W0ALICE0001', 'unknown').requestId),
    ).toEqual(new Map());
  });

  it('lets a plan be claimed once, and never once it was started, carried out or cancelled', async () => {
    const store = await open();
    const id = (n: number) => `3f2b8c1e-9d4a-4e6b-8f7c-00000000000${n}`;
    for (const [n, outcome] of [
      [1, 'started'],
      [2, 'executed'],
      [3, 'cancelled'],
      [4, 'refused'],
    ] as const) {
      await store.append({ ...rec(n, 'W0ALICE0001', 'done'), requestId: id(n), outcome });
    }
    const ids = [1, 2, 3, 4, 5].map(id);
    expect(await Promise.all(ids.map((i) => store.wasExecuted(i)))).toEqual([true, true, true, false, false]);
    expect(await Promise.all(ids.map((i) => store.claim(i)))).toEqual([false, false, false, true, true]);
    expect(await store.claim(id(5))).toBe(false);
  });

  it('gives one claim to many callers at the same instant, through one store or two', async () => {
    const [a, b] = [await open(), await open()];
    const id = '3f2b8c1e-9d4a-4e6b-8f7c-000000000009';
    const claims = await Promise.all([a, b, a, b, a, b].map((store) => store.claim(id)));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('lists the plans that were started and never finished, oldest first', async () => {
    const store = await open();
    const id = (n: number) => `3f2b8c1e-9d4a-4e6b-8f7c-00000000001${n}`;
    const started = (n: number): AuditRecord => ({
      ...rec(n, 'W0ALICE0001', 'done'),
      requestId: id(n),
      outcome: 'started',
    });
    for (const n of [1, 2, 3, 4]) await store.append(started(n));
    await store.append({ ...rec(5, 'W0ALICE0001', 'done'), requestId: id(2), outcome: 'executed' });
    await store.append({ ...rec(6, 'W0ALICE0001', 'unknown'), requestId: id(3), outcome: 'unknown' });
    expect(await store.unfinishedPlans()).toEqual([started(1), started(4)]);
  });

  it('throttles posts per key, counting what it held back, through one store or two', async () => {
    const [one, two] = [await open(), await open()];
    const t0 = Date.parse('2026-11-26T10:00:00Z');
    const ask = (store: AuditStore, key: string, ms: number) => store.throttle(key, 60_000, new Date(t0 + ms));
    expect(await ask(one, 'refusal:U1', 0)).toEqual({ post: true, heldBack: 0 });
    expect(await ask(two, 'refusal:U1', 1_000)).toEqual({ post: false, heldBack: 0 });
    expect(await ask(one, 'refusal:U2', 1_000)).toEqual({ post: true, heldBack: 0 });
    expect(await ask(one, 'refusal:U1', 59_999)).toEqual({ post: false, heldBack: 0 });
    expect(await ask(two, 'refusal:U1', 60_000)).toEqual({ post: true, heldBack: 2 });
    expect(await ask(one, 'refusal:U1', 200_000)).toEqual({ post: true, heldBack: 0 });
    // Many at the same instant: one posts.
    const many = await Promise.all([one, two, one, two].map((s) => ask(s, 'refusal:U3', 0)));
    expect(many.filter((r) => r.post)).toHaveLength(1);
    expect(await ask(one, 'refusal:U3', 60_000)).toEqual({ post: true, heldBack: 3 });
  });

  const request = (id: string, expiresAt = '2026-11-26T10:30:00.000Z'): ApprovalRequest => ({
    id,
    requesterId: 'W0ADMIN001',
    order: {
      action: 'reset',
      plan: {
        kind: 'reset',
        invokerId: 'W0ADMIN001',
        requestId: id,
        userIds: ['W0ALICE0001'],
        scope: 'all',
      } as AnyPlan,
      reason: 'INC-7',
      notify: false,
    },
    why: 'privileged',
    createdAt: '2026-11-26T10:00:00.000Z',
    expiresAt,
    status: 'pending',
  });
  const minute = (m: number) => new Date(Date.parse('2026-11-26T10:00:00Z') + m * 60_000);

  it('keeps an approval request once, exactly, with where it was posted', async () => {
    const [one, two] = [await open(), await open()];
    expect(await one.createApproval(request('a1'))).toBe(true);
    expect(await two.createApproval({ ...request('a1'), why: 'always' })).toBe(false);
    expect(await two.getApproval('a1')).toEqual(request('a1'));
    await one.setApprovalMessage('a1', 'C0APPROVE1', '1700000000.000100');
    expect(await two.getApproval('a1')).toEqual({
      ...request('a1'),
      channel: 'C0APPROVE1',
      messageTs: '1700000000.000100',
    });
    expect(await one.getApproval('nope')).toBeUndefined();
  });

  it('decides a request once among many callers, through one store or two, and never after', async () => {
    const [one, two] = [await open(), await open()];
    await one.createApproval(request('a2'));
    const approve = (store: AuditStore, who: string) =>
      store.decideApproval('a2', { status: 'approved', deciderId: who, at: minute(5) });
    const decided = await Promise.all([approve(one, 'W0B'), approve(two, 'W0C'), approve(one, 'W0D')]);
    const winners = decided.filter((d) => d !== undefined);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ status: 'approved', decidedAt: minute(5).toISOString() });
    expect(await two.decideApproval('a2', { status: 'denied', deciderId: 'W0E', at: minute(6) })).toBeUndefined();
    expect((await one.getApproval('a2'))?.deciderId).toBe(winners[0]?.deciderId);
  });

  it('lets a request expire only once past its expiry, and never be approved after it', async () => {
    const store = await open();
    await store.createApproval(request('a3'));
    await store.createApproval(request('a4', '2026-11-26T11:00:00.000Z'));
    expect(await store.decideApproval('a3', { status: 'expired', at: minute(29) })).toBeUndefined();
    expect(await store.expiredApprovals(minute(29))).toEqual([]);
    expect((await store.expiredApprovals(minute(30))).map((r) => r.id)).toEqual(['a3']);
    expect(await store.decideApproval('a3', { status: 'approved', deciderId: 'W0B', at: minute(30) })).toBeUndefined();
    expect(await store.decideApproval('a3', { status: 'expired', at: minute(30) })).toMatchObject({
      status: 'expired',
    });
    expect(await store.expiredApprovals(minute(31))).toEqual([]);
    expect(
      await store.decideApproval('a4', { status: 'denied', deciderId: 'W0B', reason: 'not this one', at: minute(31) }),
    ).toMatchObject({ status: 'denied', deciderId: 'W0B', denyReason: 'not this one' });
  });

  it('keeps a plan bound to its modal, for any process to read back exactly; keeping it again replaces it', async () => {
    const [one, two] = [await open(), await open()];
    const plan = { ...request('p1').order.plan, userIds: Array.from({ length: 3000 }, (_, i) => `W0P${i}`) } as AnyPlan;
    const before = Date.now();
    await one.keepPlan(plan, 'V0PICKER01');
    await two.keepPlan({ ...plan, kind: 'reset' }, 'V0PICKER01');
    const kept = await one.keptPlan('p1');
    expect(kept).toMatchObject({ plan: { ...plan, kind: 'reset' }, viewId: 'V0PICKER01' });
    expect(kept?.keptAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await one.keptPlan('nope')).toBeUndefined();
  });

  it('lists runs Slack may confirm until their confirmed_by_slack record, with when they started', async () => {
    const store = await open();
    const id = (n: number) => `5f2b8c1e-9d4a-4e6b-8f7c-00000000000${n}`;
    const run = (n: number, over: Partial<AuditRecord>): AuditRecord => ({
      ...rec(n, 'W0ALICE0001', 'done'),
      requestId: id(n),
      ...over,
    });
    await store.append(run(1, { outcome: 'started', targets: [{ userId: 'W0ALICE0001', result: 'pending' }] }));
    const done = run(2, { requestId: id(1) });
    await store.append(done);
    const queued = run(3, { outcome: 'queued', targets: [{ userId: 'W0BOB00001', result: 'queued' }] });
    await store.append(queued);
    // Nothing Slack could show: a dry run, a failure, and a run before `since`.
    await store.append(run(4, { outcome: 'dry_run', targets: [{ userId: 'W0ALICE0001', result: 'dry_run' }] }));
    await store.append(run(5, { outcome: 'failed', targets: [{ userId: 'W0ALICE0001', result: 'failed' }] }));
    await store.append(run(0, { requestId: id(6) }));
    expect(await store.unconfirmedRuns(new Date(at(1)))).toEqual([
      { record: done, startedAt: at(1) },
      { record: queued, startedAt: at(3) },
    ]);
    await store.append({ ...done, time: at(9), outcome: 'confirmed_by_slack', targets: [] });
    expect(await store.unconfirmedRuns(new Date(at(1)))).toEqual([{ record: queued, startedAt: at(3) }]);
  });

  it('gives a job’s turn to one caller at a time, through one store or two, and keeps its note', async () => {
    const [one, two] = [await open(), await open()];
    const t = (s: number) => new Date(Date.parse('2026-11-26T10:00:00Z') + s * 1000);
    const takes = await Promise.all([one, two, one, two].map((s) => s.takeTurn('scan', t(0), t(60))));
    expect(takes.filter((x) => x !== undefined)).toEqual([{ turn: 1 }]);
    expect(await two.takeTurn('scan', t(59), t(120))).toBeUndefined();
    await one.endTurn('scan', t(30), t(0).getTime());
    expect(await two.takeTurn('scan', t(29), t(90))).toBeUndefined();
    expect(await two.takeTurn('scan', t(30), t(90))).toEqual({ turn: 2, note: t(0).getTime() });
    // A turn ended without a note keeps the last one; another key has turns of its own.
    await two.endTurn('scan', t(31));
    expect(await one.takeTurn('scan', t(31), t(91))).toEqual({ turn: 3, note: t(0).getTime() });
    expect(await one.takeTurn('confirm:r1', t(31), t(91))).toEqual({ turn: 1 });
  });

  it('gives every record of one request back, oldest first, and none of another', async () => {
    const store = await open();
    const id = rec(1, 'W0ALICE0001', 'done').requestId;
    await store.append({ ...rec(1, 'W0ALICE0001', 'done'), outcome: 'started' });
    await store.append({ ...rec(2, 'W0BOB00001', 'done'), requestId: '3f2b8c1e-9d4a-4e6b-8f7c-000000000099' });
    const final: AuditRecord = {
      ...rec(3, 'W0ALICE0001', 'done'),
      requestId: id,
      origin: { kind: 'api', client: 'soar' },
    };
    await store.append(final);
    expect(await store.recordsOf(id)).toEqual([{ ...rec(1, 'W0ALICE0001', 'done'), outcome: 'started' }, final]);
    expect(await store.recordsOf('3f2b8c1e-9d4a-4e6b-8f7c-000000000000')).toEqual([]);
  });

  it('takes a signature once until it expires, through one store or two, and forgets it after', async () => {
    const [one, two] = [await open(), await open()];
    const soon = new Date(Date.now() + 300_000);
    const firsts = await Promise.all([one, two, one, two].map((s) => s.firstUse('digest-1', soon)));
    expect(firsts.filter(Boolean)).toHaveLength(1);
    expect(await two.firstUse('digest-2', soon)).toBe(true);
    // Past its expiry a signature is forgotten (its timestamp is refused before it gets here anyway).
    expect(await one.firstUse('digest-3', new Date(Date.now() - 1))).toBe(true);
    expect(await two.firstUse('digest-3', soon)).toBe(true);
  });

  it('keeps an API request once per client and idempotency key, and finds it by its request ID', async () => {
    const [one, two] = [await open(), await open()];
    const asked = {
      client: 'soar',
      idempotencyKey: 'INC-7',
      requestId: '3f2b8c1e-9d4a-4e6b-8f7c-000000000042',
      action: 'sign-outs',
      fingerprint: 'f1',
      at: new Date('2026-11-26T10:00:00.000Z'),
    };
    const kept = await Promise.all([one, two].map((s) => s.keepApiRequest(asked)));
    expect(kept.filter((k) => k.first)).toHaveLength(1);
    expect(kept.map((k) => k.request)).toEqual([asked, asked]);
    // The same key with another body finds the first one, for the caller to call it a conflict.
    expect(await one.keepApiRequest({ ...asked, fingerprint: 'f2', at: new Date() })).toEqual({
      request: asked,
      first: false,
    });
    // Keys are each client's own.
    const other = { ...asked, client: 'siem', requestId: '3f2b8c1e-9d4a-4e6b-8f7c-000000000043' };
    expect(await two.keepApiRequest(other)).toEqual({ request: other, first: true });
    expect(await one.apiRequest(asked.requestId)).toEqual(asked);
    expect(await one.apiRequest('3f2b8c1e-9d4a-4e6b-8f7c-000000000044')).toBeUndefined();
  });

  it('keeps a record whole or not at all', async () => {
    const store = await open();
    const bad = {
      ...rec(1, 'W0ALICE0001', 'done'),
      targets: [{ userId: 'W0ALICE0001', result: 'done' }, { userId: null }],
    };
    await expect(store.append(bad as unknown as AuditRecord)).rejects.toThrow();
    expect(await store.recent(10)).toEqual([]);
    expect(await store.forTarget('W0ALICE0001', 10)).toEqual([]);
  });
});
