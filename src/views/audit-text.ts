import { type AuditRecord, type AuditTarget, FINAL_OUTCOMES } from '../domain/audit-record';
import { truncate } from '../domain/text';
import type { ActionWords, WordsOf } from './action-words';
import { MAX_REASON } from './ids';
import { escapeMrkdwn, fitLines, mention, originLine, requesterName } from './mrkdwn';
import { reasonLine } from './reason-text';
import { UNGUARDED_AUDIT } from './unguarded-text';

const ICONS: Record<AuditRecord['outcome'], string> = {
  executed: ':white_check_mark:',
  partial: ':warning:',
  unknown: ':grey_question:',
  failed: ':x:',
  started: ':arrow_forward:',
  dry_run: ':test_tube:',
  cancelled: ':leftwards_arrow_with_hook:',
  refused: ':no_entry:',
  approval_requested: ':raised_hand:',
  approved: ':ok_hand:',
  denied: ':no_entry_sign:',
  expired: ':hourglass:',
  notified: ':envelope:',
  verified: ':mag:',
  queued: ':inbox_tray:',
  confirmed_by_slack: ':receipt:',
};

/** How an outcome reads in a headline: the words, not the code. */
const OUTCOME_WORDS: Partial<Record<AuditRecord['outcome'], string>> = {
  dry_run: 'dry run',
  approval_requested: 'approval requested',
  notified: 'told by DM',
  verified: 'checked afterwards',
  queued: 'queued (bulk)',
  confirmed_by_slack: 'checked with Slack’s audit log',
};

/** A "verified" record's targets: what Slack showed afterwards: its code says what was found. */
const VERIFY_RESULTS: Partial<Record<AuditTarget['result'], string>> = {
  done: 'verified',
  failed: 'check failed',
  unknown: 'not verified',
};

/** A "notified" record's targets: whether each person signed out was told. */
const NOTIFY_RESULTS: Partial<Record<AuditTarget['result'], string>> = {
  done: 'told',
  failed: 'not told',
  not_attempted: 'not told',
  dry_run: 'would have been told',
};

/** A "confirmed_by_slack" record's targets: what Slack's own audit log showed. */
const SLACK_RESULTS: Partial<Record<AuditTarget['result'], string>> = {
  failed: 'Slack’s job did not sign them out',
  unknown: 'not checked with Slack’s audit log',
};

const RESULTS: Record<AuditTarget['result'], string> = {
  done: 'done',
  failed: 'not done',
  unknown: 'unknown whether done',
  not_attempted: 'not attempted',
  dry_run: 'dry run, nothing changed',
  pending: 'about to be attempted',
  queued: 'queued for sign-out by Slack',
  confirmed: 'confirmed by Slack',
  not_seen: 'not seen in Slack’s audit log',
};

/** How a target's result reads in a record of this outcome. */
function resultWords(result: AuditTarget['result'], outcome?: AuditRecord['outcome']): string {
  const own =
    outcome === 'notified'
      ? NOTIFY_RESULTS
      : outcome === 'verified'
        ? VERIFY_RESULTS
        : outcome === 'confirmed_by_slack'
          ? SLACK_RESULTS
          : {};
  return own[result] ?? RESULTS[result];
}

/** Beside a run's target, what Slack's audit log later showed of it. */
const SLACK_MARKS: Partial<Record<AuditTarget['result'], string>> = {
  confirmed: ' · :white_check_mark: confirmed by Slack',
  not_seen: ' · :grey_question: not seen by Slack',
  failed: ' · :x: Slack’s job did not sign them out',
};

/**
 * What Slack's audit log showed of each run's targets, from the `confirmed_by_slack` records among `records`: asked
 * for a run's record (executed, queued, …) and one of its targets, so a list of records can say it beside each target.
 */
export function slackMarks(
  records: readonly AuditRecord[],
): (r: AuditRecord, t: AuditTarget) => AuditTarget['result'] | undefined {
  const key = (r: AuditRecord, t: AuditTarget) => `${r.requestId}|${t.userId}|${t.sessionId ?? ''}`;
  const found = new Map<string, AuditTarget['result']>();
  for (const r of records) {
    if (r.outcome === 'confirmed_by_slack') for (const t of r.targets) found.set(key(r, t), t.result);
  }
  return (r, t) => (FINAL_OUTCOMES.includes(r.outcome) ? found.get(key(r, t)) : undefined);
}

/** Slack renders this in each reader's own time zone; the fallback is UTC. */
export function slackDate(iso: string): string {
  const seconds = Math.floor(new Date(iso).getTime() / 1000);
  if (!Number.isFinite(seconds)) return escapeMrkdwn(iso);
  return `<!date^${seconds}^{date_short_pretty} {time}|${new Date(seconds * 1000).toISOString()}>`;
}

function what(r: AuditRecord, wordsOf: WordsOf): string {
  const words = wordsOf(r.action);
  if (!words) return 'using the app';
  const n = r.targets.length;
  const described = r.details && words.describe?.(r.details);
  return `${words.doing.toLowerCase()} ${n} ${n === 1 ? words.one : words.many}${described ? ` (${described})` : ''}`;
}

/** "<@W1> — executed: signing out 2 people (all sessions)"; every part is app-made or escaped. */
export function recordHeadline(r: AuditRecord, wordsOf: WordsOf): string {
  const outcome = OUTCOME_WORDS[r.outcome] ?? r.outcome;
  return `${ICONS[r.outcome]} ${requesterName(r.invokerId)} — *${outcome}*: ${what(r, wordsOf)}`;
}

/**
 * One target of a record: who, what came of it and why, the action's facts about it in its own words, and beside it
 * what Slack's audit log later showed of it (`slack`), when known.
 */
export function targetLine(
  t: AuditTarget,
  outcome?: AuditRecord['outcome'],
  words?: ActionWords,
  slack?: AuditTarget['result'],
): string {
  const session = t.sessionId === undefined ? '' : ` session ${t.sessionId}`;
  const error = t.error ? ` (\`${escapeMrkdwn(truncate(t.error, 60))}\`)` : '';
  // A named person never found is kept as typed (an email, say): shown inert, never as a mention.
  const who = mention(t.userId);
  const entry = t.slackEntry
    ? ` at ${slackDate(t.slackEntry.time)} (entry \`${escapeMrkdwn(truncate(t.slackEntry.id, 60))}\`)`
    : '';
  const mark = slack ? (SLACK_MARKS[slack] ?? '') : '';
  const described = t.details && words?.describe?.(t.details);
  return `${who}${session}: ${resultWords(t.result, outcome)}${entry}${error}${described ? `, ${described}` : ''}${mark}`;
}

/** Who approved or denied, and whether approval was skipped: said in every post and list of records. */
export function approvalLine(r: AuditRecord): string | undefined {
  if (r.breakGlass) return ':rotating_light: *BREAK-GLASS: run at once, WITHOUT the approval the policy requires.*';
  if (!r.approverId) return undefined;
  const how = r.outcome === 'denied' ? 'Denied' : 'Approved';
  const why = r.denyReason ? ` Reason for denying: ${escapeMrkdwn(truncate(r.denyReason, MAX_REASON))}` : '';
  return `${how} by ${mention(r.approverId)}, requested by ${requesterName(r.invokerId)}.${why}`;
}

/** A post names this many targets one by one; past it, counts by result come first and the record has the rest. */
const TARGETS_POSTED = 50;

/** "1,200 done · 300 not done": every result of a long list, counted. */
function resultCounts(r: AuditRecord): string {
  const counts = new Map<string, number>();
  for (const t of r.targets) {
    const word = resultWords(t.result, r.outcome);
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts].map(([word, n]) => `${count(n)} ${word}`).join(' · ');
}

/**
 * The post in AUDIT_CHANNEL_ID: who, what (with the action's details), whom, reason, outcome, when. A long list of
 * people becomes its counts and the first names, and points to the record: the reason and the request id always
 * reach the channel.
 */
export function auditChannelText(r: AuditRecord, wordsOf: WordsOf): string {
  const id = `\`${escapeMrkdwn(r.requestId)}\``;
  const words = wordsOf(r.action);
  const lines = r.targets.slice(0, TARGETS_POSTED).map((t) => `• ${targetLine(t, r.outcome, words)}`);
  const hidden = r.targets.length - lines.length;
  const head = [`${recordHeadline(r, wordsOf)} · ${slackDate(r.time)}`];
  if (hidden > 0) head.push(`Counts: ${resultCounts(r)}`);
  const tail = [
    reasonLine(r.reason),
    ...[approvalLine(r)].filter((l) => l !== undefined),
    ...(r.origin ? [originLine(r.origin)] : []),
    ...(r.unguarded ? [UNGUARDED_AUDIT] : []),
    `Request ${id}`,
  ];
  const more = (left: number) => `…and ${count(left)} more: the full list is in the record (request ${id}).`;
  return fitLines({ head, lines, tail, hidden }, more);
}

const count = (n: number) => n.toLocaleString('en-US');

/** Under a refusal post: the refusals by the same person that the channel throttle held back before it. */
export function heldBackLine(count: number, windowMs: number): string {
  const minutes = Math.round(windowMs / 60_000);
  return `:repeat: ${count} more refused ${count === 1 ? 'attempt' : 'attempts'} by them since the last post here (refusals are posted at most once per ${minutes} minutes; every one is in the audit trail).`;
}
