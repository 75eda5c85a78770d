import type { ApprovalRequest } from '../../domain/approval';
import type { Asked } from '../../views/approval-view';
import type { Prepared } from '../action';
import type { ListenerDeps } from '../shared/deps';

/** A stored request with what its order runs, prepared again from the order: undefined if it no longer decodes. */
export function askedOf(
  request: ApprovalRequest,
  deps: ListenerDeps,
): { asked: Asked; prepared: Prepared } | undefined {
  // An order kept before a change of configuration or of the app may no longer be one this app can run.
  const action = deps.actions.named(request.order.action);
  const prepared = action?.prepare(request.order, deps);
  if (!action || !prepared) return undefined;
  return { asked: { request, words: action.words, targets: prepared.targets, details: prepared.details }, prepared };
}

/** Who a request's records name: its requester, and where it was asked for when not in a modal. */
export const whoAsked = (request: ApprovalRequest) => ({
  requestId: request.id,
  invokerId: request.requesterId,
  ...(request.order.origin ? { origin: request.order.origin } : {}),
});
