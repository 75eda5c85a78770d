import type { Logger } from '@slack/bolt';
import type { ExpandedGroup } from '../../domain/expand-groups';
import { reviewTargets } from '../../domain/review-targets';
import type { ResetScope, Resolved, Skipped } from '../../domain/types';
import type { SlackSurface } from '../../ports/slack-surface';
import { nobodyText } from '../../views/review-text';
import type { ListenerDeps } from '../shared/deps';
import { showConfirmation } from '../shared/modal';
import { submitInputsFor } from '../shared/submit-inputs';
import { bulkConfirmationView } from './bulk-confirmation-view';
import { recentResets } from './cooldown';
import type { BulkResetPlan, PickPlan } from './plan';

/** Refusals kept by name in a bulk plan; past this they are counted. */
const SKIPPED_KEPT = 200;

/**
 * More people than MAX_TARGETS: every one is looked up and checked as usual, anyone signed out within the cooldown
 * is left out, and the confirmation asks for the typed head count.
 */
export async function showBulkConfirmation(
  args: {
    slack: SlackSurface;
    logger: Logger;
    viewId: string;
    resolved: readonly Resolved[];
    groups: readonly ExpandedGroup[];
    scope: ResetScope;
    stop(why: string): Promise<void>;
  },
  base: Omit<PickPlan, 'kind'>,
  deps: ListenerDeps,
): Promise<void> {
  const { slack, logger, viewId, resolved, groups, scope, stop } = args;
  const review = reviewTargets(resolved, base.invokerId, deps.tokenOwnerId());
  const recent = await recentResets(
    deps,
    review.ready.map((r) => r.person.id),
    new Date(),
    logger,
  );
  const ready = review.ready.filter((r) => !recent.has(r.person.id));
  if (ready.length === 0) {
    return stop(recent.size > 0 ? 'Everyone named was signed out within the cooldown.' : nobodyText(review, '\n• '));
  }
  const skippedAll: Skipped[] = [
    ...review.refused.map((r) => r.skipped),
    ...[...recent.keys()].map((id) => ({ label: id, code: 'recently_reset' })),
  ];
  const userIds = ready.map((r) => r.person.id);
  const privileged = ready.filter((r) => r.warnings.includes('privileged')).map((r) => r.person.id);
  const plan: BulkResetPlan = {
    kind: 'reset_bulk',
    ...base,
    privileged,
    scope,
    userIds,
    skipped: skippedAll.slice(0, SKIPPED_KEPT),
    skippedUnlisted: Math.max(0, skippedAll.length - SKIPPED_KEPT),
  };
  const view = bulkConfirmationView({
    plan,
    review: { ready, refused: review.refused },
    groups,
    recentlyReset: recent.size,
    cooldownMinutes: deps.config.resetCooldownMinutes,
    inputs: { ...submitInputsFor(deps, userIds.length, privileged.length), offerNotify: false },
  });
  await showConfirmation({ slack, viewId, responseUrl: base.responseUrl }, plan, view, deps, logger);
}
