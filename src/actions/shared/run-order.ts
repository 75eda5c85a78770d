import type { Logger } from '@slack/bolt';
import type { Order } from '../../domain/approval';
import { type Approval, executedRecord, startedRecord } from '../../domain/audit-record';
import type { Report } from '../../domain/report';
import { noteLogContext } from '../../logging/base-logger';
import type { SlackSurface } from '../../ports/slack-surface';
import type { Prepared } from '../action';
import type { ListenerDeps } from './deps';
import { notifyPeople } from './notify';
import { progressReporter } from './progress';
import type { Claim } from './submitted-plan';
import { verifyRun, willVerify } from './verify';

/**
 * Where a run speaks. A Submit speaks in the admin's modal and through the command's response_url; an approved
 * order in its request's message and thread, and to the requester by DM. What happens is the same either way.
 */
export interface Venue {
  /** How far the admin calls are, and why they wait when they do. */
  progress(finished: number, waiting?: string): Promise<unknown>;
  /** The truth per target, once the admin calls are done. */
  report(report: Report): Promise<void>;
  /** What follows the report: who was told by DM, what the session list shows now. */
  note(text: string): Promise<void>;
}

/** Who a run's records name: the plan's request and requester, and how it came to run (approved, break-glass). */
export type RunBy = { requestId: string; invokerId: string } & Approval;

/**
 * What every confirmed order does once it is claimed, wherever it was confirmed: a "started" record, the admin calls
 * with their progress, the truth reported and recorded, the people told and their sessions checked when asked for,
 * then the claim given back. Nothing after the report can change what it said.
 */
export async function runOrder(
  run: { order: Order; prepared: Prepared; by: RunBy; claim: Claim; venue: Venue; slack: SlackSurface; logger: Logger },
  deps: ListenerDeps,
): Promise<void> {
  const { order, prepared, by, claim, venue, slack, logger } = run;
  noteLogContext({ requestId: by.requestId });
  deps.inflight.markRun(by.requestId);
  try {
    await deps.audit.record(startedRecord(by, order.action, prepared.targets, prepared.scope, order.reason));
    const progress = progressReporter({ total: prepared.targets.length, show: venue.progress });
    const report: Report = {
      action: order.action,
      ...(await prepared.run(progress)),
      ...(claim.unguarded ? { unguarded: true } : {}),
      ...(order.notify ? { notify: true } : {}),
    };
    if (prepared.checkAfterwards && willVerify(report, deps)) report.verify = true;
    if (slackWillConfirm(report, deps)) report.slackLog = true;
    await progress.close();
    await Promise.all([venue.report(report), deps.audit.record(executedRecord(by, report, report.dryRun === true))]);
    await afterReport(logger, 'telling them by DM', async () => {
      const told = await notifyPeople({ order, report, slack, logger, who: by }, deps);
      if (told) await venue.note(told);
    });
    await afterReport(logger, 'checking afterwards', async () => {
      const checked = await verifyRun({ order, report, slack, who: by }, deps);
      if (checked) await venue.note(checked);
    });
  } finally {
    claim.release();
  }
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
