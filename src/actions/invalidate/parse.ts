import { parseSessionId } from '../../domain/ids';
import type { Result, TargetRef } from '../../domain/types';
import { quoteInput } from '../../views/mrkdwn';
import { parseTarget, tooLong, words } from '../shared/parse-targets';

export type InvalidateRequest =
  | { kind: 'help' }
  | { kind: 'list'; target: TargetRef }
  | { kind: 'one'; target: TargetRef; sessionId: number };

/** `/invalidate-session <user> [session_id]`. Pure: never throws, never calls anything. */
export function parseInvalidateCommand(text: string): Result<InvalidateRequest> {
  const bad = tooLong(text);
  if (bad) return { ok: false, error: bad };
  const ws = words(text.trim());
  const [first, second, ...rest] = ws;
  if (first === undefined || (ws.length === 1 && /^(help|-h|--help|\?)$/i.test(first))) {
    return { ok: true, value: { kind: 'help' } };
  }
  if (/^\d+$/.test(first)) {
    // The older form `<session_id> [team_id]`: Slack's current admin.users.session.invalidate needs the user.
    return { ok: false, error: 'Name the person first, then the session ID: Slack needs both to end one session.' };
  }
  const target = parseTarget(first);
  if (!target.ok) return target;
  if (second === undefined) return { ok: true, value: { kind: 'list', target: target.value } };
  if (rest.length > 0) return { ok: false, error: 'Give one person and at most one session ID.' };
  const sessionId = parseSessionId(second);
  if (sessionId === undefined) {
    return { ok: false, error: `${quoteInput(second)} is not a session ID: session IDs are digits only.` };
  }
  return { ok: true, value: { kind: 'one', target: target.value, sessionId } };
}
