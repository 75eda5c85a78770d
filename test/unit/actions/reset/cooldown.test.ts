import { cooldownErrors, recentResets } from '../../../../src/actions/reset/cooldown';
import type { ResetPlan } from '../../../../src/actions/reset/plan';
import {
  ALICE,
  BOB,
  CAROL,
  cooldownTicked,
  type Fakes,
  fakeDeps,
  pastReset,
  resetPlan,
  viewArgs,
} from '../../../support/listener-fakes';

const TICK = 'Tick this to sign them out again.';

describe('cooldownErrors', () => {
  let f: Fakes;
  beforeEach(() => {
    f = fakeDeps();
  });
  const errorsFor = (plan: ResetPlan, ticked: boolean) =>
    cooldownErrors(viewArgs(f, { plan, values: ticked ? cooldownTicked : {} }).args, plan, f.deps);
  const resetAgo = (userId: string, minutes: number) => f.store.append(pastReset(userId, minutes));

  it('lets a plan go ahead when nobody in it was reset within the cooldown', async () => {
    await resetAgo(ALICE, 11);
    await expect(errorsFor(resetPlan({ userIds: [ALICE, BOB] }), false)).resolves.toBeUndefined();
  });

  it('asks for the tick when someone shown as recently reset is not confirmed again', async () => {
    await resetAgo(ALICE, 2);
    const plan = resetPlan({ userIds: [ALICE, BOB], again: [ALICE] });
    await expect(errorsFor(plan, false)).resolves.toEqual({ cooldown: TICK });
    await expect(errorsFor(plan, true)).resolves.toBeUndefined();
  });

  it('refuses, on the reason field, someone reset after the confirmation was shown, tick or not', async () => {
    await resetAgo(ALICE, 2);
    await resetAgo(BOB, 3);
    const plan = resetPlan({ userIds: [ALICE, BOB, CAROL], again: [ALICE] });
    const said = {
      reason: `Already signed out meanwhile: <@${BOB}> 3 minutes ago. Close this and run the command again to confirm.`,
    };
    await expect(errorsFor(plan, true)).resolves.toEqual(said);
    // Unticked, Alice is unconfirmed too, but the checkbox cannot speak for Bob: the reason field names both.
    await expect(errorsFor(plan, false)).resolves.toEqual({
      reason: expect.stringContaining(`<@${ALICE}> 2 minutes ago, <@${BOB}> 3 minutes ago`),
    });
  });

  it('counts a reset whose result is unknown or still pending, not one that failed', async () => {
    await f.store.append(pastReset(ALICE, 1, { result: 'unknown' }));
    await f.store.append(pastReset(BOB, 1, { result: 'pending', outcome: 'started' }));
    await f.store.append(pastReset(CAROL, 1, { result: 'failed', outcome: 'failed' }));
    await expect(errorsFor(resetPlan({ userIds: [ALICE, BOB, CAROL] }), true)).resolves.toEqual({
      reason: expect.stringContaining(`<@${ALICE}> 1 minute ago, <@${BOB}> 1 minute ago.`),
    });
  });

  it('never counts the plan’s own records: another replica already running this very Submit is not a reset by someone else', async () => {
    const plan = resetPlan({ userIds: [ALICE] });
    await f.store.append({ ...pastReset(ALICE, 0), requestId: plan.requestId, outcome: 'started' });
    await expect(errorsFor(plan, false)).resolves.toBeUndefined();
  });

  it('is off with RESET_COOLDOWN_MINUTES=0: the store is not even asked', async () => {
    f = fakeDeps({ env: { RESET_COOLDOWN_MINUTES: '0' } });
    await resetAgo(ALICE, 0);
    const lastActed = jest.spyOn(f.store, 'lastActed');
    await expect(errorsFor(resetPlan(), false)).resolves.toBeUndefined();
    expect(lastActed).not.toHaveBeenCalled();
  });

  it('does not stop an incident when the store cannot be read: logged, and the plan goes ahead', async () => {
    f.store.unreadable = new Error('SQLITE_CORRUPT');
    await expect(errorsFor(resetPlan(), false)).resolves.toBeUndefined();
    expect(f.logger.error).toHaveBeenCalledWith(
      'AUDIT STORE UNREADABLE for the cooldown (not checked): Error: SQLITE_CORRUPT',
    );
  });
});

describe('recentResets', () => {
  it('asks the store for resets since the cooldown began, and only when there is someone to ask about', async () => {
    const f = fakeDeps({ env: { RESET_COOLDOWN_MINUTES: '30' } });
    const lastActed = jest.spyOn(f.store, 'lastActed');
    const now = new Date('2026-11-25T12:00:00Z');
    await recentResets(f.deps, [ALICE], now, f.logger);
    expect(lastActed).toHaveBeenCalledWith('reset', [ALICE], new Date('2026-11-25T11:30:00Z'), undefined);
    await recentResets(f.deps, [ALICE], now, f.logger, 'the-plan-itself');
    expect(lastActed).toHaveBeenLastCalledWith('reset', [ALICE], new Date('2026-11-25T11:30:00Z'), 'the-plan-itself');
    await expect(recentResets(f.deps, [], now, f.logger)).resolves.toEqual(new Map());
    expect(lastActed).toHaveBeenCalledTimes(2);
  });
});
