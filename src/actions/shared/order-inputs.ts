import type { GroupRef, Result, TargetRef } from '../../domain/types';
import { parseTarget, targetKey } from './parse-targets';
import { freeText } from './submitted-plan';

/**
 * What a Workflow Builder step's inputs and an API request's body say, read the same way: pure, never throwing, each
 * problem a sentence naming the field. Nothing is looked up here.
 */

const GROUP_ID = /^S[A-Z0-9]{8,20}$/;

/** The longest entry of a people list that is read at all: an ID or an address is a few hundred characters. */
const MAX_ENTRY = 320;

/** People: user IDs or emails (one, or a list of at most `most`), each once. */
export function readPeople(raw: unknown, field: string, most: number): Result<TargetRef[]> {
  const list = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(list) || list.length === 0) {
    return { ok: false, error: `${field} must list at least one person, by user ID or email.` };
  }
  if (list.length > most) {
    return { ok: false, error: `${field} names ${list.length} people; one request takes at most ${most}.` };
  }
  const refs: TargetRef[] = [];
  const seen = new Set<string>();
  const errors: string[] = [];
  for (const [i, entry] of list.entries()) {
    // A person is an ID or an address of at most a few hundred characters: longer is refused before it is read.
    const read = typeof entry === 'string' && entry.length <= MAX_ENTRY ? parseTarget(entry.trim()) : undefined;
    if (!read?.ok) {
      errors.push(`${field}[${i}] is not a user ID (like W012ABCDEF) or an email address.`);
      continue;
    }
    if (!seen.has(targetKey(read.value))) {
      seen.add(targetKey(read.value));
      refs.push(read.value);
    }
  }
  return errors.length > 0 ? { ok: false, error: errors.slice(0, 5).join(' ') } : { ok: true, value: refs };
}

/** User groups by ID (S…), each once; none when absent. */
export function readGroups(raw: unknown, field: string): Result<GroupRef[]> {
  if (raw === undefined || raw === null) return { ok: true, value: [] };
  const list = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(list) || !list.every((g) => typeof g === 'string' && GROUP_ID.test(g))) {
    return { ok: false, error: `${field} must list user group IDs (like S012ABCDEF).` };
  }
  return { ok: true, value: [...new Set(list as string[])].map((id) => ({ kind: 'group', id })) };
}

/** The reason, required: trimmed, bounded, and anything shaped like a token masked before it is kept. */
export function readReason(raw: unknown, field: string): Result<string> {
  const reason = typeof raw === 'string' ? freeText(raw) : undefined;
  return reason ? { ok: true, value: reason } : { ok: false, error: `${field} is required: say why, for the record.` };
}

/** A yes or no that may be left out (false). */
export function readFlag(raw: unknown, field: string): Result<boolean> {
  if (raw === undefined || raw === null) return { ok: true, value: false };
  return typeof raw === 'boolean' ? { ok: true, value: raw } : { ok: false, error: `${field} must be true or false.` };
}
