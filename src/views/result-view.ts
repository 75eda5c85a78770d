import type { KnownBlock, ModalView } from '@slack/types';
import { mayHaveQueued, peopleDone, type Report } from '../domain/report';
import type { Outcome, Skipped } from '../domain/types';
import type { ActionWords } from './action-words';
import { context, divider, modal, plain, section, waitingLines } from './blocks';
import { describeSlackError } from './error-sentences';
import { VERIFY_LATER } from './ids';
import { people } from './labels';
import { mention } from './mrkdwn';
import { reasonLine } from './reason-text';
import { UNGUARDED_RESULT } from './unguarded-text';

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
  recently_reset: 'They were signed out within the cooldown, so this bulk reset left them out.',
};

/** A bulk report lists at most this many people who were not attempted; the rest are counted. */
const BULK_SKIPPED_SHOWN = 20;

function skippedLine({ label, code }: Skipped): string {
  const who = mention(label);
  return `:no_entry: ${who}: *not attempted*. ${SKIP_REASONS[code] ?? describeSlackError(code, 'bot')}`;
}

export function reportLines(report: Report, words: ActionWords): string[] {
  if (report.queued) return bulkLines(report, words);
  return [
    ...report.results.map((r) => {
      const { subject, done } = words.line(r.target, report);
      return line(subject, done, r.outcome, report.dryRun);
    }),
    ...report.skipped.map(skippedLine),
    ...(report.skippedUnlisted > 0
      ? [`:no_entry: ${report.skippedUnlisted} more named ${words.many}: *not attempted* (listed on the confirmation).`]
      : []),
  ];
}

/**
 * A bulk reset's lines: too many people for a line each. What Slack refused, by reason and count; who was not
 * attempted, the first few by name; and what "queued" means.
 */
function bulkLines(report: Report, words: ActionWords): string[] {
  const lines: string[] = [];
  const failures = new Map<string, { n: number; uncertain: boolean }>();
  for (const { outcome } of report.results) {
    if (outcome.ok) continue;
    const f = failures.get(outcome.code) ?? { n: 0, uncertain: outcome.uncertain };
    failures.set(outcome.code, { n: f.n + 1, uncertain: f.uncertain || outcome.uncertain });
  }
  for (const [code, { n, uncertain }] of failures) {
    const who = `${n} ${n === 1 ? words.one : words.many}`;
    if (code === 'failed_for_some_users') {
      lines.push(`:grey_question: Slack queued the job and refused some of these ${who}; it does not say whom.`);
      lines.push(describeSlackError(code));
      continue;
    }
    lines.push(
      uncertain
        ? `:grey_question: ${who}: *unknown* whether queued. ${describeSlackError(code)}`
        : `:x: ${who}: *not queued*. ${describeSlackError(code)}`,
    );
  }
  lines.push(...report.skipped.slice(0, BULK_SKIPPED_SHOWN).map(skippedLine));
  const more = report.skipped.length - Math.min(report.skipped.length, BULK_SKIPPED_SHOWN) + report.skippedUnlisted;
  if (more > 0)
    lines.push(`:no_entry: ${more} more named ${words.many}: *not attempted* (see the confirmation and the record).`);
  if (mayHaveQueued(report) && !report.dryRun) {
    lines.push(
      ':information_source: *Queued* means Slack accepted the job, not that anyone is signed out yet: Slack does it shortly after. Slack’s own audit log (`bulk_session_reset_by_admin`) lists whom it did and did not sign out.',
    );
  }
  return lines;
}

export function reportSummary(report: Report, words: ActionWords): string {
  if (report.queued) return bulkSummary(report, words);
  const outcomes = report.results.map((r) => r.outcome);
  const skipped = report.skipped.length + report.skippedUnlisted;
  const total = outcomes.length + skipped;
  const done = outcomes.filter((o) => o.ok).length;
  const unknown = outcomes.filter((o) => !o.ok && o.uncertain).length;
  const failed = outcomes.length - done - unknown;
  const { verb, past, one, many } = words;
  const counted = `${done} of ${total} ${total === 1 ? one : many}`;
  const parts = [report.dryRun ? `Dry run: would have ${past} ${counted}; nothing was changed` : `${verb} ${counted}`];
  if (failed > 0) parts.push(`${failed} failed`);
  if (unknown > 0) parts.push(`${unknown} unknown`);
  if (skipped > 0) parts.push(`${skipped} not attempted`);
  const icon = report.dryRun ? ':test_tube:' : done === total ? ':white_check_mark:' : done === 0 ? ':x:' : ':warning:';
  return `${icon} *${parts.join(', ')}.*`;
}

/** What will come of "Tell them by DM": said apart from the sign-outs, which it never changes. */
export function notifyLine(report: Report, words: ActionWords): string | undefined {
  if (!report.notify) return undefined;
  const n = peopleDone(report).length;
  const who = people(n);
  if (report.dryRun) return `:test_tube: Would have told ${who} by DM; nobody was told.`;
  if (n === 0) return `:envelope: Nobody to tell by DM: nobody was ${words.past}.`;
  return `:envelope: Telling the ${who} ${words.past} by DM; you will get a note of who was told.`;
}

function bulkSummary(report: Report, words: ActionWords): string {
  const queued = report.results.filter((r) => r.outcome.ok).length;
  const unknown = report.results.filter((r) => !r.outcome.ok && r.outcome.uncertain).length;
  const total = report.results.length + report.skipped.length + report.skippedUnlisted;
  const notQueued = report.results.length - queued - unknown;
  const skipped = total - report.results.length;
  const counted = `${queued} of ${total} ${total === 1 ? words.one : words.many}`;
  const parts = [
    report.dryRun
      ? `Dry run: would have queued the sign-out of ${counted}; nothing was changed`
      : `Queued the sign-out of ${counted}`,
  ];
  if (unknown > 0) parts.push(`${unknown} unknown`);
  if (notQueued > 0) parts.push(`${notQueued} not queued`);
  if (skipped > 0) parts.push(`${skipped} not attempted`);
  const icon = report.dryRun ? ':test_tube:' : queued > 0 ? ':inbox_tray:' : unknown > 0 ? ':grey_question:' : ':x:';
  return `${icon} *${parts.join(', ')}.*`;
}

/** Said when the sessions will be listed afterwards: the check follows as a message. */
export const verifyLine = (report: Report): string | undefined =>
  report.verify
    ? ':mag: Checking with Slack’s session list what is left; the findings follow as a message.'
    : undefined;

/** Said when Slack's own audit log will be read for this run: its findings come later, by DM. */
export const slackLogLine = (report: Report): string | undefined =>
  report.slackLog
    ? ':receipt: Slack’s own audit log will be read for each of them; what it shows (or does not) comes to you by DM.'
    : undefined;

/** The modal after Submit: the truth per target. */
export function resultView(report: Report, words: ActionWords): ModalView {
  const blocks: KnownBlock[] = [section(reportSummary(report, words)), divider];
  for (const l of reportLines(report, words)) blocks.push(section(l));
  if (report.unguarded) blocks.push(section(UNGUARDED_RESULT));
  for (const line of [notifyLine(report, words), verifyLine(report), slackLogLine(report)]) {
    if (line) blocks.push(section(line));
  }
  if (report.verifyLaterId && mayHaveQueued(report)) {
    blocks.push(
      section('Slack’s job takes a little while. Check what is left once it has run: the findings come to you by DM.'),
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: VERIFY_LATER, text: plain('Verify now'), value: report.verifyLaterId }],
      },
    );
  }
  blocks.push(context(reasonLine(report.reason)));
  return modal({ title: words.title, close: 'Done', blocks });
}

/** The same report as an ephemeral message, which stays after the modal is closed. */
export function resultText(report: Report, words: ActionWords): string {
  return [
    reportSummary(report, words),
    ...reportLines(report, words),
    ...(report.unguarded ? [UNGUARDED_RESULT] : []),
    ...[notifyLine(report, words), verifyLine(report), slackLogLine(report)].filter((l) => l !== undefined),
    reasonLine(report.reason),
  ].join('\n');
}

/**
 * Shown while the admin calls run, so a closed modal or a slow Slack never looks like a finished job: how many are
 * finished, and why it waits when Slack asked it to.
 */
export function progressView(words: ActionWords, count: number, finished = 0, waiting?: string): ModalView {
  return modal({
    title: words.title,
    blocks: [
      section(progressText(words, count, finished, waiting)),
      context('The result also comes to you as a message.'),
    ],
  });
}

/** "Signing out 3 people… 1 of 3 finished.", and why it waits. */
export function progressText(words: ActionWords, count: number, finished = 0, waiting?: string): string {
  const what = `${words.doing} ${count} ${count === 1 ? words.one : words.many}`;
  const lines = [`:hourglass_flowing_sand: ${what}… ${finished} of ${count} finished.`];
  lines.push(...waitingLines(waiting));
  return lines.join('\n');
}
