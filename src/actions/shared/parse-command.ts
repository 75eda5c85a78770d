import { parseSessionId, USER_ID } from '../../domain/ids';
import type { ResetScope, Result, TargetRef } from '../../domain/types';
import { quoteInput } from '../../views/mrkdwn';

export type ResetRequest =
  | { kind: 'help' }
  | { kind: 'pick'; scope: ResetScope }
  | { kind: 'history'; target: TargetRef }
  | { kind: 'reset'; targets: TargetRef[]; scope: ResetScope };

export type InvalidateRequest =
  | { kind: 'help' }
  | { kind: 'list'; target: TargetRef }
  | { kind: 'one'; target: TargetRef; sessionId: number };

/** Slash command text is short in practice; anything longer is not a command a person typed. */
export const MAX_COMMAND_TEXT = 4000;

const MENTION = /^<@([UW][A-Z0-9]{8,20})(?:\|[^>]*)?>$/;
const MAILTO = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/i;
const EMAIL = /^[^\s@<>|"',;:`]+@[^\s@<>|"',;:`]+\.[^\s@<>|"',;:`]+$/;
// Slack's clients turn `--` into an en or em dash when smart punctuation is on.
const FLAG = /^(?:--|\u2013|\u2014)([a-z-]+)$/i;

/** Splits command text into words, keeping each of Slack's `<…>` escapes whole even if it holds spaces. */
function words(text: string): string[] {
  return text.match(/<[^<>]*>|[^\s<>]+|[<>]/g) ?? [];
}

function tooLong(text: string): string | undefined {
  if (text.length > MAX_COMMAND_TEXT)
    return `That command is ${text.length} characters long; the most is ${MAX_COMMAND_TEXT}.`;
  // Control characters never come from a person typing a command.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  if (/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text)) return 'That command contains control characters.';
  return undefined;
}

/** Reads one word as a person: a mention, a user ID, or an email (plain or as Slack escapes it). */
export function parseTarget(word: string): Result<TargetRef> {
  const m = MENTION.exec(word);
  if (m?.[1]) return { ok: true, value: { kind: 'user', id: m[1] } };
  if (USER_ID.test(word)) return { ok: true, value: { kind: 'user', id: word } };
  const mailto = MAILTO.exec(word);
  const email = mailto?.[1] ?? word;
  if (EMAIL.test(email) && email.length <= 254)
    return { ok: true, value: { kind: 'email', email: email.toLowerCase() } };

  const shown = quoteInput(word);
  if (word.startsWith('<#')) return { ok: false, error: `${shown} is a channel, not a person.` };
  if (word.startsWith('<!')) {
    return { ok: false, error: `${shown} is a group mention; name each person instead.` };
  }
  if (word.startsWith('<') && word.endsWith('>') && word.length > 2) {
    return { ok: false, error: `${shown} is a link, not a person.` };
  }
  if (word.startsWith('@')) {
    return {
      ok: false,
      error: `${shown} was not recognised as a person: pick them from the @ menu so Slack links the mention, or give their user ID or email.`,
    };
  }
  return { ok: false, error: `${shown} is not a mention, a user ID (like W012ABCDEF) or an email address.` };
}

function targetKey(t: TargetRef): string {
  return t.kind === 'user' ? `u:${t.id}` : `e:${t.email}`;
}

/** `/reset-sessions [targets…] [--mobile | --web]`. Pure: never throws, never calls anything. */
export function parseResetCommand(text: string, maxTargets: number): Result<ResetRequest> {
  const bad = tooLong(text);
  if (bad) return { ok: false, error: bad };
  const ws = words(text.trim());
  if (ws.length === 1 && /^(help|-h|--help|\?)$/i.test(ws[0] ?? '')) return { ok: true, value: { kind: 'help' } };
  if (/^history$/i.test(ws[0] ?? '')) {
    const target = ws.length === 2 ? parseTarget(ws[1] ?? '') : undefined;
    if (!target) return { ok: false, error: 'Name one person: `/reset-sessions history @person`.' };
    return target.ok ? { ok: true, value: { kind: 'history', target: target.value } } : target;
  }

  let mobile = false;
  let web = false;
  const targets: TargetRef[] = [];
  const seen = new Set<string>();
  const errors: string[] = [];
  for (const word of ws) {
    const flag = FLAG.exec(word);
    if (flag) {
      const name = (flag[1] ?? '').toLowerCase();
      if (name === 'mobile') mobile = true;
      else if (name === 'web') web = true;
      else errors.push(`${quoteInput(word)} is not an option: use --mobile or --web.`);
      continue;
    }
    const target = parseTarget(word);
    if (!target.ok) {
      errors.push(target.error);
      continue;
    }
    const key = targetKey(target.value);
    if (!seen.has(key)) {
      seen.add(key);
      targets.push(target.value);
    }
  }
  if (mobile && web) errors.push('Choose --mobile or --web, not both: with neither, every session is ended.');
  if (targets.length > maxTargets) {
    errors.push(`You named ${targets.length} people; one command can sign out at most ${maxTargets}.`);
  }
  if (errors.length > 0) return { ok: false, error: errors.slice(0, 5).join('\n') };
  const scope: ResetScope = mobile ? 'mobile' : web ? 'web' : 'all';
  // No one named: the picker asks, with a flag's scope already chosen.
  if (targets.length === 0) return { ok: true, value: { kind: 'pick', scope } };
  return { ok: true, value: { kind: 'reset', targets, scope } };
}

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
