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
