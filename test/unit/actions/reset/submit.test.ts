import type { ResetPlan } from '../../../../src/actions/reset/plan';
import { resetConfirmSubmission } from '../../../../src/actions/reset/submit';
import {
  ALICE,
  acked,
  ackedView,
  BOB,
  BOT,
  CAROL,
  cooldownTicked,
  effects,
  expectOnlyRefused,
  type Fakes,
  failed,
  fakeDeps,
  invalidatePlan,
  NO_EFFECTS,
  OTHER_ADMIN,
  pastReset,
  REQUEST_ID,
  RESPONSE_URL,
  reasonValue,
  resetPlan,
  runView,
  textOf,
  unknown,
  VIEW_ID,
  type ViewOptions,
} from '../../../support/listener-fakes';

describe('Submit on the reset confirmation', () => {
  let f: Fakes;
  beforeEach(() => {
    f = fakeDeps();
  });
  const submit = (options: ViewOptions = {}) => runView(f, resetConfirmSubmission, { plan: resetPlan(), ...options });
  /** The result the admin sees in the modal and gets by message: the same lines. */
  const result = () => {
    const message = f.surface.messages().at(-1);
    expect(message?.responseUrl).toBe(RESPONSE_URL);
    expect(textOf(f.surface.lastView())).toContain(message?.text.split('\n')[0]);
    return message?.text ?? '';
  };

  it('acks with progress, records "started", resets with the scope, then reports and records the result', async () => {
    const plan = resetPlan({ userIds: [ALICE, BOB], scope: 'mobile' });
    const ack = await submit({ plan, values: reasonValue(' phished, INC-42 ') });
    expect(textOf(ackedView(ack))).toContain('Signing out 2 people… 0 of 2 finished.');
    expect(f.adminApi.calls).toEqual([
      { method: 'resetSessions', userId: ALICE, scope: 'mobile' },
      { method: 'resetSessions', userId: BOB, scope: 'mobile' },
    ]);
    expect(f.audit.records.map((r) => [r.outcome, r.details, r.reason, r.targets.map((t) => t.result)])).toEqual([
      ['started', { scope: 'mobile' }, 'phished, INC-42', ['pending', 'pending']],
      ['executed', { scope: 'mobile' }, 'phished, INC-42', ['done', 'done']],
    ]);
    expect(f.audit.records.every((r) => r.requestId === REQUEST_ID)).toBe(true);
    expect(f.surface.updates().at(-1)?.viewId).toBe(VIEW_ID);
    const text = result();
    expect(text).toContain(':white_check_mark: *Signed out 2 of 2 people.*');
    expect(text).toContain(`<@${ALICE}> signed out of mobile sessions only.`);
    expect(text).toContain('Reason: phished, INC-42');
  });

  it('reports, and records as not attempted, the people the confirmation already left out', async () => {
    await submit({ plan: resetPlan({ skipped: [{ label: BOT, code: 'is_bot' }], skippedUnlisted: 2 }) });
    expect(f.adminApi.calls).toEqual([{ method: 'resetSessions', userId: ALICE, scope: 'all' }]);
    const text = result();
    expect(text).toContain('Signed out 1 of 4 people, 3 not attempted.');
    expect(text).toContain(`<@${BOT}>: *not attempted*. It is a bot or app user`);
    expect(text).toContain('2 more named people: *not attempted*');
    expect(f.audit.final()[0]).toMatchObject({
      outcome: 'partial',
      targets: [
        { userId: ALICE, result: 'done' },
        { userId: BOT, result: 'not_attempted', error: 'is_bot' },
      ],
    });
  });

  it('tells apart a call that certainly failed from one whose effect is unknown', async () => {
    f.adminApi.answer(BOB, failed('user_session_reset_failed')).answer(CAROL, unknown('timeout'));
    await submit({ plan: resetPlan({ userIds: [ALICE, BOB, CAROL] }) });
    const text = result();
    expect(text).toContain(':warning: *Signed out 1 of 3 people, 1 failed, 1 unknown.*');
    expect(text).toContain(`:x: <@${BOB}>: *not done*. Slack could not end the sessions this time; try again.`);
    expect(text).toContain(`:grey_question: <@${CAROL}>: *unknown* whether it took effect.`);
    expect(f.audit.final()).toEqual([
      expect.objectContaining({
        outcome: 'partial',
        targets: [
          { userId: ALICE, result: 'done' },
          { userId: BOB, result: 'failed', error: 'user_session_reset_failed' },
          { userId: CAROL, result: 'unknown', error: 'timeout' },
        ],
      }),
    ]);
  });

  it.each([
    ['not done', 'failed', failed('not_allowed_token_type'), ':x: *Signed out 0 of 1 person, 1 failed.*'],
    ['unknown', 'unknown', unknown('slack_server_error'), ':x: *Signed out 0 of 1 person, 1 unknown.*'],
  ])('records a run whose only call is %s as %s', async (_name, recorded, outcome, summary) => {
    f.adminApi.answer(ALICE, outcome);
    await submit();
    expect(result()).toContain(summary);
    expect(f.audit.final().map((r) => r.outcome)).toEqual([recorded]);
  });

  describe('runs a plan once', () => {
    beforeEach(() => {
      f = fakeDeps({ env: { RESET_COOLDOWN_MINUTES: '0' } });
    });

    it('refuses the same confirmation submitted again: "Already done"', async () => {
      await submit();
      const again = await submit();
      expect(ackedView(again).title.text).toBe('Already done');
      expect(textOf(ackedView(again))).toContain('already submitted or cancelled');
      expect(f.adminApi.calls).toHaveLength(1);
      expect(f.audit.records.map((r) => r.outcome)).toEqual(['started', 'executed']);
    });

    it('refuses a second submit that arrives while the first is running', async () => {
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      f.adminApi.during = () => held;
      const first = submit();
      // Let the first submit reach the admin call.
      await new Promise((resolve) => setImmediate(resolve));
      const second = await submit();
      expect(ackedView(second).title.text).toBe('Already done');
      release();
      await first;
      expect(f.adminApi.calls).toHaveLength(1);
    });

    it('with the cooldown on too, says "Already done", not that someone else signed them out meanwhile', async () => {
      f = fakeDeps();
      await submit();
      const again = await submit();
      // The plan's own first run is in the store: run-once answers before the cooldown could take it for another's.
      expect(ackedView(again).title.text).toBe('Already done');
      expect(f.adminApi.calls).toHaveLength(1);
    });
  });

  it('never runs a confirmation that was cancelled', async () => {
    await f.store.append({ ...pastReset(ALICE, 1), requestId: REQUEST_ID, outcome: 'cancelled', targets: [] });
    const ack = await submit();
    expect(ackedView(ack).title.text).toBe('Already done');
    expect(f.adminApi.calls).toEqual([]);
  });

  it('with REQUIRE_REASON, answers a blank reason with a field error and runs once one is given', async () => {
    f = fakeDeps({ env: { REQUIRE_REASON: 'true' } });
    const blank = await submit({ values: reasonValue('   ') });
    expect(acked(blank)).toEqual({
      response_action: 'errors',
      errors: { reason: 'A reason is required: say why, for the record.' },
    });
    expect(effects(f)).toEqual(NO_EFFECTS);

    await submit({ values: reasonValue('stolen laptop') });
    expect(f.adminApi.calls).toHaveLength(1);
    expect(f.audit.final()[0]?.reason).toBe('stolen laptop');
  });

  describe('within the cooldown', () => {
    const shownAgain = resetPlan({ userIds: [ALICE, BOB], again: [ALICE] });
    beforeEach(() => f.store.append(pastReset(ALICE, 2)));

    it('asks for the tick, and resets nobody, until it is given', async () => {
      const unticked = await submit({ plan: shownAgain });
      expect(acked(unticked)).toEqual({
        response_action: 'errors',
        errors: { cooldown: 'Tick this to sign them out again.' },
      });
      expect(f.adminApi.calls).toEqual([]);

      await submit({ plan: shownAgain, values: cooldownTicked });
      expect(f.adminApi.calls.map((c) => c.method === 'resetSessions' && c.userId)).toEqual([ALICE, BOB]);
    });

    it('refuses, even ticked, someone signed out since the confirmation was shown', async () => {
      await f.store.append(pastReset(BOB, 1));
      const ack = await submit({ plan: shownAgain, values: cooldownTicked });
      expect(acked(ack)).toEqual({
        response_action: 'errors',
        errors: { reason: expect.stringContaining(`Already signed out meanwhile: <@${BOB}> 1 minute ago.`) },
      });
      expect(f.adminApi.calls).toEqual([]);
    });
  });

  it('in DRY_RUN says "would have" and records a dry run', async () => {
    f = fakeDeps({ env: { DRY_RUN: 'true' } });
    await submit();
    expect(result()).toContain('Dry run: would have signed out 1 of 1 person; nothing was changed');
    expect(f.audit.final().map((r) => [r.outcome, r.targets[0]?.result])).toEqual([['dry_run', 'dry_run']]);
  });

  it.each<[string, ViewOptions, string]>([
    ['a tampered plan', { metadata: '{"v":1,"kind":"reset","userIds":["W0ALICE001"]}' }, 'is not valid'],
    ['a plan opened by another admin', { userId: OTHER_ADMIN }, 'does not belong to you'],
    ['an invalidate plan', { plan: invalidatePlan() }, 'does not belong to you'],
    ['too many people', { plan: { ...resetPlan(), userIds: manyUsers(26) } as ResetPlan }, 'is not valid'],
  ])('refuses %s: "Not done", and calls nothing', async (_name, options, said) => {
    const ack = await submit(options);
    expect(ackedView(ack).title.text).toBe('Not done');
    expect(textOf(ackedView(ack))).toContain(said);
    expectOnlyRefused(f);
  });
});

function manyUsers(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `W${String(i).padStart(9, '0')}`);
}
