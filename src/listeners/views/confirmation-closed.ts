import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../actions/shared/deps';
import { noActionRecord } from '../../domain/audit-record';
import { decodePlan } from '../../domain/plan';

/** Cancel on a picker or confirmation (Slack sends view_closed because of notify_on_close): recorded, nothing else. */
export function confirmationClosed(deps: ListenerDeps) {
  return async ({ ack, view, body, logger }: AllMiddlewareArgs & SlackViewMiddlewareArgs) => {
    await ack();
    const decoded = decodePlan(view.private_metadata, deps.planRules);
    if (!decoded.ok || decoded.value.invokerId !== body.user.id) {
      logger.warn(`view_closed with an invalid plan from ${body.user.id}; not recorded`);
      return;
    }
    const plan = decoded.value;
    if (plan.kind === 'invalidate') {
      const targets = plan.sessions.map((s) => ({ userId: plan.userId, ...s }));
      await deps.audit.record(noActionRecord(plan, 'cancelled', 'invalidate', targets));
    } else if (plan.kind === 'reset') {
      const targets = plan.userIds.map((userId) => ({ userId }));
      await deps.audit.record(noActionRecord(plan, 'cancelled', 'reset', targets, plan.scope));
    } else await deps.audit.record(noActionRecord(plan, 'cancelled', 'reset'));
  };
}
