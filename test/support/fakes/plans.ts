/** Plans as the confirmations keep them. */

import type { InvalidatePlan } from '../../../src/actions/invalidate/plan';
import type { PickPlan, ResetPlan } from '../../../src/actions/reset/plan';
import { decodeKept, readPlanRef } from '../../../src/domain/plan';
import { allText } from '../block-kit-limits';
import { PLAN_SCHEMAS, type Plan } from '../plans';
import type { Fakes } from './deps';
import { ADMIN, ALICE, REQUEST_ID, RESPONSE_URL, TEAM } from './people';

const base = { invokerId: ADMIN, requestId: REQUEST_ID, responseUrl: RESPONSE_URL };

export const pickPlan = (over: Partial<PickPlan> = {}): PickPlan => ({ kind: 'pick', ...base, ...over });

export const resetPlan = (over: Partial<ResetPlan> = {}): ResetPlan => ({
  kind: 'reset',
  ...base,
  privileged: [],
  scope: 'all',
  userIds: [ALICE],
  skipped: [],
  skippedUnlisted: 0,
  again: [],
  ...over,
});

export const invalidatePlan = (over: Partial<InvalidatePlan> = {}): InvalidatePlan => ({
  kind: 'invalidate',
  ...base,
  privileged: [],
  userId: ALICE,
  choose: false,
  sessions: [{ teamId: TEAM, sessionId: 1001 }],
  ...over,
});

/** The plan kept for a view the app showed (its private_metadata names it), checked as a submission would check it. */
export function planOf(f: Pick<Fakes, 'store'>, view: { private_metadata?: string }): Plan {
  const kept = f.store.plans.get(readPlanRef(view.private_metadata) ?? '');
  const rules = { maxTargets: 50, isAllowedResponseUrl: () => true };
  const plan = PLAN_SCHEMAS.map((schema) => decodeKept(kept?.plan, rules, schema)).find((p) => p !== undefined);
  if (!plan) throw new Error(`no valid plan is kept for the view naming ${view.private_metadata}`);
  return plan;
}

/** All the text of a view (or the text of a message) the admin reads, joined. */
export const textOf = (view: unknown): string => (typeof view === 'string' ? view : allText(view));
