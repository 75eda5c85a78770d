import type { Order } from '../../domain/approval';
import { runInvalidate } from '../../domain/run-plan';
import type { Prepared } from '../action';
import type { ListenerDeps } from '../shared/deps';
import { signOutCheck } from '../shared/verify';
import { INVALIDATE_PLAN } from './plan';

/** A confirmed invalidation: one admin.users.session.invalidate per session of the plan (those chosen on Submit). */
export function prepareInvalidate(order: Order, deps: ListenerDeps): Prepared | undefined {
  const plan = INVALIDATE_PLAN.decode(order.plan as unknown as Record<string, unknown>, order.plan, deps.planRules);
  if (!plan) return undefined;
  const { userId, sessions } = plan;
  return {
    targets: sessions.map((s) => ({ userId, ...s })),
    check: signOutCheck(deps),
    run: async (observer) => ({
      reason: order.reason,
      results: await runInvalidate(deps.adminApi, userId, sessions, observer),
      skipped: [],
      skippedUnlisted: 0,
      dryRun: deps.config.dryRun,
    }),
  };
}
