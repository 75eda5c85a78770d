import type { HomeView, KnownBlock } from '@slack/types';
import type { AuditRecord } from '../domain/audit-record';
import type { WordsOf } from './action-words';
import { approvalLine, recordHeadline, slackDate, slackMarks, targetLine } from './audit-text';
import { context, divider, section } from './blocks';
import { people } from './labels';
import { reasonLine } from './reason-text';

const MAX_TARGETS_SHOWN = 5;

/** "a", "a and b", "a, b and c". */
const inWords = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** What everyone else sees: what the app is, and that it is for admins. */
export const visitorHomeView = (): HomeView => ({
  type: 'home',
  blocks: [
    section(
      'This app lets the security and IT admins named in its configuration sign people out of Slack during an incident. It is not for general use.',
    ),
  ],
});

/** What the Home tab says when the audit store cannot be read: the commands still work. */
export const STORE_DOWN_HOME =
  ':warning: The audit database cannot be reached right now, so recent actions cannot be shown. The commands still work, and their records reach the app’s log stream and the audit channel.';

/** Allowlisted admins: the most recent actions from the audit trail, or undefined records when it cannot be read. */
export function adminHomeView(
  read: { records: readonly AuditRecord[]; refusals: { attempts: number; people: number } } | undefined,
  wordsOf: WordsOf,
  commands: readonly string[],
): HomeView {
  const blocks: KnownBlock[] = [
    section('*Recent session actions*'),
    context(`From this app’s audit trail, newest first. ${inWords(commands.map((c) => `\`${c} help\``))} show usage.`),
  ];
  const { attempts, people: refusers } = read?.refusals ?? { attempts: 0, people: 0 };
  if (attempts > 0) {
    blocks.push(
      context(
        `:no_entry: ${attempts} refused ${attempts === 1 ? 'attempt' : 'attempts'} in the last hour, by ${people(refusers)} not on the allowlist (each one is in the audit trail).`,
      ),
    );
  }
  blocks.push(divider);
  const records = read?.records;
  if (!records) blocks.push(section(STORE_DOWN_HOME));
  else if (records.length === 0) blocks.push(section('Nothing yet.'));
  // Beside each target of a run, what Slack's audit log showed of it, when its check is among these records.
  const slack = slackMarks(records ?? []);
  for (const r of records ?? []) {
    const shown = r.targets
      .slice(0, MAX_TARGETS_SHOWN)
      .map((t) => targetLine(t, r.outcome, wordsOf(r.action), slack(r, t)));
    if (r.targets.length > MAX_TARGETS_SHOWN) shown.push(`and ${r.targets.length - MAX_TARGETS_SHOWN} more`);
    blocks.push(
      section(
        [
          `${recordHeadline(r, wordsOf)} · ${slackDate(r.time)}`,
          shown.join(' · '),
          reasonLine(r.reason),
          ...[approvalLine(r)].filter((l) => l !== undefined),
        ].join('\n'),
      ),
    );
  }
  return { type: 'home', blocks: blocks.slice(0, 100) };
}
