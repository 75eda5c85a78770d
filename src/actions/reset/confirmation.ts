import type { Logger } from '@slack/bolt';
import { noActionRecord } from '../../domain/audit-record';
import { mostPeople } from '../../domain/plan';
import { reviewTargets } from '../../domain/review-targets';
import type { GroupRef, ResetScope, TargetRef } from '../../domain/types';
import type { SlackSurface } from '../../ports/slack-surface';
import { nobodyText } from '../../views/review-text';
import type { ListenerDeps } from '../shared/deps';
import { lookUpNamed } from '../shared/look-up';
import { showConfirmation, showOrTell, stopWith } from '../shared/modal';
import { submitInputsFor } from '../shared/submit-inputs';
import { showBulkConfirmation } from './bulk-confirmation';
import { resetConfirmationView } from './confirmation-view';
import { recentResets } from './cooldown';
import { RESET } from './ids';
import type { PickPlan, ResetPlan } from './plan';

const TITLE = 'Reset sessions';

/**
 * Looks the targets up, applies the guardrails and shows the reset confirmation in an open modal. Shared by the
 * command and by the picker's "Next". Read-only.
 */
export async function showResetConfirmation(
  args: {
    slack: SlackSurface;
    logger: Logger;
    viewId: string;
    refs: readonly TargetRef[];
    groups?: readonly GroupRef[];
    scope: ResetScope;
  },
  base: Omit<PickPlan, 'kind'>,
  deps: ListenerDeps,
): Promise<void> {
  const { slack, logger, viewId, scope } = args;
  const tell = { slack, viewId, responseUrl: base.responseUrl };
  const stop = stopWith(tell, TITLE);
  const { maxTargets } = deps.config;
  const most = mostPeople(deps.planRules);
  const named = { refs: args.refs, groups: args.groups, most };
  const found = await lookUpNamed({ slack, modal: { viewId, title: TITLE } }, named);
  if (!found.ok) return stop(found.why);
  const { resolved, groups } = found;
  // Past MAX_TARGETS, one by one would take too long under Tier 2: Slack's bulk reset queues them in one call.
  if (resolved.length > maxTargets) {
    return showBulkConfirmation({ slack, logger, viewId, resolved, groups, scope, stop }, base, deps);
  }
  const review = reviewTargets(resolved, base.invokerId, deps.tokenOwnerId());
  const userIds = review.ready.map((r) => r.person.id);
  const now = new Date();
  const recent = await recentResets(deps, userIds, now, logger);
  const skipped = review.refused.map((r) => r.skipped);
  const again = userIds.filter((id) => recent.has(id));
  const privileged = review.ready.filter((r) => r.warnings.includes('privileged')).map((r) => r.person.id);
  const plan: ResetPlan = { kind: 'reset', ...base, privileged, scope, userIds, skipped, skippedUnlisted: 0, again };
  const view = resetConfirmationView(plan, review, {
    recentResets: recent,
    inputs: submitInputsFor(deps, userIds.length, privileged.length),
    groups,
    now,
  });
  if (userIds.length === 0) {
    // Every named person was refused by the guardrails: a record of the attempt, with each reason.
    const targets = skipped.map((s) => ({ userId: s.label, error: s.code }));
    await deps.audit.record(noActionRecord(base, 'refused', RESET, targets, { scope }));
  }
  // Nobody to confirm is an error the admin should also keep in the conversation, not only in a modal.
  if (userIds.length === 0) return showOrTell(tell, view, `:warning: ${nobodyText(review, '\n• ')}`);
  await showConfirmation(tell, plan, view, deps, logger);
}
