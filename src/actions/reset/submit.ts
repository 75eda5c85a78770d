import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { CHECKED, INPUT } from '../../views/ids';
import type { ListenerDeps } from '../shared/deps';
import { reasonOf, requireReason, submittedPlan } from '../shared/submitted-plan';
import { submitOrder, ticked } from '../submit-order';
import { cooldownErrors } from './cooldown';
import { RESET } from './ids';
import { RESET_PLAN } from './plan';

/** Submit on the reset confirmation: the plan as confirmed, run now or sent for approval. */
export function resetConfirmSubmission(deps: ListenerDeps) {
  return async (args: AllMiddlewareArgs & SlackViewMiddlewareArgs) => {
    const plan = await submittedPlan(args, RESET_PLAN, deps);
    if (!plan) return;
    const reason = reasonOf(args.view);
    if (await requireReason(args, reason, deps)) return;
    const notify = ticked(args.view, INPUT.notify, CHECKED.notify);
    await submitOrder(args, deps, { action: RESET, plan, reason, notify }, () => cooldownErrors(args, plan, deps));
  };
}
