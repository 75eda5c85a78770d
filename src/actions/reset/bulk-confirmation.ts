import type { Logger } from '@slack/bolt';
import type { ExpandedGroup } from '../../domain/expand-groups';
import { reviewTargets } from '../../domain/review-targets';
import type { ResetScope, Resolved } from '../../domain/types';
import type { SlackSurface } from '../../ports/slack-surface';
import { nobodyText } from '../../views/review-text';
import type { ListenerDeps } from '../shared/deps';
import { showConfirmation } from '../shared/modal';
import { submitInputsFor } from '../shared/submit-inputs';
import { bulkConfirmationView } from './bulk-confirmation-view';
import { outsideCooldown } from './cooldown';
import { bulkPlan, type PickPlan } from './plan';

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
  const { ready, skipped, recent } = await outsideCooldown(review, deps, logger);
  if (ready.length === 0) {
    return stop(recent > 0 ? 'Everyone named was signed out within the cooldown.' : nobodyText(review, '\n• '));
  }
  const plan = bulkPlan(base, scope, ready, skipped);
  const { userIds, privileged } = plan;
  const view = bulkConfirmationView({
    plan,
    review: { ready, refused: review.refused },
    groups,
    recentlyReset: recent,
    cooldownMinutes: deps.config.resetCooldownMinutes,
    inputs: { ...submitInputsFor(deps, userIds.length, privileged.length), offerNotify: false },
  });
  await showConfirmation({ slack, viewId, responseUrl: base.responseUrl }, plan, view, deps, logger);
}
