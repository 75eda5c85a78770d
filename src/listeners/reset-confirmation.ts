import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { PickPlan } from '../sessions/plan';
import { resolveTargets } from '../sessions/resolve-targets';
import { reviewTargets } from '../sessions/review-targets';
import type { ResetScope, TargetRef } from '../sessions/types';
import { createDirectory } from '../slack/directory';
import { resetConfirmationView } from '../views/reset-confirmation-view';
import { type ListenerDeps, recentResets } from './deps';
import { updateModal } from './modal';

/**
 * Looks the targets up, applies the guardrails and shows the reset confirmation in an open modal. Shared by the
 * command and by the picker's "Next". Read-only.
 */
export async function showResetConfirmation(
  args: { client: WebClient; logger: Logger; viewId: string; refs: readonly TargetRef[]; scope: ResetScope },
  base: Omit<PickPlan, 'kind'>,
  deps: ListenerDeps,
): Promise<void> {
  const { client, logger, viewId, refs, scope } = args;
  const review = reviewTargets(
    await resolveTargets(refs, createDirectory(client)),
    base.invokerId,
    deps.tokenOwnerId(),
  );
  const userIds = review.ready.map((r) => r.person.id);
  const now = new Date();
  const recent = await recentResets(deps, userIds, now).catch((error: unknown) => {
    // The cooldown is a guard against slips, not a lock: an unreadable store must not stop an incident response.
    logger.error(`AUDIT STORE UNREADABLE, cooldown not checked: ${String(error)}`);
    return new Map<string, Date>();
  });
  const view = resetConfirmationView({ kind: 'reset', ...base, scope, userIds }, review, {
    recentResets: recent,
    requireReason: deps.config.requireReason,
    now,
  });
  await updateModal(client, viewId, view, logger);
}
