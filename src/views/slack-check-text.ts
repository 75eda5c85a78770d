import type { AuditRecord, AuditTarget } from '../domain/audit-record';
import type { WordsOf } from './action-words';
import { targetLine } from './audit-text';
import { escapeMrkdwn, fitLines } from './mrkdwn';

/** "90 seconds", "15 minutes": how long Slack's log was given. */
export function waitLabel(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  return `${minutes} minutes`;
}

/** Lines in the order worth reading: what Slack did not show first, what it confirmed last. */
const ORDER: readonly AuditTarget['result'][] = ['failed', 'not_seen', 'unknown', 'confirmed'];

/**
 * The DM to the admin who confirmed a run, once Slack's own audit log was checked: how many Slack confirmed, failed
 * (a bulk job's `failed_users`) or did not show within the wait, then a line each (what Slack did not show first),
 * within a message's length; the record has every one.
 */
export function slackCheckText(record: AuditRecord, wordsOf: WordsOf, waitMs: number): string {
  const words = wordsOf(record.action);
  const n = record.targets.length;
  const what = words ? `${words.doing.toLowerCase()} ${n} ${n === 1 ? words.one : words.many}` : `your action`;
  const count = (result: AuditTarget['result']) => record.targets.filter((t) => t.result === result).length;
  const counts = [
    `*${count('confirmed')} confirmed by Slack*`,
    ...(count('failed') > 0 ? [`${count('failed')} that Slack’s job did not sign out`] : []),
    ...(count('not_seen') > 0 ? [`${count('not_seen')} not seen within ${waitLabel(waitMs)}`] : []),
    ...(count('unknown') > 0 ? [`${count('unknown')} not checked (the log could not be read)`] : []),
  ];
  const head = [
    `:receipt: *Slack’s audit log* on ${what} (request \`${escapeMrkdwn(record.requestId)}\`): ${counts.join(', ')}.`,
  ];
  const lines = ORDER.flatMap((result) =>
    record.targets.filter((t) => t.result === result).map((t) => `• ${targetLine(t, record.outcome)}`),
  );
  const tail =
    count('not_seen') > 0
      ? [
          'Not seen means Slack’s log did not show it in that time: check `/reset-sessions history @person`, and run it again if needed.',
        ]
      : [];
  return fitLines({ head, lines, tail }, (left) => `…and ${left} more in the \`confirmed_by_slack\` record.`);
}
