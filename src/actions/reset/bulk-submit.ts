import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { noticeView } from '../../views/blocks';
import type { ListenerDeps } from '../shared/deps';
import { submitOrder } from '../shared/run-submission';
import { reasonOf, requireReason, stateValue, submittedPlan } from '../shared/submitted-plan';
import { RESET, RESET_INPUT } from './ids';
import { BULK_PLAN, BULK_REF_PLAN } from './plan';

const GONE = 'This bulk confirmation’s plan could not be read back, so nothing was done. Run the command again.';

/**
 * Submit on the bulk confirmation: the kept plan is read back and checked against what the modal showed (same
 * admin, same scope, same head count), the typed count must be that number, then it runs (or waits for approval).
 */
export function resetBulkSubmission(deps: ListenerDeps) {
  return async (args: AllMiddlewareArgs & SlackViewMiddlewareArgs) => {
    const { ack, view, logger } = args;
    const ref = await submittedPlan(args, BULK_REF_PLAN, deps);
    if (!ref) return;
    const typed = String(stateValue(view, RESET_INPUT.count)?.value ?? '').trim();
    if (typed !== String(ref.count)) {
      await ack({
        response_action: 'errors',
        errors: { [RESET_INPUT.count.block]: `Type ${ref.count}, the number of people to sign out, to go ahead.` },
      });
      return;
    }
    const reason = reasonOf(view);
    if (await requireReason(args, reason, deps)) return;
    const raw = await deps.store.keptPlan(ref.requestId).catch((error: unknown) => {
      logger.error(`AUDIT STORE UNREADABLE, bulk plan not read: ${String(error)}`);
      return undefined;
    });
    const plan = raw ? BULK_PLAN.decode(raw as unknown as Record<string, unknown>, raw, deps.planRules) : undefined;
    if (
      !plan ||
      plan.requestId !== ref.requestId ||
      plan.invokerId !== ref.invokerId ||
      plan.scope !== ref.scope ||
      plan.userIds.length !== ref.count
    ) {
      await ack({ response_action: 'update', view: noticeView('Not done', GONE) });
      return;
    }
    // A bulk reset is only queued: nobody is known to be signed out, so nobody is told by DM.
    await submitOrder(args, deps, { action: RESET, plan, reason, notify: false });
  };
}
