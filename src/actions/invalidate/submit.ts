import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { startedRecord } from '../../domain/audit-record';
import { sessionKeyString } from '../../domain/plan';
import { runInvalidate } from '../../domain/run-plan';
import { noticeView } from '../../views/blocks';
import { INPUT } from '../../views/ids';
import { progressView } from '../../views/result-view';
import type { ListenerDeps } from '../shared/deps';
import { progressReporter } from '../shared/progress';
import { reportResult } from '../shared/report-result';
import { claimPlan, reasonOf, requireReason, stateValue, submittedPlan } from '../shared/submitted-plan';

/** Submit on the session confirmation: the only place admin.users.session.invalidate is called. */
export function invalidateConfirmSubmission(deps: ListenerDeps) {
  return async (args: AllMiddlewareArgs & SlackViewMiddlewareArgs) => {
    const { ack, view, client, logger } = args;
    const plan = await submittedPlan(args, 'invalidate', deps);
    if (!plan) return;

    let sessions = plan.sessions;
    if (plan.choose) {
      // Only sessions that were on offer may be ended, whatever the payload says was selected.
      const offered = new Map(plan.sessions.map((s) => [sessionKeyString(s), s]));
      const chosen = (stateValue(view, INPUT.sessions)?.selected_options ?? []).map((o) => o.value);
      if (chosen.length === 0) {
        await ack({ response_action: 'errors', errors: { [INPUT.sessions.block]: 'Choose at least one session.' } });
        return;
      }
      const picked = [...new Set(chosen)].map((value) => offered.get(value));
      if (picked.some((s) => s === undefined)) {
        await ack({
          response_action: 'update',
          view: noticeView('Not done', 'A chosen session was not among those offered; nothing was changed.'),
        });
        return;
      }
      sessions = picked.filter((s) => s !== undefined);
    }
    const reason = reasonOf(view);
    if (await requireReason(args, reason, deps)) return;
    const release = await claimPlan(args, plan, deps);
    if (!release) return;
    try {
      await ack({ response_action: 'update', view: progressView({ kind: 'invalidate' }, sessions.length) });
      const targets = sessions.map((s) => ({ userId: plan.userId, ...s }));
      await deps.audit.record(startedRecord(plan, 'invalidate', targets, undefined, reason));
      const total = sessions.length;
      const progress = progressReporter({ client, logger, viewId: view.id, kind: 'invalidate', total });
      const results = await runInvalidate(deps.adminApi, plan.userId, sessions, progress);
      await progress.close();
      await reportResult(
        { client, logger, viewId: view.id, plan },
        { kind: 'invalidate', userId: plan.userId, reason, results, dryRun: deps.config.dryRun },
        deps,
      );
    } finally {
      release();
    }
  };
}
