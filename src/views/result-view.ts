import type { KnownBlock, ModalView } from '@slack/types';
import { USER_ID } from '../domain/ids';
import type { Report } from '../domain/report';
import type { Outcome, Skipped } from '../domain/types';
import { unreachable } from '../domain/unreachable';
import { context, divider, modal, section } from './blocks';
import { describeSlackError } from './error-sentences';
import { scopeLabel } from './labels';
import { mention, quoteInput } from './mrkdwn';
import { reasonLine } from './reason-text';

/** One line per target: done, not done (and why), or unknown. A failure is never folded into a success. */
function line(subject: string, done: string, outcome: Outcome, dryRun = false): string {
  if (outcome.ok && dryRun) return `:test_tube: ${subject} would have been ${done}.`;
  if (outcome.ok) return `:white_check_mark: ${subject} ${done}.`;
  const why = describeSlackError(outcome.code);
  return outcome.uncertain
    ? `:grey_question: ${subject}: *unknown* whether it took effect. ${why}`
    : `:x: ${subject}: *not done*. ${why}`;
}

const SKIP_REASONS: Record<string, string> = {
  is_bot: 'It is a bot or app user, with no sessions to end.',
  deactivated: 'They are deactivated, with no sessions to end.',
  org_primary_owner: 'Slack never lets an app sign out the Org Primary Owner.',
};

function skippedLine({ label, code }: Skipped): string {
  const who = USER_ID.test(label) ? mention(label) : quoteInput(label);
  return `:no_entry: ${who}: *not attempted*. ${SKIP_REASONS[code] ?? describeSlackError(code, 'bot')}`;
}

export function reportLines(report: Report): string[] {
  switch (report.kind) {
    case 'reset':
      return [
        ...report.results.map((r) =>
          line(mention(r.userId), `signed out of ${scopeLabel(report.scope)}`, r.outcome, report.dryRun),
        ),
        ...report.skipped.map(skippedLine),
        ...(report.skippedUnlisted > 0
          ? [`:no_entry: ${report.skippedUnlisted} more named people: *not attempted* (listed on the confirmation).`]
          : []),
      ];
    case 'invalidate':
      return report.results.map((r) =>
        line(`Session ${r.session.sessionId} of ${mention(report.userId)}`, 'ended', r.outcome, report.dryRun),
      );
    default:
      return unreachable(report);
  }
}

/** How many were named but never attempted. */
function notAttempted(report: Report): number {
  switch (report.kind) {
    case 'reset':
      return report.skipped.length + report.skippedUnlisted;
    case 'invalidate':
      return 0;
    default:
      return unreachable(report);
  }
}

/** The words each action's reports use. */
function wordsFor(kind: Report['kind']) {
  switch (kind) {
    case 'reset':
      return {
        title: 'Reset sessions',
        verb: 'Signed out',
        past: 'signed out',
        doing: 'Signing out',
        one: 'person',
        many: 'people',
      };
    case 'invalidate':
      return {
        title: 'End a session',
        verb: 'Ended',
        past: 'ended',
        doing: 'Ending',
        one: 'session',
        many: 'sessions',
      };
    default:
      return unreachable(kind);
  }
}

export function reportSummary(report: Report): string {
  const outcomes = report.results.map((r) => r.outcome);
  const skipped = notAttempted(report);
  const total = outcomes.length + skipped;
  const done = outcomes.filter((o) => o.ok).length;
  const unknown = outcomes.filter((o) => !o.ok && o.uncertain).length;
  const failed = outcomes.length - done - unknown;
  const { verb, past, one, many } = wordsFor(report.kind);
  const counted = `${done} of ${total} ${total === 1 ? one : many}`;
  const parts = [report.dryRun ? `Dry run: would have ${past} ${counted}; nothing was changed` : `${verb} ${counted}`];
  if (failed > 0) parts.push(`${failed} failed`);
  if (unknown > 0) parts.push(`${unknown} unknown`);
  if (skipped > 0) parts.push(`${skipped} not attempted`);
  const icon = report.dryRun ? ':test_tube:' : done === total ? ':white_check_mark:' : done === 0 ? ':x:' : ':warning:';
  return `${icon} *${parts.join(', ')}.*`;
}

/** The modal after Submit: the truth per target. */
export function resultView(report: Report): ModalView {
  const blocks: KnownBlock[] = [section(reportSummary(report)), divider];
  for (const l of reportLines(report)) blocks.push(section(l));
  blocks.push(context(reasonLine(report.reason)));
  return modal({ title: wordsFor(report.kind).title, close: 'Done', blocks });
}

/** The same report as an ephemeral message, which stays after the modal is closed. */
export function resultText(report: Report): string {
  return [reportSummary(report), ...reportLines(report), reasonLine(report.reason)].join('\n');
}

/**
 * Shown while the admin calls run, so a closed modal or a slow Slack never looks like a finished job: how many are
 * finished, and why it waits when Slack asked it to.
 */
export function progressView(report: Pick<Report, 'kind'>, count: number, finished = 0, waiting?: string): ModalView {
  const words = wordsFor(report.kind);
  const what = `${words.doing} ${count} ${count === 1 ? words.one : words.many}`;
  const lines = [`:hourglass_flowing_sand: ${what}… ${finished} of ${count} finished.`];
  if (waiting) lines.push(`:turtle: ${waiting}`);
  return modal({
    title: words.title,
    blocks: [section(lines.join('\n')), context('The result also comes to you as a message.')],
  });
}
