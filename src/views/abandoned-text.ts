import type { AuditRecord } from '../domain/audit-record';
import { escapeMrkdwn, mention } from './mrkdwn';

/** People named in the DM; a bulk plan's others are counted (a message keeps under Slack's 40,000 characters). */
const NAMED = 50;

/** The DM to the person who confirmed a plan that was cut off: what may or may not have happened, and to whom. */
export function abandonedText(r: AuditRecord): string {
  const people = [...new Set(r.targets.map((t) => t.userId))];
  const named = people.slice(0, NAMED).map((id) => mention(id));
  if (people.length > NAMED) named.push(`and ${people.length - NAMED} more (all of them are in the record)`);
  const whom = named.join(', ');
  return [
    `:grey_question: *An action you confirmed was cut off before it finished* (request \`${escapeMrkdwn(r.requestId)}\`).`,
    `The app stopped while it ran, so it is *unknown* whether it took effect for: ${whom}.`,
    'Check with `/reset-sessions history @person`, and run it again where needed.',
  ].join('\n');
}
