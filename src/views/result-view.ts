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
function line(subject: string, done: string, outcome: Outcome, words: ActionWords, dryRun = false): string {
  if (outcome.ok && dryRun) return `:test_tube: ${subject} would have been ${done}.`;
  if (outcome.ok) return `:white_check_mark: ${subject} ${done}.`;
  const why = describeSlackError(outcome.code, 'admin', words.errors);
  return outcome.uncertain
    ? `:grey_question: ${subject}: *unknown* whether it took effect. ${why}`
    : `:x: ${subject}: *not done*. ${why}`;
}

const SKIP_REASONS: Record<string, string> = {
  is_bot: 'It is a bot or app user, with no sessions to end.',
  deactivated: 'They are deactivated, with no sessions to end.',
  org_primary_owner: 'They are the Org Primary Owner, whose sessions only they manage: the app leaves them out.',
  recently_reset: 'They were signed out within the cooldown, so this bulk reset left them out.',
};

/** A report names each target up to this many; past it, what did not go as asked is counted by reason. */
const LISTED = 50;

/** A counted report lists at most this many people who were not attempted; the rest are counted. */
const COUNTED_SKIPPED_SHOWN = 20;

/** Why someone named was left out, in a sentence: the guardrails' codes, or Slack's look-up error. */
export const skipReason = (code: string): string => SKIP_REASONS[code] ?? describeSlackError(code, 'bot');

function skippedLine({ label, code }: Skipped): string {
  return `:no_entry: ${mention(label)}: *not attempted*. ${skipReason(code)}`;
}

export function reportLines(report: Report, words: ActionWords): string[] {
  if (report.queued || report.results.length > LISTED) return countedLines(report, words);
  return [
    ...report.results.map((r) => {
      const { subject, done } = words.line(r.target, report.details);
      return line(subject, done, r.outcome, words, report.dryRun);
    }),
    ...report.skipped.map(skippedLine),
    ...(report.skippedUnlisted > 0
      ? [`:no_entry: ${report.skippedUnlisted} more named ${words.many}: *not attempted* (listed on the confirmation).`]
      : []),
  ];
}

/**
 * A bulk reset's lines, or any report of too many targets for a line each: what Slack refused, by reason and count
 * (the summary counts what was done); who was not attempted, the first few by name; and for a bulk reset, what
 * "queued" means.
 */
function countedLines(report: Report, words: ActionWords): string[] {
  const lines: string[] = [];
  const failures = new Map<string, { n: number; uncertain: boolean }>();
  for (const { outcome } of report.results) {
    if (outcome.ok) continue;
    const f = failures.get(outcome.code) ?? { n: 0, uncertain: outcome.uncertain };
    failures.set(outcome.code, { n: f.n + 1, uncertain: f.uncertain || outcome.uncertain });
  }
  const done = report.queued ? 'queued' : 'done';
  for (const [code, { n, uncertain }] of failures) {
    const who = `${n} ${n === 1 ? words.one : words.many}`;
    const why = describeSlackError(code, 'admin', words.errors);
    if (code === 'failed_for_some_users') {
      lines.push(`:grey_question: Slack queued the job and refused some of these ${who}; it does not say whom.`);
      lines.push(why);
      continue;
    }
    lines.push(
      uncertain ? `:grey_question: ${who}: *unknown* whether ${done}. ${why}` : `:x: ${who}: *not ${done}*. ${why}`,
    );
  }
  lines.push(...report.skipped.slice(0, COUNTED_SKIPPED_SHOWN).map(skippedLine));
  const shown = Math.min(report.skipped.length, COUNTED_SKIPPED_SHOWN);
  const more = report.skipped.length - shown + report.skippedUnlisted;
  if (more > 0)
    lines.push(`:no_entry: ${more} more named ${words.many}: *not attempted* (see the confirmation and the record).`);
  if (report.queued && mayHaveQueued(report) && !report.dryRun) {
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

/** Said when what was done will be checked with Slack afterwards: the findings follow as a message. */
export const verifyLine = (report: Report, words: ActionWords): string | undefined =>
  report.verify
    ? `:mag: ${words.checking ?? 'Checking with Slack what it shows now'}; the findings follow as a message.`
    : undefined;

/** Said when another order follows this one (a reset's "then shorten their sessions"): its result follows too. */
const nextLine = (report: Report): string | undefined =>
  report.next ? `:arrow_right: *Next:* ${report.next}; its result follows as a message.` : undefined;

/**
 * What the report says will follow it: who is told by DM, the check afterwards, what Slack's own audit log will show,
 * the order that follows.
 */
const followingLines = (report: Report, words: ActionWords): string[] =>
  [notifyLine(report, words), verifyLine(report, words), slackLogLine(report), nextLine(report)].filter(
    (l) => l !== undefined,
  );
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
  for (const line of followingLines(report, words)) blocks.push(section(line));
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
    ...followingLines(report, words),
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
