import type { Order } from '../../domain/approval';
import { runReset, runResetBulk } from '../../domain/run-plan';
import type { Prepared } from '../action';
import type { ListenerDeps } from '../shared/deps';
import { signOutCheck } from '../shared/verify';
import { BULK_PLAN, RESET_PLAN } from './plan';

/**
 * A confirmed reset: one admin.users.session.reset per person, with the plan's scope; or, for a bulk plan,
 * admin.users.session.resetBulk for 1,000 people a call, where a success is only "queued".
 */
export function prepareReset(order: Order, deps: ListenerDeps): Prepared | undefined {
  const bulk = order.plan.kind === 'reset_bulk';
  const raw = order.plan as unknown as Record<string, unknown>;
  const plan = (bulk ? BULK_PLAN : RESET_PLAN).decode(raw, order.plan, deps.planRules);
  if (!plan) return undefined;
  const { scope, skipped, skippedUnlisted, userIds } = plan;
  const { adminApi, config } = deps;
  const details = { scope };
  return {
    targets: userIds.map((userId) => ({ userId })),
    details,
    check: signOutCheck(deps, scope),
    run: async (observer) => ({
      details,
      reason: order.reason,
      results: await (bulk ? runResetBulk : runReset)(adminApi, userIds, scope, observer),
      skipped,
      skippedUnlisted,
      dryRun: config.dryRun,
      // The kept plan lets its people be checked later, once Slack's job has run.
      ...(bulk ? { queued: true, ...(config.verify && !config.dryRun ? { verifyLaterId: plan.requestId } : {}) } : {}),
    }),
  };
}
