import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { sessionKeyString } from '../../domain/plan';
import { runInvalidate } from '../../domain/run-plan';
import { noticeView } from '../../views/blocks';
import type { ListenerDeps } from '../shared/deps';
import { runSubmission } from '../shared/run-submission';
import { reasonOf, requireReason, stateValue, submittedPlan } from '../shared/submitted-plan';
import { INVALIDATE, INVALIDATE_INPUT } from './ids';
import { INVALIDATE_PLAN } from './plan';
import { INVALIDATE_WORDS } from './words';

/** Submit on the session confirmation: the only place admin.users.session.invalidate is called. */
export function invalidateConfirmSubmission(deps: ListenerDeps) {
  return async (args: AllMiddlewareArgs & SlackViewMiddlewareArgs) => {
    const { ack, view } = args;
    const plan = await submittedPlan(args, INVALIDATE_PLAN, deps);
    if (!plan) return;

    let sessions = plan.sessions;
    if (plan.choose) {
      // Only sessions that were on offer may be ended, whatever the payload says was selected.
      const offered = new Map(plan.sessions.map((s) => [sessionKeyString(s), s]));
      const chosen = (stateValue(view, INVALIDATE_INPUT.sessions)?.selected_options ?? []).map((o) => o.value);
      if (chosen.length === 0) {
        await ack({
          response_action: 'errors',
          errors: { [INVALIDATE_INPUT.sessions.block]: 'Choose at least one session.' },
        });
        return;
      }
      const picked = [...new Set(chosen)].map((value) => offered.get(value));
      if (picked.some((s) => s === undefined)) {
        await ack({
          response_action: 'update',
          view: noticeView('Not done', 'A chosen session was not among those offered; nothing was changed.'),
        });
        return;
      }
      sessions = picked.filter((s) => s !== undefined);
    }
    const reason = reasonOf(view);
    if (await requireReason(args, reason, deps)) return;
    const { userId } = plan;
    await runSubmission(args, deps, {
      plan,
      action: INVALIDATE,
      words: INVALIDATE_WORDS,
      reason,
      targets: sessions.map((s) => ({ userId, ...s })),
      run: async (observer) => ({
        reason,
        results: await runInvalidate(deps.adminApi, userId, sessions, observer),
        skipped: [],
        skippedUnlisted: 0,
        dryRun: deps.config.dryRun,
      }),
    });
  };
}
