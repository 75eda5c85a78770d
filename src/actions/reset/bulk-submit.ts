import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../shared/deps';
import { reasonOf, requireReason, stateValue, submittedPlan } from '../shared/submitted-plan';
import { submitOrder } from '../submit-order';
import { RESET, RESET_INPUT } from './ids';
import { BULK_PLAN } from './plan';
import { withShorten } from './submit';

/**
 * Submit on the bulk confirmation: the plan kept for this modal, the typed count must be its head count, then it
 * runs (or waits for approval).
 */
export function resetBulkSubmission(deps: ListenerDeps) {
  return async (args: AllMiddlewareArgs & SlackViewMiddlewareArgs) => {
    const { ack, view } = args;
    const plan = await submittedPlan(args, BULK_PLAN, deps);
    if (!plan) return;
    const count = plan.userIds.length;
    const typed = String(stateValue(view, RESET_INPUT.count)?.value ?? '').trim();
    if (typed !== String(count)) {
      await ack({
        response_action: 'errors',
        errors: { [RESET_INPUT.count.block]: `Type ${count}, the number of people to sign out, to go ahead.` },
      });
      return;
    }
    const reason = reasonOf(view);
    if (await requireReason(args, reason, deps)) return;
    // A bulk reset is only queued: nobody is known to be signed out, so nobody is told by DM.
    await submitOrder(args, deps, { action: RESET, plan: withShorten(view, plan), reason, notify: false });
  };
}
