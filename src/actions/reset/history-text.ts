import type { AuditRecord } from '../../domain/audit-record';
import type { WordsOf } from '../../views/action-words';
import { approvalLine, recordHeadline, slackDate, slackMarks, targetLine } from '../../views/audit-text';
import { mention } from '../../views/mrkdwn';
import { reasonLine } from '../../views/reason-text';

/** `/reset-sessions history @person`: the recent records naming them, newest first. */
export function historyText(userId: string, records: readonly AuditRecord[], wordsOf: WordsOf): string {
  if (records.length === 0) return `No records name ${mention(userId)}.`;
  const slack = slackMarks(records);
  const lines = records.map((r) => {
    const words = wordsOf(r.action);
    const mine = r.targets.filter((t) => t.userId === userId).map((t) => targetLine(t, r.outcome, words, slack(r, t)));
    const approval = approvalLine(r);
    return `• ${slackDate(r.time)} ${recordHeadline(r, wordsOf)}\n    ${mine.join('; ')} · ${reasonLine(r.reason)}${approval ? ` · ${approval}` : ''}`;
  });
  return [`*Recent records naming ${mention(userId)}* (newest first):`, ...lines].join('\n');
}
