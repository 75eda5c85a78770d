import { isSkipped, isUserId, type PlanBase, type PlanSchema, unique } from '../../domain/plan';
import type { Ready } from '../../domain/review-targets';
import { isResetScope, type ResetScope, type Skipped } from '../../domain/types';

/** The people-picker modal of `/reset-sessions` with no targets: nothing chosen yet. */
export interface PickPlan extends PlanBase {
  kind: 'pick';
}

export interface ResetPlan extends PlanBase {
  kind: 'reset';
  /** Named but not to be touched (unknown, bot, deactivated, …): carried so the result and record list them too. */
  skipped: Skipped[];
  /** How many more were skipped than `skipped` lists (a bulk plan's refusals past a few hundred). */
  skippedUnlisted: number;
  /** Those of `userIds` shown as recently reset: a tick of "again anyway" covers these, and only these. */
  again: string[];
  scope: ResetScope;
  userIds: string[];
  /** Ticked on Submit: then shorten the sessions of those signed out (see shortenAfter). */
  shorten?: true;
}

/** What "and shorten their sessions" reads back as: ticked, or left out. */
const shortenOf = (raw: unknown): { shorten?: true } | undefined =>
  raw === undefined ? {} : raw === true ? { shorten: true } : undefined;

export const PICK_PLAN: PlanSchema<PickPlan> = {
  kind: 'pick',
  decode: (_raw, base) => ({ kind: 'pick', ...base }),
};

export const RESET_PLAN: PlanSchema<ResetPlan> = {
  kind: 'reset',
  decode(raw, base, rules) {
    const { scope, userIds, skipped, skippedUnlisted, again } = raw;
    if (!isResetScope(scope)) return undefined;
    if (!Array.isArray(userIds) || userIds.length < 1 || userIds.length > rules.maxTargets) return undefined;
    if (!userIds.every(isUserId) || !unique(userIds, (id) => id)) return undefined;
    if (!Array.isArray(skipped) || typeof skippedUnlisted !== 'number' || !Number.isInteger(skippedUnlisted)) {
      return undefined;
    }
    if (skippedUnlisted < 0 || userIds.length + skipped.length + skippedUnlisted > rules.maxTargets) return undefined;
    if (!skipped.every(isSkipped)) return undefined;
    if (!Array.isArray(again) || !again.every((id) => isUserId(id) && userIds.includes(id))) return undefined;
    const shorten = shortenOf(raw.shorten);
    if (!shorten) return undefined;
    return {
      kind: 'reset',
      ...shorten,
      ...base,
      scope,
      userIds,
      skipped: skipped.map(({ label, code }) => ({ label, code })),
      skippedUnlisted,
      again,
    };
  },
};

/** A bulk reset (admin.users.session.resetBulk) of more people than MAX_TARGETS, up to BULK_MAX_TARGETS. */
export interface BulkResetPlan extends PlanBase {
  kind: 'reset_bulk';
  scope: ResetScope;
  userIds: string[];
  /** Named but not to be touched, with why; past a few hundred only counted. */
  skipped: Skipped[];
  skippedUnlisted: number;
  /** Ticked on Submit: then shorten the sessions of those queued (see shortenAfter). */
  shorten?: true;
}

export const BULK_PLAN: PlanSchema<BulkResetPlan> = {
  kind: 'reset_bulk',
  decode(raw, base, rules) {
    const { scope, userIds, skipped, skippedUnlisted } = raw;
    const max = rules.maxBulkTargets ?? 0;
    if (!isResetScope(scope)) return undefined;
    if (!Array.isArray(userIds) || userIds.length < 1 || userIds.length > max) return undefined;
    if (!userIds.every(isUserId) || !unique(userIds, (id) => id)) return undefined;
    if (!Array.isArray(skipped) || !skipped.every(isSkipped)) return undefined;
    if (typeof skippedUnlisted !== 'number' || !Number.isInteger(skippedUnlisted) || skippedUnlisted < 0) {
      return undefined;
    }
    const shorten = shortenOf(raw.shorten);
    if (!shorten) return undefined;
    return {
      kind: 'reset_bulk',
      ...shorten,
      ...base,
      scope,
      userIds,
      skipped: skipped.map(({ label, code }) => ({ label, code })),
      skippedUnlisted,
    };
  },
};

/** Refusals kept by name in a bulk plan; past this they are counted. */
const SKIPPED_KEPT = 200;

/** A bulk reset of the people `ready`, naming the first few of those left out and counting the rest. */
export function bulkPlan(
  base: PlanBase,
  scope: ResetScope,
  ready: readonly Ready[],
  skipped: Skipped[],
): BulkResetPlan & Required<Pick<PlanBase, 'privileged'>> {
  return {
    kind: 'reset_bulk',
    ...base,
    privileged: ready.filter((r) => r.warnings.includes('privileged')).map((r) => r.person.id),
    scope,
    userIds: ready.map((r) => r.person.id),
    skipped: skipped.slice(0, SKIPPED_KEPT),
    skippedUnlisted: Math.max(0, skipped.length - SKIPPED_KEPT),
  };
}
