import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { startedRecord } from '../../domain/audit-record';
import { runReset } from '../../domain/run-plan';
import { progressView } from '../../views/result-view';
import type { ListenerDeps } from '../shared/deps';
import { progressReporter } from '../shared/progress';
import { reportResult } from '../shared/report-result';
import { claimPlan, reasonOf, requireReason, submittedPlan } from '../shared/submitted-plan';
import { cooldownErrors } from './cooldown';

/** Submit on the reset confirmation: the only place admin.users.session.reset is called. */
export function resetConfirmSubmission(deps: ListenerDeps) {
  return async (args: AllMiddlewareArgs & SlackViewMiddlewareArgs) => {
    const { ack, view, client, logger } = args;
    const plan = await submittedPlan(args, 'reset', deps);
    if (!plan) return;
    const reason = reasonOf(view);
    if (await requireReason(args, reason, deps)) return;

    const errors = await cooldownErrors(args, plan, deps);
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    const release = await claimPlan(args, plan, deps);
    if (!release) return;
    try {
      await ack({ response_action: 'update', view: progressView({ kind: 'reset' }, plan.userIds.length) });
      await deps.audit.record(
        startedRecord(
          plan,
          'reset',
          plan.userIds.map((userId) => ({ userId })),
          plan.scope,
          reason,
        ),
      );
      const total = plan.userIds.length;
      const progress = progressReporter({ client, logger, viewId: view.id, kind: 'reset', total });
      const results = await runReset(deps.adminApi, plan.userIds, plan.scope, progress);
      await progress.close();
      await reportResult(
        { client, logger, viewId: view.id, plan },
        {
          kind: 'reset',
          scope: plan.scope,
          reason,
          results,
          skipped: plan.skipped,
          skippedUnlisted: plan.skippedUnlisted,
          dryRun: deps.config.dryRun,
        },
        deps,
      );
    } finally {
      release();
    }
  };
}
