import type { Logger } from '@slack/bolt';
import { expire } from '../actions/approval/decide';
import type { ListenerDeps } from '../actions/shared/deps';
import type { SlackSurface } from '../ports/slack-surface';

/**
 * Approval requests past their expiry, still pending: each is marked expired (once among every replica), its
 * message says so and loses its buttons, and the requester is told (a workflow step it came from fails). A click on
 * an expired request does the same.
 */
export async function expireApprovals(
  deps: ListenerDeps,
  slack: SlackSurface,
  logger: Logger,
  now = new Date(),
): Promise<number> {
  const due = await deps.store.expiredApprovals(now);
  for (const request of due) await expire(request, deps, slack, logger, now);
  return due.length;
}
