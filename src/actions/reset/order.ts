import type { Order } from '../../domain/approval';
import { runReset, runResetBulk } from '../../domain/run-plan';
import type { Prepared } from '../action';
import { SHORTEN_TO, shortenAfter } from '../session-settings/after-sign-out';
import type { ListenerDeps } from '../shared/deps';
import { signOutCheck } from '../shared/verify';
import { BULK_PLAN, RESET_PLAN } from './plan';

/**
 * A confirmed reset: one admin.users.session.reset per person, with the plan's scope; or, for a bulk plan,
 * admin.users.session.resetBulk for 1,000 people a call, where a success is only "queued". With "and shorten their
 * sessions" ticked, a change of their session settings follows, as an order of its own.
 */
export function prepareReset(order: Order, deps: ListenerDeps): Prepared | undefined {
  const bulk = order.plan.kind === 'reset_bulk';
  const raw = order.plan as unknown as Record<string, unknown>;
  const plan = (bulk ? BULK_PLAN : RESET_PLAN).decode(raw, order.plan, deps.planRules);
  if (!plan) return undefined;
  const { scope, skipped, skippedUnlisted, userIds } = plan;
  const { adminApi, config } = deps;
  const details = { scope, ...(plan.shorten ? { shorten: SHORTEN_TO } : {}) };
  return {
    targets: userIds.map((userId) => ({ userId })),
    details,
    check: signOutCheck(deps, scope),
    ...(plan.shorten ? { followedBy: (report) => shortenAfter(plan, report, order.reason) } : {}),
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
