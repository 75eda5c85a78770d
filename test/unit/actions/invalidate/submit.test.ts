import { invalidateConfirmSubmission } from '../../../../src/actions/invalidate/submit';
import {
  ALICE,
  acked,
  ackedView,
  effects,
  expectOnlyRefused,
  type Fakes,
  failed,
  fakeDeps,
  invalidatePlan,
  NO_EFFECTS,
  OTHER_ADMIN,
  pickedSessions,
  REQUEST_ID,
  RESPONSE_URL,
  reasonValue,
  resetPlan,
  runView,
  TEAM,
  textOf,
  unknown,
  type ViewOptions,
} from '../../../support/listener-fakes';

const OFFERED = invalidatePlan({
  choose: true,
  sessions: [1001, 1002, 1003].map((sessionId) => ({ teamId: TEAM, sessionId })),
});
const ended = (...ids: number[]) =>
  ids.map((sessionId) => ({ method: 'invalidateSession', userId: ALICE, teamId: TEAM, sessionId }));

describe('Submit on the session confirmation', () => {
  let f: Fakes;
  beforeEach(() => {
    f = fakeDeps();
  });
  const submit = (options: ViewOptions = {}) =>
    runView(f, invalidateConfirmSubmission, { plan: invalidatePlan(), ...options });
  const message = () => f.surface.messages().at(-1)?.text ?? '';

  it('ends the one session confirmed: progress in the ack, "started" record, call, result', async () => {
    const ack = await submit({ values: reasonValue('stolen laptop') });
    expect(textOf(ackedView(ack))).toContain('Ending 1 session… 0 of 1 finished.');
    expect(f.adminApi.calls).toEqual(ended(1001));
    expect(f.audit.records).toEqual([
      expect.objectContaining({
        requestId: REQUEST_ID,
        action: 'invalidate',
        outcome: 'started',
        reason: 'stolen laptop',
        targets: [{ userId: ALICE, teamId: TEAM, sessionId: 1001, result: 'pending' }],
      }),
      expect.objectContaining({
        outcome: 'executed',
        targets: [{ userId: ALICE, teamId: TEAM, sessionId: 1001, result: 'done' }],
      }),
    ]);
    expect(textOf(f.surface.lastView())).toContain('Ended 1 of 1 session');
    expect(f.surface.messages()[0]?.responseUrl).toBe(RESPONSE_URL);
    expect(message()).toContain(`:white_check_mark: Session 1001 of <@${ALICE}> ended.`);
    expect(message()).toContain('Reason: stolen laptop');
  });

  it('ends only the sessions chosen, each once, whatever else the plan offered', async () => {
    await submit({ plan: OFFERED, values: pickedSessions(`${TEAM}:1003`, `${TEAM}:1001`, `${TEAM}:1003`) });
    expect(f.adminApi.calls).toEqual(ended(1003, 1001));
    expect(message()).toContain('Ended 2 of 2 sessions');
  });

  it('ignores a choice sent for a plan that offered no choice', async () => {
    await submit({ values: pickedSessions(`${TEAM}:1002`) });
    expect(f.adminApi.calls).toEqual(ended(1001));
  });

  it('asks for a choice when none was made', async () => {
    const ack = await submit({ plan: OFFERED, values: pickedSessions() });
    expect(acked(ack)).toEqual({ response_action: 'errors', errors: { sessions: 'Choose at least one session.' } });
    expect(effects(f)).toEqual(NO_EFFECTS);
  });

  it('refuses a choice of a session that was not offered, ending none', async () => {
    const ack = await submit({ plan: OFFERED, values: pickedSessions(`${TEAM}:1001`, `${TEAM}:9999`) });
    expect(ackedView(ack).title.text).toBe('Not done');
    expect(textOf(ackedView(ack))).toContain('A chosen session was not among those offered; nothing was changed.');
    expect(effects(f)).toEqual(NO_EFFECTS);
  });

  it('tells apart a session that certainly was not ended from one that may have been', async () => {
    f.adminApi.answer(`${TEAM}:1001`, failed('session_not_found')).answer(`${TEAM}:1002`, unknown('network_error'));
    await submit({ plan: OFFERED, values: pickedSessions(`${TEAM}:1001`, `${TEAM}:1002`) });
    expect(message()).toContain(':x: *Ended 0 of 2 sessions, 1 failed, 1 unknown.*');
    expect(message()).toContain(
      `:x: Session 1001 of <@${ALICE}>: *not done*. That session no longer exists: it has ended, or the ID is wrong.`,
    );
    expect(message()).toContain(`:grey_question: Session 1002 of <@${ALICE}>: *unknown* whether it took effect.`);
    expect(f.audit.final()).toEqual([
      expect.objectContaining({
        outcome: 'unknown',
        targets: [
          { userId: ALICE, teamId: TEAM, sessionId: 1001, result: 'failed', error: 'session_not_found' },
          { userId: ALICE, teamId: TEAM, sessionId: 1002, result: 'unknown', error: 'network_error' },
        ],
      }),
    ]);
  });

  it('runs a plan once: the same confirmation submitted again is "Already done"', async () => {
    await submit();
    const again = await submit();
    expect(ackedView(again).title.text).toBe('Already done');
    expect(f.adminApi.calls).toEqual(ended(1001));
  });

  it('with REQUIRE_REASON, answers a missing reason with a field error, and ends nothing', async () => {
    f = fakeDeps({ env: { REQUIRE_REASON: 'true' } });
    const ack = await submit();
    expect(acked(ack)).toEqual({
      response_action: 'errors',
      errors: { reason: 'A reason is required: say why, for the record.' },
    });
    expect(effects(f)).toEqual(NO_EFFECTS);
    await submit({ values: reasonValue('INC-9') });
    expect(f.adminApi.calls).toEqual(ended(1001));
  });

  it('in DRY_RUN says "would have" and records a dry run', async () => {
    f = fakeDeps({ env: { DRY_RUN: 'true' } });
    await submit();
    expect(message()).toContain('Dry run: would have ended 1 of 1 session; nothing was changed');
    expect(f.audit.final().map((r) => r.outcome)).toEqual(['dry_run']);
  });

  it.each<[string, ViewOptions]>([
    ['a tampered plan', { metadata: '{"v":1,"kind":"invalidate","sessions":[]}' }],
    ['a plan opened by another admin', { userId: OTHER_ADMIN }],
    ['a reset plan', { plan: resetPlan() }],
  ])('refuses %s: "Not done", and ends nothing', async (_name, options) => {
    const ack = await submit(options);
    expect(ackedView(ack).title.text).toBe('Not done');
    expectOnlyRefused(f);
  });
});
