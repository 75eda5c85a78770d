import { type GroupRef, isResetScope, type ResetScope, type Result, type TargetRef } from '../../domain/types';
import { quoteInput } from '../../views/mrkdwn';
import { parseDuration, withinLimits } from '../session-settings/duration';
import type { Change } from '../session-settings/settings';
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

/** Which sessions: all (when absent), mobile or web. */
export function readScope(raw: unknown, field: string): Result<ResetScope> {
  if (raw === undefined || raw === null || raw === '') return { ok: true, value: 'all' };
  return isResetScope(raw) ? { ok: true, value: raw } : { ok: false, error: `${field} must be all, mobile or web.` };
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

/**
 * A change of session settings: a duration (`8h`, `7d`, or whole seconds, within Slack's limits), what quitting the
 * desktop app or browser does, or `clear` alone (the organization's default for both).
 */
export function readChange(raw: {
  duration: unknown;
  quitEndsSession: unknown;
  clear: unknown;
  fields: { duration: string; quitEndsSession: string; clear: string };
}): Result<Change> {
  const { fields } = raw;
  const clear = readFlag(raw.clear, fields.clear);
  if (!clear.ok) return clear;
  const given = (v: unknown) => v !== undefined && v !== null && v !== '';
  if (clear.value) {
    if (given(raw.duration) || given(raw.quitEndsSession)) {
      return {
        ok: false,
        error: `${fields.clear} puts back the organization’s default for both settings: give it alone, without ${fields.duration} or ${fields.quitEndsSession}.`,
      };
    }
    return { ok: true, value: 'clear' };
  }
  if (!given(raw.duration) && !given(raw.quitEndsSession)) {
    return { ok: false, error: `Name a change: ${fields.duration}, ${fields.quitEndsSession}, or ${fields.clear}.` };
  }
  let duration: number | undefined;
  if (given(raw.duration)) {
    const read =
      typeof raw.duration === 'string'
        ? parseDuration(raw.duration)
        : typeof raw.duration === 'number' && Number.isSafeInteger(raw.duration)
          ? withinLimits(raw.duration)
          : { ok: false as const, error: `${quoteInput(String(raw.duration))} is not a duration.` };
    if (!read.ok) return { ok: false, error: `${fields.duration}: ${read.error}` };
    duration = read.value;
  }
  const quit = raw.quitEndsSession;
  if (given(quit) && typeof quit !== 'boolean') {
    return { ok: false, error: `${fields.quitEndsSession} must be true or false.` };
  }
  return {
    ok: true,
    value: {
      set: {
        ...(duration !== undefined ? { duration } : {}),
        ...(typeof quit === 'boolean' ? { quitEndsSession: quit } : {}),
      },
    },
  };
}
