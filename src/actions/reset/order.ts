import type { Order } from '../../domain/approval';
import { runReset, runResetBulk } from '../../domain/run-plan';
import type { Prepared } from '../action';
import type { ListenerDeps } from '../shared/deps';
import { BULK_PLAN, RESET_PLAN } from './plan';

/** A confirmed reset: one admin.users.session.reset per person, with the plan's scope (or a bulk reset). */
export function prepareReset(order: Order, deps: ListenerDeps): Prepared | undefined {
  if (order.plan.kind === 'reset_bulk') return prepareBulk(order, deps);
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

/** A confirmed bulk reset: admin.users.session.resetBulk, 1,000 people a call; a success is "queued". */
function prepareBulk(order: Order, deps: ListenerDeps): Prepared | undefined {
  const plan = BULK_PLAN.decode(order.plan as unknown as Record<string, unknown>, order.plan, deps.planRules);
  if (!plan) return undefined;
  const { scope, skipped, skippedUnlisted, userIds } = plan;
  return {
    targets: userIds.map((userId) => ({ userId })),
    scope,
    run: async (observer) => ({
      scope,
      reason: order.reason,
      results: await runResetBulk(deps.adminApi, userIds, scope, observer),
      skipped,
      skippedUnlisted,
      dryRun: deps.config.dryRun,
      queued: true,
      ...(deps.config.verify && !deps.config.dryRun ? { verifyLaterId: plan.requestId } : {}),
    }),
  };
}
