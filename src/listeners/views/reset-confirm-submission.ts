import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { runReset } from '../../sessions/run-plan';
import { progressView } from '../../views/result-view';
import type { ListenerDeps } from '../deps';
import { reportResult } from './report-result';
import { reasonOf, submittedPlan } from './submitted-plan';

/** Submit on the reset confirmation: the only place admin.users.session.reset is called. */
export function resetConfirmSubmission(deps: ListenerDeps) {
  return async (args: AllMiddlewareArgs & SlackViewMiddlewareArgs) => {
    const { ack, view, client, logger } = args;
    const plan = await submittedPlan(args, 'reset', deps);
    if (!plan) return;
    const reason = reasonOf(view);
    await ack({ response_action: 'update', view: progressView({ kind: 'reset' }, plan.userIds.length) });

    const results = await runReset(deps.adminApi, plan.userIds, plan.scope);
    await reportResult(
      { client, logger, viewId: view.id, invokerId: plan.invokerId, responseUrl: plan.responseUrl },
      { kind: 'reset', scope: plan.scope, reason, results },
      deps,
    );
  };
}
