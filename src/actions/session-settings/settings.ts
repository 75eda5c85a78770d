import type { ActionDetails, DetailValue } from '../../domain/audit-record';
import type { Outcome } from '../../domain/types';
import { type AdminApi, BULK_CALL_SIZE, type OnWait, type SessionSettings } from '../../ports/slack';
import { SESSION_DURATION, withinLimits } from './duration';

/** What Slack holds for one person: settings of their own, none (the organization's default), or not known (why). */
export type Held = 'default' | { own: SessionSettings } | { unknown: string };

/** What a change asks of Slack: settings to set (one of the two, or both), or the person's own cleared. */
export type Change = { set: SessionSettings } | 'clear';

/** What getSettings says of each person, a call per BULK_CALL_SIZE of them (Tier 4). Read-only. */
export async function readSettings(
  api: AdminApi,
  userIds: readonly string[],
  onWait?: OnWait,
): Promise<Map<string, Held>> {
  const held = new Map<string, Held>();
  for (let i = 0; i < userIds.length; i += BULK_CALL_SIZE) {
    const batch = userIds.slice(i, i + BULK_CALL_SIZE);
    const read = await api.getSessionSettings(batch, onWait);
    for (const id of batch) {
      if (!read.ok) held.set(id, { unknown: read.code });
      else {
        const own = read.settings.get(id);
        // Someone Slack left out of both lists: what it holds for them is not known.
        held.set(id, own ? { own } : read.onDefault.has(id) ? 'default' : { unknown: 'not_returned' });
      }
    }
  }
  return held;
}

/** The one admin call of a change for a batch of people. */
export const applyChange = (
  api: AdminApi,
  change: Change,
  userIds: readonly string[],
  onWait?: OnWait,
): Promise<Outcome> =>
  change === 'clear' ? api.clearSessionSettings(userIds, onWait) : api.setSessionSettings(userIds, change.set, onWait);

/** What a person will hold once the change is made: the settings it sets over their own, or none. */
export function heldAfter(held: Held, change: Change): Held {
  if (change === 'clear') return 'default';
  const own = typeof held === 'object' && 'own' in held ? held.own : {};
  return { own: { ...own, ...change.set } };
}

/** Whether what Slack holds now is what the change asked for: each setting it set, or none left. */
export function asChanged(now: Held, change: Change): boolean {
  if (change === 'clear') return now === 'default';
  if (typeof now !== 'object' || !('own' in now)) return false;
  const { duration, quitEndsSession } = change.set;
  return (
    (duration === undefined || now.own.duration === duration) &&
    (quitEndsSession === undefined || now.own.quitEndsSession === quitEndsSession)
  );
}

/** Settings as record details: only what is set. */
const settingsDetail = ({ duration, quitEndsSession }: SessionSettings): ActionDetails => ({
  ...(duration !== undefined ? { duration } : {}),
  ...(quitEndsSession !== undefined ? { quitEndsSession } : {}),
});

/** A change as its records carry it, and the sign-out it follows, if any. */
export const changeDetails = (change: Change, after?: string): ActionDetails => ({
  ...(change === 'clear' ? { clear: true } : settingsDetail(change.set)),
  ...(after ? { after } : {}),
});

/** What a person held (or holds), as a target's record details carry it. */
export function heldDetail(held: Held): DetailValue {
  if (held === 'default') return held;
  return 'own' in held ? { own: settingsDetail(held.own) } : { unknown: held.unknown };
}

/** Settings read back from a plan or a record: only well-formed ones, a duration within Slack's limits. */
function settingsFrom(raw: unknown): SessionSettings | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const { duration, quitEndsSession } = raw as Record<string, unknown>;
  const goodDuration =
    duration === undefined ||
    (Number.isSafeInteger(duration) && (duration as number) > 0 && (duration as number) <= SESSION_DURATION.max);
  if (!goodDuration || (quitEndsSession !== undefined && typeof quitEndsSession !== 'boolean')) return undefined;
  return {
    ...(duration !== undefined ? { duration: duration as number } : {}),
    ...(quitEndsSession !== undefined ? { quitEndsSession } : {}),
  };
}

/** A Held read back from a plan or a record; undefined for anything else. */
export function heldFrom(raw: unknown): Held | undefined {
  if (raw === 'default') return raw;
  if (raw === null || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.unknown === 'string' && /^[a-z_]{1,60}$/.test(r.unknown)) return { unknown: r.unknown };
  const own = settingsFrom(r.own);
  return own ? { own } : undefined;
}

/** Settings a change may set: at least one of the two, a duration within Slack's limits. */
function changeSetting(set: SessionSettings | undefined): Change | undefined {
  if (!set || (set.duration === undefined && set.quitEndsSession === undefined)) return undefined;
  if (set.duration !== undefined && !withinLimits(set.duration).ok) return undefined;
  return { set };
}

/** A change read back from a plan ('clear', or { set }); undefined for anything else. */
export const changeOf = (raw: unknown): Change | undefined =>
  raw === 'clear' ? raw : changeSetting(settingsFrom((raw as { set?: unknown } | null)?.set));

/** A change read back from a record's details (see changeDetails); undefined for anything else. */
export function changeFromDetails(details: ActionDetails): Change | undefined {
  if (details.clear === true) return 'clear';
  return changeSetting(settingsFrom({ duration: details.duration, quitEndsSession: details.quitEndsSession }));
}
