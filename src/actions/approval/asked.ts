import type { ApprovalRequest } from '../../domain/approval';
import type { Asked } from '../../views/approval-view';
import type { Prepared } from '../action';
import type { ListenerDeps } from '../shared/deps';
import { actionNamed } from '../shared/run-submission';

/** A stored request with what its order runs, prepared again from the order: undefined if it no longer decodes. */
export function askedOf(
  request: ApprovalRequest,
  deps: ListenerDeps,
): { asked: Asked; prepared: Prepared } | undefined {
  const action = actionNamed(deps, request.order.action);
  const prepared = action.prepare(request.order, deps);
  if (!prepared) return undefined;
  return { asked: { request, words: action.words, targets: prepared.targets, scope: prepared.scope }, prepared };
}
