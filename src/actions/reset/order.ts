import type { Order } from '../../domain/approval';
import { runReset } from '../../domain/run-plan';
import type { Prepared } from '../action';
import type { ListenerDeps } from '../shared/deps';
import { RESET_PLAN } from './plan';

/** A confirmed reset: one admin.users.session.reset per person, with the plan's scope. */
export function prepareReset(order: Order, deps: ListenerDeps): Prepared | undefined {
  const plan = RESET_PLAN.decode(order.plan as unknown as Record<string, unknown>, order.plan, deps.planRules);
  if (!plan) return undefined;
  const { scope, skipped, skippedUnlisted, userIds } = plan;
  return {
    targets: userIds.map((userId) => ({ userId })),
    scope,
    run: async (observer) => ({
      scope,
      reason: order.reason,
      results: await runReset(deps.adminApi, userIds, scope, observer),
      skipped,
      skippedUnlisted,
      dryRun: deps.config.dryRun,
    }),
  };
}
