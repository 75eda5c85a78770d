import { showResetConfirmation } from '../../../../src/actions/reset/confirmation';
import type { ResetScope, TargetRef } from '../../../../src/domain/types';
import {
  ADMIN,
  ALICE,
  BOB,
  BOT,
  CAROL,
  expectToldNotShown,
  type Fakes,
  fakeDeps,
  GONE,
  PRIMARY,
  pastReset,
  planOf,
  REQUEST_ID,
  RESPONSE_URL,
  resetPlan,
  TOKEN_OWNER,
  textOf,
  VIEW_ID,
} from '../../../support/listener-fakes';

const BASE = { invokerId: ADMIN, requestId: REQUEST_ID, responseUrl: RESPONSE_URL };
const user = (id: string): TargetRef => ({ kind: 'user', id });
const email = (address: string): TargetRef => ({ kind: 'email', email: address });

describe('showResetConfirmation', () => {
  let f: Fakes;
  beforeEach(() => {
    f = fakeDeps();
  });
  const show = (
    refs: TargetRef[],
    scope: ResetScope = 'all',
    base: typeof BASE | Omit<typeof BASE, 'responseUrl'> = BASE,
  ) => showResetConfirmation({ slack: f.surface, logger: f.logger, viewId: VIEW_ID, refs, scope }, base, f.deps);

  it('looks everyone up and shows the confirmation in the open modal, changing and recording nothing', async () => {
    await show([user(ALICE), email('bob@example.com')], 'mobile');
    expect(f.directory.lookups).toEqual([`id:${ALICE}`, 'email:bob@example.com']);
    expect(f.surface.methods()).toEqual(['updateModal']);
    const [update] = f.surface.updates();
    expect(update?.viewId).toBe(VIEW_ID);
    expect(update?.view.callback_id).toBe('reset_sessions_confirm');
    expect(planOf(f, update?.view ?? {})).toEqual(resetPlan({ userIds: [ALICE, BOB], scope: 'mobile' }));
    const shown = textOf(update?.view);
    expect(shown).toContain('Sign out 2 people from their mobile sessions?');
    expect(shown).toContain('Alice Example');
    expect(shown).toContain('bob@example.com');
    expect(f.adminApi.calls).toEqual([]);
    expect(f.audit.records).toEqual([]);
  });

  it('keeps, in the plan and the view, who will not be signed out and why', async () => {
    await show([user(ALICE), user(BOT), user(GONE), user(PRIMARY), email('nobody@example.com'), user('W0GHOST001')]);
    const view = f.surface.lastView();
    expect(planOf(f, view)).toMatchObject({
      userIds: [ALICE],
      skipped: [
        { label: BOT, code: 'is_bot' },
        { label: GONE, code: 'deactivated' },
        { label: PRIMARY, code: 'org_primary_owner' },
        { label: 'nobody@example.com', code: 'users_not_found' },
        { label: 'W0GHOST001', code: 'user_not_found' },
      ],
    });
    const shown = textOf(view);
    expect(shown).toContain('Sign out 1 person');
    expect(shown).toContain('is a bot or app user');
    expect(shown).toContain('is deactivated');
    expect(shown).toContain('is the Org Primary Owner: Slack never lets an app sign them out.');
    expect(shown).toContain('No Slack user has the email `nobody@example.com`');
    expect(f.surface.messages()).toEqual([]);
  });

  it('warns about the admin themself, an org admin and the admin token’s owner', async () => {
    await show([user(ADMIN), user(CAROL), user(TOKEN_OWNER)]);
    const shown = textOf(f.surface.lastView());
    expect(shown).toContain('*This is you*: you will be signed out too.');
    expect(shown).toContain('This person is an admin or owner: *Org Admin*.');
    expect(shown).toContain('This person owns the admin token this app uses.');
  });

  it('when nobody can be signed out: records the refusal, says so in the modal and by message', async () => {
    await show([email('nobody@example.com'), user(BOT)], 'web');
    const view = f.surface.lastView();
    expect(view.submit).toBeUndefined();
    expect(textOf(view)).toContain('*Nobody can be signed out.* Nothing was changed.');
    expect(f.audit.records).toEqual([
      {
        time: expect.any(String),
        requestId: REQUEST_ID,
        invokerId: ADMIN,
        action: 'reset',
        outcome: 'refused',
        details: { scope: 'web' },
        targets: [
          { userId: 'nobody@example.com', result: 'not_attempted', error: 'users_not_found' },
          { userId: BOT, result: 'not_attempted', error: 'is_bot' },
        ],
      },
    ]);
    expect(f.surface.messages()).toEqual([
      {
        responseUrl: RESPONSE_URL,
        text: expect.stringMatching(/^:warning: \*Nobody can be signed out\.\* .*\n• No Slack user has the email/),
      },
    ]);
  });

  it('has no message to send without a response_url', async () => {
    await show([user(BOT)], 'all', { invokerId: ADMIN, requestId: REQUEST_ID });
    expect(f.surface.methods()).toEqual(['updateModal']);
    expect(f.audit.records).toHaveLength(1);
  });

  it('asks for an explicit "again" for someone reset within the cooldown', async () => {
    await f.store.append(pastReset(ALICE, 3));
    await show([user(ALICE), user(BOB)]);
    const view = f.surface.lastView();
    expect(planOf(f, view)).toMatchObject({ userIds: [ALICE, BOB], again: [ALICE] });
    expect(textOf(view)).toContain('Already signed out 3 minutes ago.');
    expect(view.blocks.map((b) => b.block_id)).toContain('cooldown');
  });

  it('still shows the confirmation, without the cooldown, when the store cannot be read', async () => {
    f.store.unreadable = new Error('SQLITE_BUSY');
    await show([user(ALICE)]);
    expect(planOf(f, f.surface.lastView())).toMatchObject({ again: [] });
    expect(f.logger.error).toHaveBeenCalledWith(
      'AUDIT STORE UNREADABLE for the cooldown (not checked): Error: SQLITE_BUSY',
    );
  });

  it('makes the reason required with REQUIRE_REASON', async () => {
    f = fakeDeps({ env: { REQUIRE_REASON: 'true' } });
    await show([user(ALICE)]);
    const reason = f.surface.lastView().blocks.find((b) => b.block_id === 'reason');
    expect(reason).toMatchObject({ type: 'input', optional: false });
  });

  it('tells the admin by message when the modal was closed before the confirmation could be shown', async () => {
    f.surface.acceptUpdate = () => false;
    await show([user(ALICE)]);
    expectToldNotShown(f);
  });
});
