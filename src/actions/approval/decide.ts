import { randomUUID } from 'node:crypto';
import type { Logger } from '@slack/bolt';
import type { ApprovalRequest } from '../../domain/approval';
import { beforeCalls, noActionRecord } from '../../domain/audit-record';
import { personOf } from '../../domain/origin';
import type { SlackSurface } from '../../ports/slack-surface';
import { approvalDecidedMessage, deniedStatus, expiredStatus, withdrawnStatus } from '../../views/approval-view';
import { mention } from '../../views/mrkdwn';
import { originVoice } from '../origin';
import type { ListenerDeps } from '../shared/deps';
import { askedOf, whoAsked } from './asked';

/** Why a click decides nothing: said to the person who clicked, and (but for a stale click) recorded as refused. */
export type Refused =
  | { code: 'unknown_request' }
  | { code: 'own_request' }
  | { code: 'decided'; request: ApprovalRequest }
  | { code: 'expired'; request: ApprovalRequest }
  | { code: 'store_unreachable' };

export function refusedText(r: Refused): string {
  switch (r.code) {
    case 'unknown_request':
      return ':no_entry: This approval request is not known to the app, so nothing was done. The attempt was recorded.';
    case 'own_request':
      return ':no_entry: You asked for this yourself: another admin must approve it. Nothing was done, and the attempt was recorded.';
    case 'store_unreachable':
      return ':warning: The audit database cannot be reached right now, so the request cannot be decided. Nothing was done; try again in a moment.';
    case 'expired':
      return ':hourglass: This request has expired, so nothing was done. The requester can run the command again.';
    case 'decided': {
      const { status, deciderId } = r.request;
      const by = deciderId ? ` by ${mention(deciderId)}` : '';
      return `:information_source: This request was already ${status}${by}; nothing more was done.`;
    }
  }
}

/**
 * Reads a clicked request and says whether `clickerId` may decide it now: it must exist, be pending and unexpired,
 * and (to approve) be someone else's; a requester may withdraw their own by denying it. An expired one is marked so
 * on the way (once, among every replica).
 */
export async function decidable(
  id: string,
  clickerId: string,
  how: 'approve' | 'deny',
  deps: ListenerDeps,
  slack: SlackSurface,
  logger: Logger,
): Promise<{ ok: true; request: ApprovalRequest } | { ok: false; refused: Refused; request?: ApprovalRequest }> {
  let request: ApprovalRequest | undefined;
  try {
    request = await deps.store.getApproval(id);
  } catch {
    return { ok: false, refused: { code: 'store_unreachable' } };
  }
  if (!request) return { ok: false, refused: { code: 'unknown_request' } };
  // An API client is never a Slack user, so it can never click: a human admin approves what it asks for.
  if (how === 'approve' && request.requesterId === clickerId) {
    return { ok: false, refused: { code: 'own_request' }, request };
  }
  if (request.status !== 'pending') return { ok: false, refused: { code: 'decided', request }, request };
  if (Date.parse(request.expiresAt) <= Date.now()) {
    try {
      await expire(request, deps, slack, logger);
    } catch {
      return { ok: false, refused: { code: 'store_unreachable' }, request };
    }
    return { ok: false, refused: { code: 'expired', request }, request };
  }
  return { ok: true, request };
}

/** Records a click that decided nothing: who tried what, on which request (a made-up id is kept as "other"). */
export async function recordRefusedClick(
  clickerId: string,
  refused: Refused,
  id: string,
  deps: ListenerDeps,
  request?: ApprovalRequest,
): Promise<void> {
  // A click on a request already decided or expired is a stale button, not an attempt to get round anything.
  if (refused.code === 'decided' || refused.code === 'expired' || refused.code === 'store_unreachable') return;
  const action = request?.order.action ?? 'other';
  const requestId = request ? id : randomUUID();
  await deps.audit.record(noActionRecord({ requestId, invokerId: clickerId }, 'refused', action));
}

/**
 * Marks a pending request expired (once among every replica), updates its message, tells the requester (a person,
 * by DM) and fails the workflow step it came from, if it did.
 */
export async function expire(
  request: ApprovalRequest,
  deps: ListenerDeps,
  slack: SlackSurface,
  logger: Logger,
  now = new Date(),
): Promise<void> {
  const expired = await deps.store.decideApproval(request.id, { status: 'expired', at: now });
  if (!expired) return;
  const found = askedOf(expired, deps);
  const status = expiredStatus(expired.expiresAt);
  if (found && expired.channel && expired.messageTs) {
    await slack.updateMessage(expired.channel, expired.messageTs, approvalDecidedMessage(found.asked, status));
  }
  const requester = personOf(expired.requesterId);
  if (requester) await slack.postMessage({ channel: requester, text: `Your approval request expired. ${status}` });
  await originVoice(expired.order.origin, slack, logger).notRun(
    `No second admin decided the approval request before it expired (${expired.expiresAt}), so nothing was done.`,
  );
  await deps.audit.record(
    beforeCalls(
      whoAsked(expired),
      'expired',
      expired.order.action,
      found?.prepared.targets ?? [],
      found?.prepared.details,
      expired.order.reason,
    ),
  );
}

/**
 * Denies a pending request (once), updates its message, tells the requester (a person, by DM; a workflow step, by
 * failing it with the reason), records it with both names. A requester denying their own request withdraws it:
 * recorded as cancelled, with no approver.
 */
export async function deny(
  request: ApprovalRequest,
  deciderId: string,
  reason: string | undefined,
  deps: ListenerDeps,
  slack: SlackSurface,
  logger: Logger,
): Promise<ApprovalRequest | undefined> {
  const denied = await deps.store.decideApproval(request.id, { status: 'denied', deciderId, reason, at: new Date() });
  if (!denied) return undefined;
  const found = askedOf(denied, deps);
  const withdrawn = deciderId === denied.requesterId;
  const status = withdrawn ? withdrawnStatus(deciderId) : deniedStatus(deciderId, reason);
  if (found && denied.channel && denied.messageTs) {
    await slack.updateMessage(denied.channel, denied.messageTs, approvalDecidedMessage(found.asked, status));
  }
  const requester = personOf(denied.requesterId);
  if (!withdrawn && requester) {
    const told = await slack.postMessage({ channel: requester, text: `Your approval request was denied. ${status}` });
    if (!told.ok) logger.warn(`approval ${denied.id}: the requester was not told of the denial (${told.code})`);
  }
  await originVoice(denied.order.origin, slack, logger).notRun(
    withdrawn
      ? 'The requester withdrew the approval request, so nothing was done.'
      : `A second admin (${deciderId}) denied the request${reason ? `: ${reason}` : ''}. Nothing was done.`,
  );
  const who = withdrawn ? whoAsked(denied) : { ...whoAsked(denied), approverId: deciderId, denyReason: reason };
  await deps.audit.record(
    beforeCalls(
      who,
      withdrawn ? 'cancelled' : 'denied',
      denied.order.action,
      found?.prepared.targets ?? [],
      found?.prepared.details,
      denied.order.reason,
    ),
  );
  return denied;
}
