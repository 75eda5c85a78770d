import {
  isSkipped,
  isUserId,
  MAX_METADATA,
  type PlanBase,
  type PlanSchema,
  serializePlan,
  unique,
} from '../../domain/plan';
import { isResetScope, type ResetScope, type Skipped } from '../../domain/types';

/** The people-picker modal of `/reset-sessions` with no targets: nothing chosen yet. */
export interface PickPlan extends PlanBase {
  kind: 'pick';
}

export interface ResetPlan extends PlanBase {
  kind: 'reset';
  /** Named but not to be touched (unknown, bot, deactivated, …): carried so the result and record list them too. */
  skipped: Skipped[];
  /** How many more were skipped than `skipped` lists, when listing them all would not fit in private_metadata. */
  skippedUnlisted: number;
  /** Those of `userIds` shown as recently reset: a tick of "again anyway" covers these, and only these. */
  again: string[];
  scope: ResetScope;
  userIds: string[];
}

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
    return {
      kind: 'reset',
      ...base,
      scope,
      userIds,
      skipped: skipped.map(({ label, code }) => ({ label, code })),
      skippedUnlisted,
      again,
    };
  },
};

/** Moves skipped targets from the list into the count until the plan fits in private_metadata. */
export function fitSkipped(plan: ResetPlan): ResetPlan {
  let fitted = plan;
  while (fitted.skipped.length > 0 && serializePlan(fitted).length > MAX_METADATA) {
    fitted = { ...fitted, skipped: fitted.skipped.slice(0, -1), skippedUnlisted: fitted.skippedUnlisted + 1 };
  }
  return fitted;
}

/**
 * A bulk reset (admin.users.session.resetBulk) of more people than MAX_TARGETS: too many for private_metadata, so
 * it is kept in the store under its request ID, and the modal carries a BulkRefPlan.
 */
export interface BulkResetPlan extends PlanBase {
  kind: 'reset_bulk';
  scope: ResetScope;
  userIds: string[];
  /** Named but not to be touched, with why; past a few hundred only counted. */
  skipped: Skipped[];
  skippedUnlisted: number;
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
    return {
      kind: 'reset_bulk',
      ...base,
      scope,
      userIds,
      skipped: skipped.map(({ label, code }) => ({ label, code })),
      skippedUnlisted,
    };
  },
};

/** What a bulk confirmation carries: which kept plan, its scope, and how many people it signs out (to be typed). */
export interface BulkRefPlan extends PlanBase {
  kind: 'reset_bulk_ref';
  scope: ResetScope;
  count: number;
}

export const BULK_REF_PLAN: PlanSchema<BulkRefPlan> = {
  kind: 'reset_bulk_ref',
  decode(raw, base, rules) {
    const { scope, count } = raw;
    if (!isResetScope(scope) || typeof count !== 'number' || !Number.isInteger(count)) return undefined;
    if (count < 1 || count > (rules.maxBulkTargets ?? 0)) return undefined;
    return { kind: 'reset_bulk_ref', ...base, scope, count };
  },
};
