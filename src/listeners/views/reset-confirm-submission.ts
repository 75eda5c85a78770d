import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { startedRecord } from '../../audit/audit-record';
import { runReset } from '../../sessions/run-plan';
import { INPUT } from '../../views/ids';
import { mention } from '../../views/mrkdwn';
import { minutesAgo } from '../../views/reset-confirmation-view';
import { progressView } from '../../views/result-view';
import { type ListenerDeps, recentResets } from '../deps';
import { progressReporter } from './progress';
import { reportResult } from './report-result';
import { claimPlan, reasonOf, requireReason, stateValue, submittedPlan } from './submitted-plan';

/** Submit on the reset confirmation: the only place admin.users.session.reset is called. */
export function resetConfirmSubmission(deps: ListenerDeps) {
  return async (args: AllMiddlewareArgs & SlackViewMiddlewareArgs) => {
    const { ack, view, client, logger } = args;
    const plan = await submittedPlan(args, 'reset', deps);
    if (!plan) return;
    const reason = reasonOf(view);
    if (await requireReason(args, reason, deps)) return;

    // The cooldown is checked again now: another admin may have reset the same person since the modal opened.
    const now = new Date();
    const recent = await recentResets(deps, plan.userIds, now).catch((error: unknown) => {
      logger.error(`AUDIT STORE UNREADABLE, cooldown not checked: ${String(error)}`);
      return new Map<string, Date>();
    });
    // A tick covers the people it was shown for; anyone reset meanwhile needs a fresh confirmation.
    const ticked = (stateValue(view, INPUT.cooldown)?.selected_options ?? []).some((o) => o.value === 'again');
    const unconfirmed = [...recent.keys()].filter((id) => !(ticked && plan.again.includes(id)));
    if (unconfirmed.length > 0) {
      const shownAgain = unconfirmed.every((id) => plan.again.includes(id));
      const who = unconfirmed.map((id) => `${mention(id)} ${minutesAgo(recent.get(id) ?? now, now)}`).join(', ');
      // Field errors must name an input block of this view: the checkbox if it covers them, else the reason field.
      const errors: Record<string, string> = shownAgain
        ? { [INPUT.cooldown.block]: 'Tick this to sign them out again.' }
        : {
            [INPUT.reason.block]:
              `Already signed out meanwhile: ${who}. Close this and run the command again to confirm.`,
          };
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
