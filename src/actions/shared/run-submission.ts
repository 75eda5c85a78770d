import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { type AuditRecord, type PlannedTarget, startedRecord } from '../../domain/audit-record';
import type { AnyPlan } from '../../domain/plan';
import type { Report } from '../../domain/report';
import type { RunObserver } from '../../domain/run-plan';
import type { ActionWords } from '../../views/action-words';
import { progressView } from '../../views/result-view';
import type { ListenerDeps } from './deps';
import { progressReporter } from './progress';
import { reportResult } from './report-result';
import { claimPlan } from './submitted-plan';

/** A confirmed plan, checked and ready: what its records list, and how to carry it out. */
export interface Submission {
  plan: AnyPlan;
  /** The action's name in the audit trail, and how the modal and message speak of it. */
  action: string;
  words: ActionWords;
  reason?: string;
  scope?: AuditRecord['scope'];
  /** The targets the "started" record lists, each pending. */
  targets: PlannedTarget[];
  /**
   * Checks that need the plan claimed first (the cooldown: a plan's own earlier run must read as "already done", not
   * as someone else's reset). Field errors to answer with, or undefined to go ahead.
   */
  precheck?: () => Promise<Record<string, string> | undefined>;
  /** The admin calls, one per target, telling `observer` of each; resolves with what came of them. */
  run(observer: RunObserver): Promise<Omit<Report, 'action'>>;
}

/**
 * What every confirmed action does on Submit, in this order: claim the plan so it runs once, show progress in the
 * modal, write the "started" record, make the admin calls, then report the truth (modal, message, record).
 */
export async function runSubmission(
  args: AllMiddlewareArgs & SlackViewMiddlewareArgs,
  deps: ListenerDeps,
  submission: Submission,
): Promise<void> {
  const { ack, view, client, logger } = args;
  const { plan, action, words, reason, scope, targets } = submission;
  const claim = await claimPlan(args, plan, deps, submission.precheck);
  if (!claim) return;
  deps.inflight.markRun(plan.requestId);
  try {
    const total = targets.length;
    await ack({ response_action: 'update', view: progressView(words, total) });
    await deps.audit.record(startedRecord(plan, action, targets, scope, reason));
    const slack = deps.slack(client, logger);
    const progress = progressReporter({ slack, viewId: view.id, words, total });
    const report: Report = {
      action,
      ...(await submission.run(progress)),
      ...(claim.unguarded ? { unguarded: true } : {}),
    };
    await progress.close();
    await reportResult({ slack, logger, viewId: view.id, plan, words }, report, deps);
  } finally {
    claim.release();
  }
}
