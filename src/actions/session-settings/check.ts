import type { AuditTarget } from '../../domain/audit-record';
import { fitLines, mention } from '../../views/mrkdwn';
import type { AfterCheck } from '../action';
import type { ListenerDeps } from '../shared/deps';
import { asChanged, type Change, type Held, heldDetail, readSettings } from './settings';
import { heldWords } from './words';

/** People named one line each in the message; past this, counts and those not as asked. */
const LINES = 50;

/**
 * The check after a change: admin.users.session.getSettings for everyone whose call worked or may have (1,000 a
 * call, Tier 4), each person `done` when Slack holds what was asked (every setting set, or none left after a clear),
 * `failed` (`not_as_asked`) with what it holds instead, or `unknown` when Slack did not say. Cheap, so it always runs
 * (but in a dry run): it is the proof that the change took.
 */
export function settingsCheck(deps: ListenerDeps, change: Change): AfterCheck {
  return {
    wanted: (report) => report.results.some((r) => r.outcome.ok || r.outcome.uncertain),
    async run(report) {
      const tried = report.results.filter((r) => r.outcome.ok || r.outcome.uncertain).map((r) => r.target.userId);
      const userIds = [...new Set(tried)];
      const held = await readSettings(deps.adminApi, userIds);
      const found = userIds.map((userId) => finding(userId, held.get(userId) ?? { unknown: 'not_returned' }, change));
      return { targets: found.map((f) => f.target), message: checkMessage(found) };
    },
  };
}

/** One person's check: the record's target, and the line that tells the admin. */
function finding(userId: string, now: Held, change: Change): { target: AuditTarget; line: string } {
  const who = mention(userId);
  if (typeof now === 'object' && 'unknown' in now) {
    return {
      target: { userId, result: 'unknown', error: now.unknown },
      line: `:grey_question: ${who}: *not verified*: ${heldWords(now)}`,
    };
  }
  const details = { now: heldDetail(now) };
  return asChanged(now, change)
    ? {
        target: { userId, result: 'done', details },
        line: `:white_check_mark: ${who}: *applied*: Slack holds ${heldWords(now)}.`,
      }
    : {
        target: { userId, result: 'failed', error: 'not_as_asked', details },
        line: `:warning: ${who}: *not as asked*: Slack holds ${heldWords(now)}.`,
      };
}

/** What getSettings shows now: a line each, or past LINES people, counts and the first of those not applied. */
function checkMessage(found: readonly { target: AuditTarget; line: string }[]): string {
  const heading = ':mag: *Checked afterwards* with `admin.users.session.getSettings`:';
  if (found.length <= LINES) return fitLines({ head: [heading], lines: found.map((f) => f.line), tail: [] }, more);
  const count = (result: AuditTarget['result']) => found.filter((f) => f.target.result === result).length;
  const counts = `${heading} ${found.length} people: *${count('done')} applied*, ${count('failed')} not as asked, ${count('unknown')} not verified.`;
  const worth = found.filter((f) => f.target.result !== 'done').map((f) => f.line);
  const hidden = Math.max(0, worth.length - LINES);
  return fitLines({ head: [counts], lines: worth.slice(0, LINES), tail: [], hidden }, more);
}

const more = (n: number) => `…and ${n} more in the \`verified\` record.`;
