import type { Logger } from '@slack/bolt';
import type { Order } from '../../domain/approval';
import { type Approval, executedRecord, startedRecord, verifiedRecord } from '../../domain/audit-record';
import type { Origin } from '../../domain/origin';
import type { Report } from '../../domain/report';
import { noteLogContext } from '../../logging/base-logger';
import type { SlackSurface } from '../../ports/slack-surface';
import { askedFor } from '../../views/approval-view';
import { resultText } from '../../views/result-view';
import type { Prepared } from '../action';
import type { ListenerDeps } from './deps';
import { notifyPeople } from './notify';
import { progressReporter } from './progress';
import { type Claim, claimOnce } from './submitted-plan';

/**
 * Where a run speaks. A Submit speaks in the admin's modal and through the command's response_url; an approved
 * order in its request's message and thread, and to the requester by DM. What happens is the same either way.
 */
export interface Venue {
  /** How far the admin calls are, and why they wait when they do. */
  progress(finished: number, waiting?: string): Promise<unknown>;
  /** The truth per target, once the admin calls are done. */
  report(report: Report): Promise<void>;
  /** What follows the report: who was told by DM, what Slack shows now, the result of an order that follows. */
  note(text: string): Promise<void>;
}

/**
 * Who a run's records name: the plan's request and requester, how it came to run (approved, break-glass), and where
 * it was asked for when not in a modal (the order's origin).
 */
export type RunBy = { requestId: string; invokerId: string; origin?: Origin } & Approval;

/**
 * What every confirmed order does once it is claimed, wherever it was confirmed: a "started" record, the admin calls
 * with their progress, the truth reported and recorded, the people told and what it did checked when asked for, the
 * order that follows it (if any), then the claim given back. Nothing after the report can change what it said.
 */
export async function runOrder(
  run: { order: Order; prepared: Prepared; by: RunBy; claim: Claim; venue: Venue; slack: SlackSurface; logger: Logger },
  deps: ListenerDeps,
): Promise<void> {
  const { order, prepared, claim, venue, slack, logger } = run;
  const by: RunBy = order.origin ? { ...run.by, origin: order.origin } : run.by;
  noteLogContext({ requestId: by.requestId });
  deps.inflight.markRun(by.requestId);
  try {
    await deps.audit.record(startedRecord(by, order.action, prepared.targets, prepared.details, order.reason));
    const progress = progressReporter({ total: prepared.targets.length, show: venue.progress });
    const report: Report = {
      action: order.action,
      ...(await prepared.run(progress)),
      ...(claim.unguarded ? { unguarded: true } : {}),
      ...(order.notify ? { notify: true } : {}),
    };
    const check = prepared.check;
    if (check && report.dryRun !== true && check.wanted(report)) report.verify = true;
    const next = followUp(prepared, report, deps);
    if (next)
      report.next = askedFor({ words: next.words, targets: next.prepared.targets, details: next.prepared.details });
    if (slackWillConfirm(report, deps)) report.slackLog = true;
    await progress.close();
    await Promise.all([venue.report(report), deps.audit.record(executedRecord(by, report, report.dryRun === true))]);
    await afterReport(logger, 'telling them by DM', async () => {
      const told = await notifyPeople({ order, report, slack, logger, who: by }, deps);
      if (told) await venue.note(told);
    });
    await afterReport(logger, 'checking afterwards', async () => {
      if (!report.verify || !check) return;
      const checked = await check.run(report, slack);
      await deps.audit.record(verifiedRecord({ ...by, reason: order.reason }, order.action, checked.targets));
      await venue.note(checked.message);
    });
    if (next) await afterReport(logger, 'the order that follows', () => runFollowUp(next, run, deps));
  } finally {
    claim.release();
  }
}

/** The order a report leads to, ready to run, with its action's words; undefined when there is none. */
function followUp(prepared: Prepared, report: Report, deps: ListenerDeps) {
  const order = prepared.followedBy?.(report);
  const action = order && deps.actions.named(order.action);
  const next = order && action?.prepare(order, deps);
  return order && action && next ? { order, prepared: next, words: action.words } : undefined;
}

/**
 * Runs the order that follows another, as the same admins' (approver and break-glass included), claimed once under
 * its own request ID. The first order's result stays where it is shown: this one's report follows it as a note.
 */
async function runFollowUp(
  next: NonNullable<ReturnType<typeof followUp>>,
  first: { by: RunBy; venue: Venue; slack: SlackSurface; logger: Logger },
  deps: ListenerDeps,
): Promise<void> {
  const { order, prepared, words } = next;
  const claim = await claimOnce(deps, order.plan.requestId, first.logger);
  if (!claim) return;
  const venue: Venue = {
    progress: async () => undefined,
    report: (report) => first.venue.note(resultText(report, words)),
    note: (text) => first.venue.note(text),
  };
  const by = { ...first.by, requestId: order.plan.requestId };
  await runOrder({ ...first, order, prepared, by, claim, venue }, deps);
}

/**
 * Whether Slack's own audit log will be read for this run (jobs/slack-confirmations.ts): with SLACK_AUDIT_TOKEN, for an
 * action that declares how Slack records it, when anything may have happened. The result then says what follows.
 */
const slackWillConfirm = (report: Report, deps: ListenerDeps): boolean =>
  deps.config.slackAudit !== undefined &&
  report.dryRun !== true &&
  deps.actions.named(report.action)?.slackAudit !== undefined &&
  report.results.some((r) => r.outcome.ok || r.outcome.uncertain);

/**
 * What follows a report (DMs, the check afterwards) never turns into "the app hit an unexpected error" after the
 * admin was told the truth: a failure there is logged, and the report stands.
 */
export async function afterReport(logger: Logger, what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.error(`after the report, ${what} failed: ${String(error)}`);
  }
}
