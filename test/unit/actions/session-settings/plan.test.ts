import { shortenAfter } from '../../../../src/actions/session-settings/after-sign-out';
import { SETTINGS_PLAN, SHOW_PLAN } from '../../../../src/actions/session-settings/plan';
import { decodeKept } from '../../../../src/domain/plan';
import type { Report } from '../../../../src/domain/report';

const ALICE = 'W0ALICE001';
const BOB = 'W0BOB00001';
const REQUEST = '3f2b8c1e-9d4a-4e6b-8f7c-1a2b3c4d5e6f';
const rules = { maxTargets: 2, maxBulkTargets: 3, isAllowedResponseUrl: () => true };
const base = { invokerId: 'W0ADMIN001', requestId: REQUEST };
const plan = (over: Record<string, unknown> = {}) => ({
  kind: 'session_settings',
  ...base,
  userIds: [ALICE, BOB],
  held: ['default', { own: { duration: 43_200, quitEndsSession: false } }],
  skipped: [{ label: 'W0BOT00001', code: 'is_bot' }],
  skippedUnlisted: 0,
  change: { set: { duration: 28_800 } },
  ...over,
});

describe('the plans /session-settings keeps', () => {
  it('reads back a change, with each person’s settings as read, and a show plan for the same people', () => {
    expect(decodeKept(plan(), rules, SETTINGS_PLAN)).toEqual({ ...plan(), responseUrl: undefined });
    expect(decodeKept(plan({ change: 'clear' }), rules, SETTINGS_PLAN)?.change).toBe('clear');
    const show = { ...plan({ kind: 'session_settings_show' }), change: undefined };
    expect(decodeKept(show, rules, SHOW_PLAN)?.kind).toBe('session_settings_show');
  });

  it.each([
    ['a duration under Slack’s shortest', { change: { set: { duration: 28_799 } } }],
    ['a duration over Slack’s longest', { change: { set: { duration: 315_569_521 } } }],
    ['no setting at all', { change: { set: {} } }],
    ['a setting of the wrong type', { change: { set: { quitEndsSession: 'yes' } } }],
    ['a change of another shape', { change: 'reset' }],
    ['more people than BULK_MAX_TARGETS', { userIds: [ALICE, BOB, 'W0CAROL001', 'W0DAVE0001'], held: undefined }],
    ['someone twice', { userIds: [ALICE, ALICE] }],
    ['settings read for fewer people than named', { held: ['default'] }],
    ['settings read that are not settings', { held: ['default', { own: { duration: -1 } }] }],
    ['a sign-out it follows that is no request ID', { after: 'not-a-request' }],
  ])('refuses a change with %s', (_why, over) => {
    expect(decodeKept(plan(over), rules, SETTINGS_PLAN)).toBeUndefined();
  });

  it('a show plan needs the settings it shows', () => {
    expect(
      decodeKept({ ...plan({ kind: 'session_settings_show' }), held: undefined }, rules, SHOW_PLAN),
    ).toBeUndefined();
  });
});

describe('the change that follows a sign-out (and shorten their sessions)', () => {
  const report = (outcomes: [string, boolean][]): Report => ({
    action: 'reset',
    results: outcomes.map(([userId, ok]) => ({
      target: { userId },
      outcome: ok ? { ok: true } : { ok: false, code: 'user_session_reset_failed', uncertain: false },
    })),
    skipped: [],
    skippedUnlisted: 0,
  });
  const first = { kind: 'reset', ...base, responseUrl: 'https://hooks.slack.com/commands/x' };

  it('shortens to Slack’s shortest the sessions of those signed out only, as a plan that reads back', () => {
    const order = shortenAfter(
      first,
      report([
        [ALICE, true],
        [BOB, false],
      ]),
      'INC-9',
    );
    expect(order).toMatchObject({ action: 'session_settings', reason: 'INC-9', notify: false });
    expect(order?.plan).toMatchObject({
      invokerId: base.invokerId,
      userIds: [ALICE],
      change: { set: { duration: 28_800 } },
      after: REQUEST,
      responseUrl: first.responseUrl,
    });
    expect(decodeKept(order?.plan, rules, SETTINGS_PLAN)).toEqual(order?.plan);
  });

  it('has a request ID of its own, the same for the same sign-out every time', () => {
    const a = shortenAfter(first, report([[ALICE, true]]));
    const b = shortenAfter(first, report([[ALICE, true]]));
    expect(a?.plan.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(a?.plan.requestId).not.toBe(REQUEST);
    expect(a?.plan.requestId).toBe(b?.plan.requestId);
  });

  it('follows nothing when nobody was signed out', () => {
    expect(shortenAfter(first, report([[ALICE, false]]))).toBeUndefined();
  });
});
