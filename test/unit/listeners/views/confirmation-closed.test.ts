import { ACTIONS } from '../../../../src/actions/registry';
import { resetConfirmSubmission } from '../../../../src/actions/reset/submit';
import { confirmationClosed } from '../../../../src/listeners/views/confirmation-closed';
import {
  ADMIN,
  ALICE,
  acked,
  ackedView,
  BOB,
  effects,
  type Fakes,
  fakeDeps,
  invalidatePlan,
  NO_EFFECTS,
  OTHER_ADMIN,
  pickPlan,
  REQUEST_ID,
  resetPlan,
  runView,
  TEAM,
  type ViewOptions,
} from '../../../support/listener-fakes';

/** What every cancel record starts with: the plan's request and invoker. */
const CANCELLED = { time: expect.any(String), requestId: REQUEST_ID, invokerId: ADMIN, outcome: 'cancelled' };

describe('Cancel on a picker or confirmation (view_closed)', () => {
  let f: Fakes;
  beforeEach(() => {
    f = fakeDeps();
  });
  /** Cancel on the modal that holds this kind of plan, as the listener is registered for it. */
  const close = (options: ViewOptions, kind: string = options.plan?.kind ?? 'reset') => {
    const action = ACTIONS.all.find((a) => a.modals.some((m) => m.plan.kind === kind));
    const modal = action?.modals.find((m) => m.plan.kind === kind);
    if (!action || !modal) throw new Error(`no modal holds a ${kind} plan`);
    return runView(f, (deps) => confirmationClosed(action, modal, deps), { ...options, type: 'view_closed' });
  };

  it('records a cancelled reset with its people, not attempted, and its scope', async () => {
    const ack = await close({ plan: resetPlan({ userIds: [ALICE, BOB], scope: 'web' }) });
    expect(acked(ack)).toBeUndefined();
    expect(f.audit.records).toEqual([
      {
        ...CANCELLED,
        action: 'reset',
        details: { scope: 'web' },
        targets: [
          { userId: ALICE, result: 'not_attempted' },
          { userId: BOB, result: 'not_attempted' },
        ],
      },
    ]);
  });

  it('records a cancelled invalidate with its sessions, not attempted', async () => {
    const plan = invalidatePlan({
      choose: true,
      sessions: [1001, 1002].map((sessionId) => ({ teamId: TEAM, sessionId })),
    });
    await close({ plan });
    expect(f.audit.records).toEqual([
      {
        ...CANCELLED,
        action: 'invalidate',
        targets: [
          { userId: ALICE, teamId: TEAM, sessionId: 1001, result: 'not_attempted' },
          { userId: ALICE, teamId: TEAM, sessionId: 1002, result: 'not_attempted' },
        ],
      },
    ]);
  });

  it('records a cancelled picker as a reset that named nobody', async () => {
    await close({ plan: pickPlan() });
    expect(f.audit.records).toEqual([{ ...CANCELLED, action: 'reset', targets: [] }]);
  });

  it.each<[string, ViewOptions]>([
    ['an invalid plan', { metadata: '{"v":1,"kind":"reset"}' }],
    ['no plan', { metadata: '' }],
    ['a plan another admin opened', { plan: resetPlan(), userId: OTHER_ADMIN }],
  ])('acks, records nothing and logs for %s', async (_name, options) => {
    const ack = await close(options);
    expect(acked(ack)).toBeUndefined();
    expect(effects(f)).toEqual(NO_EFFECTS);
    expect(f.logger.warn).toHaveBeenCalledTimes(1);
  });

  it('makes the cancelled confirmation impossible to submit afterwards', async () => {
    await close({ plan: resetPlan() });
    const submitted = await runView(f, resetConfirmSubmission, { plan: resetPlan() });
    expect(ackedView(submitted).title.text).toBe('Already done');
    expect(f.adminApi.calls).toEqual([]);
  });
});
