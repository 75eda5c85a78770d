import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { CHECKED, INPUT } from '../../views/ids';
import type { ListenerDeps } from '../shared/deps';
import { reasonOf, requireReason, submittedPlan } from '../shared/submitted-plan';
import { submitOrder, ticked } from '../submit-order';
import { cooldownErrors } from './cooldown';
import { RESET, RESET_INPUT, SHORTEN } from './ids';
import { type BulkResetPlan, RESET_PLAN, type ResetPlan } from './plan';

/** The plan as confirmed, with "and shorten their sessions" when it was ticked. */
export const withShorten = <P extends ResetPlan | BulkResetPlan>(view: SlackViewMiddlewareArgs['view'], plan: P): P =>
  ticked(view, RESET_INPUT.shorten, SHORTEN) ? { ...plan, shorten: true } : plan;

/** Submit on the reset confirmation: the plan as confirmed, run now or sent for approval. */
export function resetConfirmSubmission(deps: ListenerDeps) {
  return async (args: AllMiddlewareArgs & SlackViewMiddlewareArgs) => {
    const plan = await submittedPlan(args, RESET_PLAN, deps);
    if (!plan) return;
    const reason = reasonOf(args.view);
    if (await requireReason(args, reason, deps)) return;
    const notify = ticked(args.view, INPUT.notify, CHECKED.notify);
    // The order names the change that follows, if it was ticked: what runs, now or on approval.
    const order = { action: RESET, plan: withShorten(args.view, plan), reason, notify };
    await submitOrder(args, deps, order, () => cooldownErrors(args, plan, deps));
  };
}
