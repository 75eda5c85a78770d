import {
  type DecodeRules,
  isRequestId,
  isSkipped,
  isUserId,
  mostPeople,
  type PlanBase,
  type PlanSchema,
  unique,
} from '../../domain/plan';
import type { Review } from '../../domain/review-targets';
import type { Skipped } from '../../domain/types';
import { type Change, changeOf, type Held, heldFrom } from './settings';

/** The people a /session-settings command names, looked up, and what Slack held for each when it was read. */
interface SettingsPeople {
  userIds: string[];
  /** What Slack held for each of `userIds`, in order; absent for the change that follows a sign-out (not read). */
  held?: Held[];
  /** Named but left out (unknown, bot, deactivated, the Org Primary Owner), with why; past a few hundred counted. */
  skipped: Skipped[];
  skippedUnlisted: number;
}

/** The settings shown, read-only: the modal's "Next" turns a chosen change into a SettingsPlan for the same people. */
export interface ShowPlan extends PlanBase, SettingsPeople {
  kind: 'session_settings_show';
  held: Held[];
}

/** A change of the settings of these people, to confirm. */
export interface SettingsPlan extends PlanBase, SettingsPeople {
  kind: 'session_settings';
  change: Change;
  /** The request ID of the sign-out this change follows ("then shorten their sessions"), when it follows one. */
  after?: string;
}

/** Refusals kept by name in a plan; past this they are counted. */
const SKIPPED_KEPT = 200;

/**
 * The people of a plan, from the guardrails' review and what Slack holds for those it let through: whatever
 * confirms it (this command's modals, or a caller without one), the plan is the same.
 */
export function planPeople(
  review: Review,
  held: ReadonlyMap<string, Held>,
): SettingsPeople & Required<Pick<ShowPlan, 'privileged' | 'held'>> {
  const refused = review.refused.map((r) => r.skipped);
  const userIds = review.ready.map((r) => r.person.id);
  return {
    privileged: review.ready.filter((r) => r.warnings.includes('privileged')).map((r) => r.person.id),
    userIds,
    held: userIds.map((id) => held.get(id) ?? { unknown: 'not_returned' }),
    skipped: refused.slice(0, SKIPPED_KEPT),
    skippedUnlisted: Math.max(0, refused.length - SKIPPED_KEPT),
  };
}

function decodePeople(raw: Readonly<Record<string, unknown>>, rules: DecodeRules): SettingsPeople | undefined {
  const { userIds, held, skipped, skippedUnlisted } = raw;
  if (!Array.isArray(userIds) || userIds.length < 1 || userIds.length > mostPeople(rules)) return undefined;
  if (!userIds.every(isUserId) || !unique(userIds, (id) => id)) return undefined;
  const heldRead = Array.isArray(held) ? held.map(heldFrom) : undefined;
  if (held !== undefined && (heldRead?.length !== userIds.length || heldRead.some((h) => h === undefined))) {
    return undefined;
  }
  if (!Array.isArray(skipped) || skipped.length > SKIPPED_KEPT || !skipped.every(isSkipped)) return undefined;
  if (typeof skippedUnlisted !== 'number' || !Number.isInteger(skippedUnlisted) || skippedUnlisted < 0)
    return undefined;
  return {
    userIds,
    ...(heldRead ? { held: heldRead as Held[] } : {}),
    skipped: skipped.map(({ label, code }) => ({ label, code })),
    skippedUnlisted,
  };
}

export const SHOW_PLAN: PlanSchema<ShowPlan> = {
  kind: 'session_settings_show',
  decode(raw, base, rules) {
    const people = decodePeople(raw, rules);
    if (!people?.held) return undefined;
    return { kind: 'session_settings_show', ...base, ...people, held: people.held };
  },
};

export const SETTINGS_PLAN: PlanSchema<SettingsPlan> = {
  kind: 'session_settings',
  decode(raw, base, rules) {
    const people = decodePeople(raw, rules);
    const change = changeOf(raw.change);
    if (!people || !change || (raw.after !== undefined && !isRequestId(raw.after))) return undefined;
    return {
      kind: 'session_settings',
      ...base,
      ...people,
      change,
      ...(isRequestId(raw.after) ? { after: raw.after } : {}),
    };
  },
};
