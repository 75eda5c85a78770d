import { RESET_IN_SLACK_LOG } from '../../../src/actions/reset/slack-audit';
import { RESET_WORDS } from '../../../src/actions/reset/words';
import type { AuditRecord } from '../../../src/domain/audit-record';
import { confirmWithSlack } from '../../../src/jobs/slack-confirmations';
import type { SlackAuditEntry, SlackAuditQuery } from '../../../src/ports/slack-audit-log';
import { fakeLogger, MemoryAuditStore, RecordingAuditLog } from '../../support/listener-fakes';

const T0 = Date.parse('2026-11-26T10:00:00.000Z');
const WAIT = 15 * 60_000;
const ALICE = 'W0ALICE0001';
const BOB = 'W0BOB00001';
const ID = (n: number) => `4f2b8c1e-9d4a-4e6b-8f7c-00000000000${n}`;

const records = (requestId: string, at = T0): AuditRecord[] => {
  const base = { requestId, invokerId: 'W0ADMIN0001', action: 'reset', scope: 'all' as const };
  return [
    {
      ...base,
      time: new Date(at).toISOString(),
      outcome: 'started',
      targets: [ALICE, BOB].map((userId) => ({ userId, result: 'pending' as const })),
    },
    {
      ...base,
      time: new Date(at + 2000).toISOString(),
      outcome: 'executed',
      targets: [ALICE, BOB].map((userId) => ({ userId, result: 'done' as const })),
    },
  ];
};

const entry = (userId: string, at: number): SlackAuditEntry => ({
  id: `entry-${userId}`,
  dateCreate: Math.floor(at / 1000),
  action: 'user_session_reset_by_admin',
  actor: { type: 'user', user: { id: 'W0OWNER001' } },
  entity: { type: 'user', user: { id: userId } },
  context: {},
  details: {},
});

function setup() {
  const store = new MemoryAuditStore();
  const audit = new RecordingAuditLog(store);
  const queries: { at: number; query: SlackAuditQuery }[] = [];
  const log: { shown: SlackAuditEntry[]; failWith?: string } = { shown: [] };
  const told: string[] = [];
  let clock = T0;
  const tick = (at: number) => {
    clock = at;
    return confirmWithSlack({
      store,
      audit,
      log: {
        entries: async (query) => {
          queries.push({ at: clock, query });
          return log.failWith ? { ok: false, code: log.failWith } : { ok: true, entries: log.shown, truncated: false };
        },
      },
      declarationOf: (action) => (action === 'reset' ? RESET_IN_SLACK_LOG : undefined),
      wordsOf: () => RESET_WORDS,
      ownerId: () => 'W0OWNER001',
      waitMs: WAIT,
      tell: async (_userId, text) => {
        told.push(text);
      },
      logger: fakeLogger(),
      now: () => new Date(clock),
    });
  };
  return { store, audit, queries, log, told, tick };
}

const confirmations = (audit: RecordingAuditLog) => audit.records.filter((r) => r.outcome === 'confirmed_by_slack');

describe('confirmWithSlack', () => {
  it('checks at 1, 3, 7 and 15 minutes after a run, then says not seen for what never showed', async () => {
    const f = setup();
    for (const r of records(ID(1))) await f.store.append(r);
    f.log.shown = [entry(ALICE, T0 + 1000)];
    const ended = T0 + 2000;
    // A tick every 10 seconds for 20 minutes, as the app's timer does.
    for (let at = T0; at <= T0 + 20 * 60_000; at += 10_000) await f.tick(at);
    const minutes = f.queries.map((q) => Math.floor((q.at - ended) / 60_000));
    expect(minutes).toEqual([1, 3, 7, 15]);
    expect(f.queries[0]?.query).toEqual({
      actions: ['user_session_reset_by_admin', 'bulk_session_reset_by_admin'],
      oldest: Math.floor((T0 - 30_000) / 1000),
      latest: Math.ceil((f.queries[0]?.at ?? 0) / 1000),
      actor: 'W0OWNER001',
    });
    expect(confirmations(f.audit)).toHaveLength(1);
    expect(confirmations(f.audit)[0]?.targets).toEqual([
      {
        userId: ALICE,
        result: 'confirmed',
        slackEntry: { id: `entry-${ALICE}`, time: new Date(T0 + 1000).toISOString() },
      },
      { userId: BOB, result: 'not_seen' },
    ]);
    expect(f.told).toEqual([expect.stringContaining('1 not seen within 15 minutes')]);
  });

  it('writes its record at the first check that finds every target, and only once among processes', async () => {
    const f = setup();
    for (const r of records(ID(2))) await f.store.append(r);
    f.log.shown = [entry(ALICE, T0 + 1000), entry(BOB, T0 + 1500)];
    const due = T0 + 2000 + 60_000;
    // Two replicas ticking at the same moment, on one store.
    expect(await Promise.all([f.tick(due), f.tick(due)])).toEqual(expect.arrayContaining([1, 0]));
    expect(f.queries).toHaveLength(1);
    await f.tick(due + 10 * 60_000);
    expect(confirmations(f.audit)).toHaveLength(1);
    expect(confirmations(f.audit)[0]?.targets.map((t) => t.result)).toEqual(['confirmed', 'confirmed']);
    expect(f.told).toHaveLength(1);
  });

  it('never calls a target unseen when the log could not be read: unknown, with Slack’s code', async () => {
    const f = setup();
    for (const r of records(ID(3))) await f.store.append(r);
    f.log.failWith = 'token_revoked';
    for (let at = T0; at <= T0 + 16 * 60_000; at += 60_000) await f.tick(at);
    expect(confirmations(f.audit)[0]?.targets).toEqual([
      { userId: ALICE, result: 'unknown', error: 'token_revoked' },
      { userId: BOB, result: 'unknown', error: 'token_revoked' },
    ]);
    expect(f.told[0]).toContain('2 not checked (the log could not be read)');
  });

  it('checks a run first seen late (the app was down) at the next check time, not again and again to catch up', async () => {
    const f = setup();
    for (const r of records(ID(6))) await f.store.append(r);
    for (let at = T0 + 10 * 60_000; at <= T0 + 20 * 60_000; at += 10_000) await f.tick(at);
    expect(f.queries.map((q) => Math.floor((q.at - T0 - 2000) / 60_000))).toEqual([9, 15]);
  });

  it('asks once for every run due at the same time', async () => {
    const f = setup();
    for (const r of [...records(ID(4)), ...records(ID(5), T0 + 5000)]) await f.store.append(r);
    f.log.shown = [entry(ALICE, T0 + 1000), entry(BOB, T0 + 1500)];
    await f.tick(T0 + 5 * 60_000);
    expect(f.queries).toHaveLength(1);
    // The entries speak for the first run only; the second waits for its own.
    const done = confirmations(f.audit);
    expect(done.map((r) => r.requestId)).toEqual([ID(4)]);
  });
});
