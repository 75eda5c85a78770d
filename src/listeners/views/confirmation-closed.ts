import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../actions/shared/deps';
import { noActionRecord } from '../../domain/audit-record';
import { decodePlan } from '../../domain/plan';
import { unreachable } from '../../domain/unreachable';

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
    switch (plan.kind) {
      case 'reset':
        return deps.audit.record(
          noActionRecord(
            plan,
            'cancelled',
            'reset',
            plan.userIds.map((userId) => ({ userId })),
            plan.scope,
          ),
        );
      case 'invalidate':
        return deps.audit.record(
          noActionRecord(
            plan,
            'cancelled',
            'invalidate',
            plan.sessions.map((s) => ({ userId: plan.userId, ...s })),
          ),
        );
      case 'pick':
        // The picker names nobody yet: the cancel of a reset before anyone was chosen.
        return deps.audit.record(noActionRecord(plan, 'cancelled', 'reset'));
      default:
        return unreachable(plan);
    }
  };
}
