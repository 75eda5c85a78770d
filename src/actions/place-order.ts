import type { Logger } from '@slack/bolt';
import { type ApprovalWhy, approvalNeeded, type Order } from '../domain/approval';
import type { SlackSurface } from '../ports/slack-surface';
import type { ActionWords } from '../views/action-words';
import type { Action, Prepared } from './action';
import { requestApproval } from './approval/request';
import type { Desk } from './desk';
import type { ListenerDeps } from './shared/deps';
import { runOrder } from './shared/run-order';
import { claimPlan } from './shared/submitted-plan';

/** An order ready to place: its action's words, what it runs, and why it needs a second admin (if it does). */
export interface Ready {
  order: Order;
  words: ActionWords;
  prepared: Prepared;
  why?: ApprovalWhy;
}

/**
 * An order as its action runs it, and whether it needs a second admin: APPROVAL_REQUIRED, read from the facts the app
 * looked up (the plan's people, who of them is privileged), never from what a payload says; and always for a step.
 */
export function readyOrder(order: Order, deps: ListenerDeps): Ready {
  const action = actionNamed(deps, order.action);
  const prepared = action.prepare(order, deps);
  if (!prepared) throw new Error(`a ${order.action} order did not decode a second time`);
  const people = new Set(prepared.targets.map((t) => t.userId)).size;
  const policy = approvalNeeded(deps.config.approval, people, order.plan.privileged?.length ?? 0);
  // A step's inputs are the workflow's, and whoever built it may not be an admin: the admin who used it may never have
  // seen whom it names. So a second admin, shown exactly that, decides, whatever APPROVAL_REQUIRED says.
  const why = policy ?? (order.origin?.kind === 'workflow' ? 'workflow' : undefined);
  return { order, words: action.words, prepared, ...(why ? { why } : {}) };
}

/** The action that runs orders named `name`; the registry holds every action, so this only fails on a bug. */
function actionNamed(deps: ListenerDeps, name: string): Action {
  const action = deps.actions.named(name);
  if (!action) throw new Error(`no action is named ${name}`);
  return action;
}

/**
 * Placing an order, wherever it comes from: when the policy asks for a second admin (and the requester did not
 * break the glass), the order is kept and posted for approval; otherwise it is claimed so it runs once among every
 * replica, and it runs (runOrder), speaking at the desk it was placed at.
 */
export async function placeOrder(
  placed: {
    ready: Ready;
    /** The requester ran it at once although the policy asks for approval ("Emergency: run now"). */
    breakGlass?: boolean;
    /** Checks that need the run-once check first (a modal's cooldown): field errors, or undefined to go ahead. */
    precheck?: () => Promise<Record<string, string> | undefined>;
  },
  desk: Desk,
  at: { slack: SlackSurface; logger: Logger },
  deps: ListenerDeps,
): Promise<void> {
  const { ready, precheck } = placed;
  const { order, prepared, why } = ready;
  const breakGlass = why !== undefined && placed.breakGlass === true;
  if (why && !breakGlass) return requestApproval({ ...ready, why }, desk, at, deps, precheck);

  const answer = await claimPlan(deps, order.plan.requestId, at.logger, precheck);
  if ('already' in answer) return desk.already();
  if ('fix' in answer) return desk.fix(answer.fix);
  const venue = await desk.running(prepared.targets.length);
  const by = { ...order.plan, breakGlass };
  await runOrder({ order, prepared, by, claim: answer.claimed, venue, ...at }, deps);
}
