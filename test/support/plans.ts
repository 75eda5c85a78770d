import { INVALIDATE_PLAN, type InvalidatePlan } from '../../src/actions/invalidate/plan';
import { PICK_PLAN, type PickPlan, RESET_PLAN, type ResetPlan } from '../../src/actions/reset/plan';
import type { PlanSchema } from '../../src/domain/plan';
import { FAKE } from './fake-credentials';

/** Every kind of plan the app makes, and their schemas: for tests that decode any of them. */
export type Plan = PickPlan | ResetPlan | InvalidatePlan;
export const PLAN_SCHEMAS: readonly PlanSchema<Plan>[] = [PICK_PLAN, RESET_PLAN, INVALIDATE_PLAN];

export const REQUEST_ID = '3f2b8c1e-9d4a-4e6b-8f7c-1a2b3c4d5e6f';

/** A valid reset plan of the test admin for one person, with any field changed. */
export const resetPlan = (userId: string, over: Partial<ResetPlan> = {}): ResetPlan => ({
  kind: 'reset',
  invokerId: FAKE.admin,
  requestId: REQUEST_ID,
  scope: 'all',
  userIds: [userId],
  skipped: [],
  skippedUnlisted: 0,
  again: [],
  ...over,
});
