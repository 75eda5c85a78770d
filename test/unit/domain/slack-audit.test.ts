import fc from 'fast-check';
import { INVALIDATE_IN_SLACK_LOG } from '../../../src/actions/invalidate/slack-audit';
import { RESET_IN_SLACK_LOG } from '../../../src/actions/reset/slack-audit';
import type { AuditRecord } from '../../../src/domain/audit-record';
import {
  findInLog,
  isOwnEntry,
  listedUsers,
  logWindow,
  type RunInLog,
  runsOf,
  slackTargets,
} from '../../../src/domain/slack-audit';
import type { SlackAuditEntry } from '../../../src/ports/slack-audit-log';

const OWNER = 'W0OWNER001';
const ALICE = 'W0ALICE001';
const BOB = 'W0BOB00001';
const T0 = Date.parse('2026-11-26T10:00:00Z');
const s = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

const entry = (over: Partial<SlackAuditEntry> & { at?: number; user?: string }): SlackAuditEntry => {
  const { at = 5, user = ALICE, ...rest } = over;
  return {
    id: `e-${user}-${at}-${rest.action ?? 'reset'}`,
    dateCreate: T0 / 1000 + at,
    action: 'user_session_reset_by_admin',
    actor: { type: 'user', user: { id: OWNER } },
    entity: { type: 'user', user: { id: user } },
    context: {},
    details: { mobile_only: false, web_only: false, non_sso_only: false },
    ...rest,
  };
};

const run = (over: Partial<AuditRecord> = {}, startedAt = s(0), endedAt = s(10)): RunInLog => ({
  record: {
    time: endedAt,
    requestId: 'r1',
    invokerId: 'W0ADMIN001',
    action: 'reset',
    outcome: 'executed',
    details: { scope: 'all' },
    targets: [
      { userId: ALICE, result: 'done' },
      { userId: BOB, result: 'done' },
    ],
    ...over,
  },
  startedAt,
  endedAt,
});

const WAIT = 60_000;
const NOW = new Date(T0 + 120_000);

describe('Slack’s audit log beside the app’s records', () => {
  it('reads succeeded_users and failed_users as an array or as a JSON-encoded string, and nothing else', () => {
    expect(listedUsers([ALICE, BOB])).toEqual([ALICE, BOB]);
    expect(listedUsers(JSON.stringify([ALICE, BOB]))).toEqual([ALICE, BOB]);
    expect(listedUsers('["W0ALICE001", "<!channel>", 7]')).toEqual([ALICE]);
    for (const odd of ['not json', '{"a":1}', 42, null, undefined, {}]) expect(listedUsers(odd)).toEqual([]);
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const ids = listedUsers(value);
        return Array.isArray(ids) && ids.every((id) => /^[UW][A-Z0-9]{8,20}$/.test(id));
      }),
    );
  });

  it('confirms a reset only with an entry on the person, of the same scope, dated within the run', () => {
    const used = new Set<string>();
    const window = logWindow(run(), WAIT, NOW);
    const found = findInLog(
      run(),
      [
        entry({ at: 3, user: BOB, details: { mobile_only: true } }),
        entry({ at: -100 }),
        entry({ at: 4, user: BOB }),
        entry({ at: 6 }),
      ],
      RESET_IN_SLACK_LOG,
      window,
      used,
    );
    expect(found.map((f) => f?.entry.id)).toEqual([`e-${ALICE}-6-reset`, `e-${BOB}-4-reset`]);
    // A mobile-only run is confirmed only by a mobile-only entry.
    const mobile = run({ details: { scope: 'mobile' } });
    const again = findInLog(
      mobile,
      [entry({ at: 3, user: BOB, details: { mobile_only: true } })],
      RESET_IN_SLACK_LOG,
      window,
      new Set(),
    );
    expect(again.map((f) => f?.says)).toEqual([undefined, 'confirmed']);
  });

  it('maps a bulk entry onto each person it lists, confirmed or failed', () => {
    const bulk = run({
      outcome: 'queued',
      targets: [
        { userId: ALICE, result: 'queued' },
        { userId: BOB, result: 'queued' },
        { userId: 'W0CAROL001', result: 'queued' },
        { userId: 'W0GONE0001', result: 'not_attempted', error: 'deactivated' },
      ],
    });
    const job = entry({
      action: 'bulk_session_reset_by_admin',
      entity: { type: 'enterprise', id: 'E0ORG00001' },
      details: { succeeded_users: JSON.stringify([ALICE]), failed_users: [BOB] },
    });
    const found = findInLog(bulk, [job], RESET_IN_SLACK_LOG, logWindow(bulk, WAIT, NOW), new Set());
    expect(found.map((f) => f?.says)).toEqual(['confirmed', 'failed', undefined]);
    expect(slackTargets(bulk.record, found).map((t) => [t.userId, t.result, t.error])).toEqual([
      [ALICE, 'confirmed', undefined],
      [BOB, 'failed', 'failed_users'],
      ['W0CAROL001', 'not_seen', undefined],
    ]);
    // The log could not be read: nothing is called unseen.
    expect(slackTargets(bulk.record, [], 'token_revoked').map((t) => t.result)).toEqual([
      'unknown',
      'unknown',
      'unknown',
    ]);
  });

  it('needs an entry per ended session, and lets no entry speak twice for one person across runs', () => {
    const twoSessions = run({
      action: 'invalidate',
      targets: [
        { userId: ALICE, teamId: 'T0TEAM0001', sessionId: 1, result: 'done' },
        { userId: ALICE, teamId: 'T0TEAM0001', sessionId: 2, result: 'done' },
      ],
    });
    const one = [entry({ action: 'user_session_invalidated', details: {} })];
    const window = logWindow(twoSessions, WAIT, NOW);
    expect(findInLog(twoSessions, one, INVALIDATE_IN_SLACK_LOG, window, new Set()).map((f) => f?.says)).toEqual([
      'confirmed',
      undefined,
    ]);
    const used = new Set<string>();
    findInLog(run(), [entry({ at: 6 })], RESET_IN_SLACK_LOG, window, used);
    expect(findInLog(run(), [entry({ at: 6 })], RESET_IN_SLACK_LOG, window, used)[0]).toBeUndefined();
  });

  it('reads a window from just before the run started to the wait after it ended, never past now', () => {
    const w = logWindow(run(), WAIT, new Date(T0 + 5_000));
    expect(w).toEqual({ oldest: T0 / 1000 - 30, latest: T0 / 1000 + 5 });
    expect(logWindow(run(), WAIT, NOW)).toEqual({ oldest: T0 / 1000 - 30, latest: T0 / 1000 + 10 + 60 + 30 });
  });

  it('tells the app’s own entries from anyone else’s: the admin token’s owner, on a run it made, in its window', async () => {
    const records: AuditRecord[] = [
      { ...run().record, outcome: 'started', time: s(0), targets: [{ userId: ALICE, result: 'pending' }] },
      { ...run().record, targets: [{ userId: ALICE, result: 'done' }] },
    ];
    const runs = runsOf(records);
    expect(runs).toEqual([{ record: records[1], startedAt: s(0), endedAt: s(10) }]);
    const declared = (action: string) => (action === 'reset' ? RESET_IN_SLACK_LOG : undefined);
    const naming = (list: RunInLog[]) => async (userId: string) =>
      list.filter((r) => r.record.targets.some((t) => t.userId === userId));
    const own = (e: SlackAuditEntry) => isOwnEntry(e, OWNER, naming(runs), declared, WAIT, NOW);
    expect(await own(entry({ at: 5 }))).toBe(true);
    // Another admin at the dashboard, at the same moment; the owner, on someone else, or long after the run.
    expect(await own(entry({ at: 5, actor: { type: 'user', user: { id: 'W0MALLORY1' } } }))).toBe(false);
    expect(await own(entry({ at: 5, user: BOB }))).toBe(false);
    expect(await own(entry({ at: 500 }))).toBe(false);
    // Slack's own response is never the app's.
    expect(await own(entry({ action: 'user_sessions_reset_by_anomaly_event_response' }))).toBe(false);
    // A run still under way (only its "started" record) counts too.
    const running = runsOf([records[0] as AuditRecord]);
    expect(await isOwnEntry(entry({ at: 5 }), OWNER, naming(running), declared, WAIT, NOW)).toBe(true);
    // Dry runs changed nothing.
    expect(runsOf([{ ...run().record, outcome: 'dry_run' }])).toEqual([]);
  });
});
