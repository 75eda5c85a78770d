import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { Action, Modal } from '../../actions/action';
import type { ListenerDeps } from '../../actions/shared/deps';
import { claimOnce, keptPlanFor } from '../../actions/shared/submitted-plan';
import { noActionRecord } from '../../domain/audit-record';

/**
 * Cancel on any of an action's modals (Slack sends view_closed because of notify_on_close): recorded with the
 * targets the plan kept for that modal named, nothing else. A Cancel claims the plan as a Submit does, so it is
 * recorded only while nothing else became of it: never after it ran, or was sent for approval.
 */
export function confirmationClosed(action: Action, modal: Modal, deps: ListenerDeps) {
  return async ({ ack, view, body, logger }: AllMiddlewareArgs & SlackViewMiddlewareArgs) => {
    await ack();
    const read = await keptPlanFor(view, body.user.id, modal.plan, deps, logger);
    if (!read.ok) {
      logger.warn(`view_closed for a plan that is not ${body.user.id}'s (${read.why}); not recorded`);
      return;
    }
    const { plan } = read;
    const claim = await claimOnce(deps, plan.requestId, logger);
    claim?.release();
    if (!claim) {
      logger.warn(`view_closed after the plan ${plan.requestId} ran or was sent for approval; not recorded`);
      return;
    }
    const { targets, details } = modal.cancelled(plan);
    await deps.audit.record(noActionRecord(plan, 'cancelled', action.audit, targets, details));
  };
}
