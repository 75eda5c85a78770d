import type { KnownBlock, ModalView } from '@slack/types';
import type { SessionKey } from '../sessions/plan';
import type { Outcome, ResetScope } from '../sessions/types';
import { describeSlackError } from '../slack/error-messages';
import { context, divider, modal, section } from './blocks';
import { scopeLabel } from './labels';
import { escapeMrkdwn, mention, truncate } from './mrkdwn';

interface ReportBase {
  reason?: string;
  /** DRY_RUN: no change was made; the successes are what would have happened. */
  dryRun?: boolean;
}

export interface ResetReport extends ReportBase {
  kind: 'reset';
  scope: ResetScope;
  results: { userId: string; outcome: Outcome }[];
}

export interface InvalidateReport extends ReportBase {
  kind: 'invalidate';
  userId: string;
  results: { session: SessionKey; outcome: Outcome }[];
}

export type Report = ResetReport | InvalidateReport;

/** One line per target: done, not done (and why), or unknown. A failure is never folded into a success. */
function line(subject: string, done: string, outcome: Outcome, dryRun = false): string {
  if (outcome.ok && dryRun) return `:test_tube: ${subject} would have been ${done}.`;
  if (outcome.ok) return `:white_check_mark: ${subject} ${done}.`;
  const why = describeSlackError(outcome.code);
  return outcome.uncertain
    ? `:grey_question: ${subject}: *unknown* whether it took effect. ${why}`
    : `:x: ${subject}: *not done*. ${why}`;
}

export function reportLines(report: Report): string[] {
  if (report.kind === 'reset') {
    return report.results.map((r) =>
      line(mention(r.userId), `signed out of ${scopeLabel(report.scope)}`, r.outcome, report.dryRun),
    );
  }
  return report.results.map((r) =>
    line(`Session ${r.session.sessionId} of ${mention(report.userId)}`, 'ended', r.outcome, report.dryRun),
  );
}

export function reportSummary(report: Report): string {
  const outcomes = report.results.map((r) => r.outcome);
  const done = outcomes.filter((o) => o.ok).length;
  const unknown = outcomes.filter((o) => !o.ok && o.uncertain).length;
  const failed = outcomes.length - done - unknown;
  const noun =
    report.kind === 'reset'
      ? outcomes.length === 1
        ? 'person'
        : 'people'
      : outcomes.length === 1
        ? 'session'
        : 'sessions';
  const [verb, past] = report.kind === 'reset' ? ['Signed out', 'signed out'] : ['Ended', 'ended'];
  const parts = [
    report.dryRun
      ? `Dry run: would have ${past} ${done} of ${outcomes.length} ${noun}; nothing was changed`
      : `${verb} ${done} of ${outcomes.length} ${noun}`,
  ];
  if (failed > 0) parts.push(`${failed} failed`);
  if (unknown > 0) parts.push(`${unknown} unknown`);
  const icon = report.dryRun
    ? ':test_tube:'
    : done === outcomes.length
      ? ':white_check_mark:'
      : done === 0
        ? ':x:'
        : ':warning:';
  return `${icon} *${parts.join(', ')}.*`;
}

const reasonLine = (reason?: string) =>
  reason ? `Reason: ${escapeMrkdwn(truncate(reason, 500))}` : 'No reason given.';

/** The modal after Submit: the truth per target. */
export function resultView(report: Report): ModalView {
  const blocks: KnownBlock[] = [section(reportSummary(report)), divider];
  for (const l of reportLines(report)) blocks.push(section(l));
  blocks.push(context(reasonLine(report.reason)));
  return modal({ title: report.kind === 'reset' ? 'Reset sessions' : 'End a session', close: 'Done', blocks });
}

/** The same report as an ephemeral message, which stays after the modal is closed. */
export function resultText(report: Report): string {
  return [reportSummary(report), ...reportLines(report), reasonLine(report.reason)].join('\n');
}

/** Shown while the admin calls run, so a closed modal or a slow Slack never looks like a finished job. */
export function progressView(report: Pick<Report, 'kind'>, count: number): ModalView {
  const what =
    report.kind === 'reset'
      ? `Signing out ${count === 1 ? '1 person' : `${count} people`}`
      : `Ending ${count === 1 ? '1 session' : `${count} sessions`}`;
  return modal({
    title: report.kind === 'reset' ? 'Reset sessions' : 'End a session',
    blocks: [section(`:hourglass_flowing_sand: ${what}…`), context('The result also comes to you as a message.')],
  });
}
