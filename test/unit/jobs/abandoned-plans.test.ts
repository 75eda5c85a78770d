import type { AuditRecord } from '../../../src/domain/audit-record';
import { worstCaseMs } from '../../../src/domain/run-plan';
import { Inflight } from '../../../src/inflight';
import { reportAbandonedPlans } from '../../../src/jobs/abandoned-plans';
import { fakeLogger, MemoryAuditStore, RecordingAuditLog } from '../../support/listener-fakes';

const T0 = new Date('2026-11-26T10:00:00.000Z');
const WORST = 60_000;
const started = (requestId: string, at = T0): AuditRecord => ({
  time: at.toISOString(),
  requestId,
  invokerId: 'W0ADMIN0001',
  action: 'reset',
  outcome: 'started',
  details: { scope: 'all' },
  targets: [
    { userId: 'W0ALICE0001', result: 'pending' },
    { userId: 'W0BOB00001', result: 'pending' },
  ],
});
const ID = (n: number) => `3f2b8c1e-9d4a-4e6b-8f7c-00000000000${n}`;

function setup(store = new MemoryAuditStore()) {
  const audit = new RecordingAuditLog(store);
  const told: { userId: string; text: string }[] = [];
  const inflight = new Inflight();
  const run = (at: Date) =>
    reportAbandonedPlans({
      store,
      audit,
      inflight,
      logger: fakeLogger(),
      worstCaseMs: () => WORST,
      tell: async (record, text) => {
        told.push({ userId: record.invokerId, text });
      },
      now: () => at,
    });
  return { store, audit, told, inflight, run };
}

describe('reportAbandonedPlans', () => {
  it('records a plan started and never finished, past its worst case, as unknown for every target, and tells its invoker', async () => {
    const f = setup();
    await f.store.append(started(ID(1)));
    expect(await f.run(new Date(T0.getTime() + WORST + 1))).toBe(1);
    expect(f.audit.records.at(-1)).toMatchObject({
      requestId: ID(1),
      outcome: 'unknown',
      targets: [
        { userId: 'W0ALICE0001', result: 'unknown', error: 'abandoned' },
        { userId: 'W0BOB00001', result: 'unknown', error: 'abandoned' },
      ],
    });
    expect(f.told).toEqual([{ userId: 'W0ADMIN0001', text: expect.stringContaining('*unknown*') }]);
    expect(f.told[0]?.text).toContain('<@W0ALICE0001>, <@W0BOB00001>');
    // Reported once: the next sweep finds it finished.
    expect(await f.run(new Date(T0.getTime() + 2 * WORST))).toBe(0);
  });

  it('leaves alone a plan still inside its worst case, one that finished, and one this process is running', async () => {
    const f = setup();
    await f.store.append(started(ID(1)));
    await f.store.append(started(ID(2)));
    await f.store.append({ ...started(ID(2)), outcome: 'executed', targets: [] });
    await f.store.append(started(ID(3)));
    const running = f.inflight.claim(ID(3));
    expect(await f.run(new Date(T0.getTime() + WORST))).toBe(0);
    expect(await f.run(new Date(T0.getTime() + WORST + 1))).toBe(1);
    expect(f.told).toHaveLength(1);
    expect(f.audit.records.filter((r) => r.outcome === 'unknown').map((r) => r.requestId)).toEqual([ID(1)]);
    running?.();
  });

  it('reports a plan once when two replicas sweep the same store at the same moment', async () => {
    const store = new MemoryAuditStore();
    await store.append(started(ID(1)));
    const [a, b] = [setup(store), setup(store)];
    const at = new Date(T0.getTime() + WORST + 1);
    expect((await Promise.all([a.run(at), b.run(at)])).reduce((x, y) => x + y)).toBe(1);
  });

  it('still records the plan when the DM cannot be sent', async () => {
    const f = setup();
    await f.store.append(started(ID(1)));
    const failing = reportAbandonedPlans({
      store: f.store,
      audit: f.audit,
      inflight: f.inflight,
      logger: fakeLogger(),
      worstCaseMs: () => WORST,
      tell: async () => Promise.reject(new Error('channel_not_found')),
      now: () => new Date(T0.getTime() + WORST + 1),
    });
    await expect(failing).resolves.toBe(1);
    expect(f.audit.records.at(-1)?.outcome).toBe('unknown');
  });
});

describe('worstCaseMs', () => {
  it('is every attempt timing out plus the retry budget, after the turns the tier makes the last call wait', () => {
    const limits = { attempts: 3, timeoutMs: 10_000, budgetMs: 60_000, tier: { calls: 20, windowMs: 61_000 } };
    expect(worstCaseMs(1, limits)).toBe(90_000);
    expect(worstCaseMs(20, limits)).toBe(90_000);
    expect(worstCaseMs(21, limits)).toBe(151_000);
    expect(worstCaseMs(41, limits)).toBe(212_000);
    expect(worstCaseMs(0, limits)).toBe(90_000);
  });
});
