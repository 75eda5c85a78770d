import type { Action, Prepared } from '../../../src/actions/action';
import { invalidateAction } from '../../../src/actions/invalidate';
import { registry } from '../../../src/actions/registry';
import { resetAction } from '../../../src/actions/reset';
import { afterReport } from '../../../src/actions/shared/run-order';
import { submitOrder } from '../../../src/actions/submit-order';
import type { AnyPlan } from '../../../src/domain/plan';
import type { Report } from '../../../src/domain/report';
import {
  ALICE,
  ackedView,
  BOB,
  CLIENT,
  type Fakes,
  fakeDeps,
  invalidatePlan,
  isClaimed,
  OK,
  resetPlan,
  TEAM,
  textOf,
  VIEW_ID,
  viewArgs,
  waitNotice,
} from '../../support/listener-fakes';
import type { Plan } from '../../support/plans';

const PLAN = resetPlan({ userIds: [ALICE, BOB], scope: 'web' });
const REPORT: Report = {
  action: 'reset',
  details: { scope: 'web' },
  reason: 'INC-7',
  results: [
    { target: { userId: ALICE }, outcome: OK },
    { target: { userId: BOB }, outcome: OK },
  ],
  skipped: [],
  skippedUnlisted: 0,
};

type Submission = Prepared & { plan: AnyPlan; action: Action; reason?: string };

describe('submitOrder', () => {
  let f: Fakes;
  beforeEach(() => {
    f = fakeDeps();
  });
  const submission = (over: Partial<Submission> = {}): Submission => ({
    plan: PLAN,
    action: resetAction,
    reason: 'INC-7',
    details: { scope: 'web' },
    targets: [{ userId: ALICE }, { userId: BOB }],
    run: jest.fn(async () => REPORT),
    ...over,
  });
  /** Submits through an action whose prepared run is the submission's, so the test controls the admin calls. */
  const runSubmission = async (args: ReturnType<typeof viewArgs>['args'], s: Submission) => {
    const { action, plan, reason, ...prepared } = s;
    f.deps.actions = registry([{ ...action, prepare: () => prepared }]);
    await submitOrder(args, f.deps, { action: action.audit, plan, reason, notify: false });
  };
  const submit = async (s: Submission) => {
    const { args, ack } = viewArgs(f, { plan: s.plan as Plan });
    await runSubmission(args, s);
    return ack;
  };

  it('claims, shows progress in the ack, records "started", runs, then reports, in that order', async () => {
    const order: string[] = [];
    const { args, ack } = viewArgs(f, { plan: PLAN });
    ack.mockImplementation(async () => {
      order.push('ack');
      return undefined;
    });
    const record = f.audit.record.bind(f.audit);
    jest.spyOn(f.audit, 'record').mockImplementation(async (r) => {
      order.push(`record ${r.outcome}`);
      await record(r);
    });
    jest.spyOn(f.surface, 'updateModal').mockImplementation(async () => {
      order.push('modal');
      return true;
    });
    jest.spyOn(f.surface, 'postEphemeral').mockImplementation(async () => {
      order.push('message');
      return true;
    });
    const run = jest.fn(async () => {
      order.push(`run (claimed: ${isClaimed(f)})`);
      return REPORT;
    });
    await runSubmission(args, submission({ run }));
    expect(order).toEqual(['ack', 'record started', 'run (claimed: true)', 'modal', 'message', 'record executed']);
    expect(isClaimed(f)).toBe(false);
  });

  it('acks with the progress view, records every target pending, and reports through the listener’s client', async () => {
    const ack = await submit(submission());
    expect(ack).toHaveBeenCalledTimes(1);
    expect(textOf(ackedView(ack))).toContain('Signing out 2 people… 0 of 2 finished.');
    expect(f.audit.records[0]).toEqual({
      time: expect.any(String),
      requestId: PLAN.requestId,
      invokerId: PLAN.invokerId,
      action: 'reset',
      outcome: 'started',
      details: { scope: 'web' },
      reason: 'INC-7',
      targets: [
        { userId: ALICE, result: 'pending' },
        { userId: BOB, result: 'pending' },
      ],
    });
    expect(f.audit.final()).toEqual([expect.objectContaining({ outcome: 'executed', reason: 'INC-7' })]);
    expect(f.slack).toHaveBeenCalledWith(CLIENT, f.logger);
    expect(f.surface.updates().at(-1)?.viewId).toBe(VIEW_ID);
    expect(textOf(f.surface.lastView())).toContain('Signed out 2 of 2 people');
  });

  it('shows the progress the run reports while it runs', async () => {
    const run = async (observer: Parameters<Submission['run']>[0]) => {
      observer.onWait?.(waitNotice('ratelimited', 2000));
      // The progress update is due at once: a short real wait lets it go out.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return REPORT;
    };
    await submit(submission({ run }));
    const shown = f.surface.updates().map((u) => textOf(u.view));
    expect(shown).toHaveLength(2);
    expect(shown[0]).toContain('Slack asks us to wait 2 s (rate limit on `admin.users.session.reset`).');
    expect(shown[1]).toContain('Signed out 2 of 2 people');
  });

  it('never lets a progress update still due when the run ends replace the result', async () => {
    const run = async (observer: Parameters<Submission['run']>[0]) => {
      observer.onResult?.();
      return REPORT;
    };
    await submit(submission({ run }));
    // Long enough for a forgotten progress timer (due at once) to fire.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(f.surface.updates().map((u) => textOf(u.view))).toEqual([expect.stringContaining('Signed out 2 of 2')]);
  });

  it('does nothing but say "Already done" when the same plan is already running', async () => {
    const release = f.inflight.claim(PLAN.requestId);
    const run = jest.fn(async () => REPORT);
    const ack = await submit(submission({ run }));
    expect(ackedView(ack).title.text).toBe('Already done');
    expect(run).not.toHaveBeenCalled();
    expect(f.audit.records).toEqual([]);
    expect(f.surface.calls).toEqual([]);
    release?.();
  });

  it('lets go of the plan when the run throws, leaving the "started" record so it is never run again', async () => {
    const run = jest.fn(async (): Promise<Report> => {
      throw new Error('boom');
    });
    await expect(submit(submission({ run }))).rejects.toThrow('boom');
    expect(isClaimed(f)).toBe(false);
    expect(f.audit.records.map((r) => r.outcome)).toEqual(['started']);

    const again = await submit(submission());
    expect(ackedView(again).title.text).toBe('Already done');
  });

  it('records sessions, without details, for an invalidate plan', async () => {
    const plan = invalidatePlan();
    const ack = await submit(
      submission({
        plan,
        action: invalidateAction,
        details: undefined,
        reason: undefined,
        targets: [{ userId: ALICE, teamId: TEAM, sessionId: 1001 }],
        run: async () => ({
          action: 'invalidate',
          results: [{ target: { userId: ALICE, teamId: TEAM, sessionId: 1001 }, outcome: OK }],
          skipped: [],
          skippedUnlisted: 0,
        }),
      }),
    );
    expect(textOf(ackedView(ack))).toContain('Ending 1 session… 0 of 1 finished.');
    expect(f.audit.records.map((r) => [r.action, r.outcome, r.details, r.targets])).toEqual([
      ['invalidate', 'started', undefined, [{ userId: ALICE, teamId: TEAM, sessionId: 1001, result: 'pending' }]],
      ['invalidate', 'executed', undefined, [{ userId: ALICE, teamId: TEAM, sessionId: 1001, result: 'done' }]],
    ]);
  });
});

describe('afterReport', () => {
  it('logs a failure after the report instead of letting it escape', async () => {
    const f = fakeDeps();
    await expect(
      afterReport(f.logger, 'checking afterwards', async () => {
        throw new Error('list exploded');
      }),
    ).resolves.toBeUndefined();
    expect(f.logger.error).toHaveBeenCalledWith('after the report, checking afterwards failed: Error: list exploded');
  });
});
