import type { Order } from '../../domain/approval';
import { runBatches } from '../../domain/run-plan';
import { BULK_CALL_SIZE, type OnWait } from '../../ports/slack';
import type { Prepared } from '../action';
import type { ListenerDeps } from '../shared/deps';
import { settingsCheck } from './check';
import { SETTINGS_PLAN } from './plan';
import { applyChange, changeDetails, heldDetail } from './settings';

/**
 * A confirmed change: admin.users.session.setSettings (or clearSettings) for 1,000 people a call, one call after
 * another (Tier 4), each person getting their call's outcome; then getSettings shows what Slack holds.
 */
export function prepareSettings(order: Order, deps: ListenerDeps): Prepared | undefined {
  const plan = SETTINGS_PLAN.decode(order.plan as unknown as Record<string, unknown>, order.plan, deps.planRules);
  if (!plan) return undefined;
  const { change } = plan;
  const details = changeDetails(change, plan.after);
  // Each person's record keeps what they had before, when it was read: what "put them back" needs.
  const targets = plan.userIds.map((userId, i) => {
    const before = plan.held?.[i];
    return before ? { userId, details: { before: heldDetail(before) } } : { userId };
  });
  const call = (batch: readonly { userId: string }[], onWait?: OnWait) =>
    applyChange(
      deps.adminApi,
      change,
      batch.map((t) => t.userId),
      onWait,
    );
  return {
    targets,
    details,
    run: async (observer) => ({
      details,
      reason: order.reason,
      results: await runBatches(targets, BULK_CALL_SIZE, call, observer),
      skipped: plan.skipped,
      skippedUnlisted: plan.skippedUnlisted,
      dryRun: deps.config.dryRun,
    }),
    check: settingsCheck(deps, change),
  };
}
