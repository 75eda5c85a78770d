import type { AuditRecord } from '../domain/audit-record';
import { USER_ID } from '../domain/ids';
import { escapeMrkdwn, mention, quoteInput } from './mrkdwn';

/** The DM to the person who confirmed a plan that was cut off: what may or may not have happened, and to whom. */
export function abandonedText(r: AuditRecord): string {
  const whom = [...new Set(r.targets.map((t) => t.userId))]
    .map((id) => (USER_ID.test(id) ? mention(id) : quoteInput(id)))
    .join(', ');
  return [
    `:grey_question: *An action you confirmed was cut off before it finished* (request \`${escapeMrkdwn(r.requestId)}\`).`,
    `The app stopped while it ran, so it is *unknown* whether it took effect for: ${whom}.`,
    'Check with `/reset-sessions history @person`, and run it again where needed.',
  ].join('\n');
}
