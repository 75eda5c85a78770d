import { USER_ID } from '../../domain/ids';
import type { GroupRef, Result, TargetRef } from '../../domain/types';
import { quoteInput } from '../../views/mrkdwn';

/** Slash command text is short in practice; anything longer is not a command a person typed. */
export const MAX_COMMAND_TEXT = 4000;

const MENTION = /^<@([UW][A-Z0-9]{8,20})(?:\|[^>]*)?>$/;
const SUBTEAM = /^<!subteam\^(S[A-Z0-9]{8,20})(?:\|@?([^>]{1,80}))?>$/;
const MAILTO = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/i;
// Dot-separated labels that cannot hold a dot themselves: linear however the text is made (a domain written as
// `[^@]+\.[^@]+` backtracks quadratically on a long run of dots).
const EMAIL = /^[^\s@<>|"',;:`]+@[^\s@<>|"',;:`.]+(?:\.[^\s@<>|"',;:`.]+)+$/;
/** The longest address SMTP allows: longer text is not an email, whatever it looks like. */
const MAX_EMAIL = 254;
// Slack's clients turn `--` into an en or em dash when smart punctuation is on.
export const FLAG = /^(?:--|\u2013|\u2014)([a-z-]+)$/i;

/** Splits command text into words, keeping each of Slack's `<…>` escapes whole even if it holds spaces. */
export function words(text: string): string[] {
  return text.match(/<[^<>]*>|[^\s<>]+|[<>]/g) ?? [];
}

/** Why command text cannot be what a person typed: too long, or with control characters. */
export function tooLong(text: string): string | undefined {
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
  if (email.length <= MAX_EMAIL && EMAIL.test(email))
    return { ok: true, value: { kind: 'email', email: email.toLowerCase() } };

  const shown = quoteInput(word);
  if (word.startsWith('<#')) return { ok: false, error: `${shown} is a channel, not a person.` };
  if (SUBTEAM.test(word)) {
    return { ok: false, error: `${shown} is a user group: this names one person at a time.` };
  }
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

/** Reads one word as a user group, as Slack escapes a picked one; undefined for anything else. */
export function parseGroup(word: string): GroupRef | undefined {
  const m = SUBTEAM.exec(word);
  if (!m?.[1]) return undefined;
  return { kind: 'group', id: m[1], ...(m[2] ? { handle: m[2] } : {}) };
}

/** The same person named twice the same way counts once. */
export function targetKey(t: TargetRef): string {
  return t.kind === 'user' ? `u:${t.id}` : `e:${t.email}`;
}

/** The people and user groups a command names, each once, in the order named. */
export class Named {
  readonly targets: TargetRef[] = [];
  readonly groups: GroupRef[] = [];
  private readonly seen = new Set<string>();

  /** Takes one word naming a user group or a person; the sentence saying why it names neither, or undefined. */
  add(word: string): string | undefined {
    const group = parseGroup(word);
    if (group) {
      if (!this.groups.some((g) => g.id === group.id)) this.groups.push(group);
      return undefined;
    }
    const target = parseTarget(word);
    if (!target.ok) return target.error;
    const key = targetKey(target.value);
    if (!this.seen.has(key)) {
      this.seen.add(key);
      this.targets.push(target.value);
    }
    return undefined;
  }
}
