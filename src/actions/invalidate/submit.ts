import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { sessionKeyString } from '../../domain/plan';
import { noticeView } from '../../views/blocks';
import { CHECKED, INPUT } from '../../views/ids';
import type { ListenerDeps } from '../shared/deps';
import { reasonOf, requireReason, stateValue, submittedPlan } from '../shared/submitted-plan';
import { submitOrder, ticked } from '../submit-order';
import { INVALIDATE, INVALIDATE_INPUT } from './ids';
import { INVALIDATE_PLAN, type InvalidatePlan } from './plan';

/** Submit on the session confirmation: the sessions chosen, ended now or sent for approval. */
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
    const notify = ticked(view, INPUT.notify, CHECKED.notify);
    // The order names exactly the sessions chosen: what runs, now or on approval.
    const chosen: InvalidatePlan = { ...plan, sessions };
    await submitOrder(args, deps, { action: INVALIDATE, plan: chosen, reason, notify });
  };
}
