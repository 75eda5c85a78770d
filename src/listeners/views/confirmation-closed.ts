import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { Action, Modal } from '../../actions/action';
import type { ListenerDeps } from '../../actions/shared/deps';
import { noActionRecord } from '../../domain/audit-record';
import { decodePlan } from '../../domain/plan';

/**
 * Cancel on any of an action's modals (Slack sends view_closed because of notify_on_close): recorded with the
 * targets the modal's plan named, nothing else.
 */
export function confirmationClosed(action: Action, modal: Modal, deps: ListenerDeps) {
  return async ({ ack, view, body, logger }: AllMiddlewareArgs & SlackViewMiddlewareArgs) => {
    await ack();
    const decoded = decodePlan(view.private_metadata, deps.planRules, [modal.plan]);
    if (!decoded.ok || decoded.value.invokerId !== body.user.id) {
      logger.warn(`view_closed with an invalid plan from ${body.user.id}; not recorded`);
      return;
    }
    const { targets, scope } = modal.cancelled(decoded.value);
    await deps.audit.record(noActionRecord(decoded.value, 'cancelled', action.audit, targets, scope));
  };
}
