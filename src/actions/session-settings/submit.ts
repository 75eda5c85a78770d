import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../shared/deps';
import { reasonOf, requireReason, submittedPlan } from '../shared/submitted-plan';
import { submitOrder } from '../submit-order';
import { SESSION_SETTINGS } from './ids';
import { SETTINGS_PLAN } from './plan';

/** Submit on the confirmation: the change as confirmed, made now or sent for approval. Nobody is told by DM. */
export function settingsConfirmSubmission(deps: ListenerDeps) {
  return async (args: AllMiddlewareArgs & SlackViewMiddlewareArgs) => {
    const plan = await submittedPlan(args, SETTINGS_PLAN, deps);
    if (!plan) return;
    const reason = reasonOf(args.view);
    if (await requireReason(args, reason, deps)) return;
    await submitOrder(args, deps, { action: SESSION_SETTINGS, plan, reason, notify: false });
  };
}
