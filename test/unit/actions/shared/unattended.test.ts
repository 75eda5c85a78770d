import { resetUnattended } from '../../../../src/actions/reset/unattended';
import { settingsUnattended } from '../../../../src/actions/session-settings/unattended';
import { orderFromPeople } from '../../../../src/actions/shared/unattended';
import type { Origin } from '../../../../src/domain/origin';
import type { TargetRef } from '../../../../src/domain/types';
import {
  ADMIN,
  ALICE,
  BOB,
  BOT,
  CAROL,
  type Fakes,
  fakeDeps,
  GONE,
  PRIMARY,
  pastReset,
  REQUEST_ID,
  TOKEN_OWNER,
} from '../../../support/listener-fakes';

const ORIGIN: Origin = { kind: 'api', client: 'soar' };
const user = (id: string): TargetRef => ({ kind: 'user', id });
const by = { invokerId: 'api:soar', requestId: REQUEST_ID, origin: ORIGIN };

describe('orderFromPeople', () => {
  let f: Fakes;
  beforeEach(() => {
    f = fakeDeps();
  });
  const signOut = (refs: TargetRef[], env?: Record<string, string>, groups: { kind: 'group'; id: string }[] = []) => {
    if (env) f = fakeDeps({ env });
    return orderFromPeople(
      { named: { refs, groups }, ask: { scope: 'web' as const }, reason: 'INC-9', notify: true, by },
      resetUnattended,
      { slack: f.surface, logger: f.logger },
      f.deps,
    );
  };

  it('looks people up and makes the reset plan a command would, naming the origin and the privileged', async () => {
    const made = await signOut([user(ALICE), { kind: 'email', email: 'bob@example.com' }, user(CAROL)]);
    expect(made).toEqual({
      ok: true,
      order: {
        action: 'reset',
        plan: {
          kind: 'reset',
          invokerId: 'api:soar',
          requestId: REQUEST_ID,
          privileged: [CAROL],
          scope: 'web',
          userIds: [ALICE, BOB, CAROL],
          skipped: [],
          skippedUnlisted: 0,
          again: [],
        },
        reason: 'INC-9',
        notify: true,
        origin: ORIGIN,
      },
    });
    expect(f.directory.lookups).toEqual([`id:${ALICE}`, 'email:bob@example.com', `id:${CAROL}`]);
    // Read-only: nothing was recorded, nothing changed, nothing shown.
    expect([f.audit.records, f.adminApi.calls, f.surface.calls]).toEqual([[], [], []]);
  });

  it('leaves out what a command leaves out, and the admin token’s owner too, with nobody to confirm', async () => {
    const made = await signOut([BOT, GONE, PRIMARY, TOKEN_OWNER, 'W0NOBODY01', ALICE].map(user));
    expect(made.ok && made.order.plan).toMatchObject({
      userIds: [ALICE],
      skipped: [
        { label: BOT, code: 'is_bot' },
        { label: GONE, code: 'deactivated' },
        { label: PRIMARY, code: 'org_primary_owner' },
        { label: 'W0NOBODY01', code: 'user_not_found' },
        { label: TOKEN_OWNER, code: 'admin_token_owner' },
      ],
    });
  });

  it('leaves out whoever was signed out within the cooldown, as a bulk reset does', async () => {
    await f.store.append(pastReset(ALICE, 3));
    const made = await signOut([user(ALICE), user(BOB)]);
    expect(made.ok && made.order.plan).toMatchObject({
      userIds: [BOB],
      skipped: [{ label: ALICE, code: 'recently_reset' }],
      again: [],
    });
  });

  it('records a refusal naming everyone and why when nobody is left, and says it in sentences', async () => {
    await f.store.append(pastReset(ALICE, 3));
    const made = await signOut([user(BOT), user(ALICE)]);
    expect(made).toEqual({ ok: false, why: expect.stringContaining('Nobody named can be included') });
    expect(made.ok || made.why).toContain('It is a bot or app user');
    expect(made.ok || made.why).toContain('signed out within the cooldown');
    expect(f.audit.records).toEqual([
      expect.objectContaining({
        requestId: REQUEST_ID,
        invokerId: 'api:soar',
        action: 'reset',
        outcome: 'refused',
        reason: 'INC-9',
        details: { scope: 'web' },
        origin: ORIGIN,
        targets: [
          { userId: BOT, result: 'not_attempted', error: 'is_bot' },
          { userId: ALICE, result: 'not_attempted', error: 'recently_reset' },
        ],
      }),
    ]);
    expect(f.adminApi.calls).toEqual([]);
  });

  it('makes a bulk reset past MAX_TARGETS, where nobody is told by DM (Slack only queues them)', async () => {
    const made = await signOut([ALICE, BOB, CAROL].map(user), { MAX_TARGETS: '2' });
    expect(made.ok && made.order).toMatchObject({
      notify: false,
      plan: { kind: 'reset_bulk', userIds: [ALICE, BOB, CAROL] },
    });
  });

  it('stops at a user group it cannot use, recording the refusal', async () => {
    const made = await signOut([user(ALICE)], undefined, [{ kind: 'group', id: 'S0NOPE0001' }]);
    expect(made).toEqual({ ok: false, why: expect.stringContaining('does not exist') });
    expect(f.audit.records.map((r) => [r.outcome, r.targets])).toEqual([['refused', []]]);
  });

  it('reads what Slack holds before a settings change, so its records keep what each had', async () => {
    f.adminApi.settings.set(BOB, { duration: 86_400 });
    const made = await orderFromPeople(
      {
        named: { refs: [user(ALICE), user(BOB), user(BOT)], groups: [] },
        ask: { change: { set: { duration: 28_800 } } },
        reason: 'INC-9',
        notify: false,
        by: { ...by, invokerId: ADMIN },
      },
      settingsUnattended,
      { slack: f.surface, logger: f.logger },
      f.deps,
    );
    expect(made.ok && made.order).toMatchObject({
      action: 'session_settings',
      plan: {
        kind: 'session_settings',
        userIds: [ALICE, BOB],
        held: ['default', { own: { duration: 86_400 } }],
        skipped: [{ label: BOT, code: 'is_bot' }],
        change: { set: { duration: 28_800 } },
      },
    });
    expect(f.adminApi.changes()).toEqual([]);
  });
});
