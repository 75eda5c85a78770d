import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { approvalNeeded, type Order } from '../domain/approval';
import { CHECKED, INPUT } from '../views/ids';
import { progressView } from '../views/result-view';
import type { Action } from './action';
import { requestApproval } from './approval/request';
import type { ListenerDeps } from './shared/deps';
import { modalVenue } from './shared/modal-venue';
import { runOrder } from './shared/run-order';
import { claimPlan, stateValue } from './shared/submitted-plan';

type SubmitArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs;

/** Whether one of the shared checkboxes (INPUT.notify, INPUT.breakGlass) was ticked. */
export const ticked = (view: SubmitArgs['view'], input: { block: string; action: string }, value: string) =>
  (stateValue(view, input)?.selected_options ?? []).some((o) => o.value === value);

/** The action that runs orders named `name`; the registry holds every action, so this only fails on a bug. */
function actionNamed(deps: ListenerDeps, name: string): Action {
  const action = deps.actions.named(name);
  if (!action) throw new Error(`no action is named ${name}`);
  return action;
}

/**
 * What every confirmed action does on Submit: when APPROVAL_REQUIRED asks for a second admin (and the requester did
 * not break the glass), the order is stored and posted for approval; otherwise the plan is claimed so it runs once,
 * and the order runs (runOrder), speaking in the modal and through the command's response_url.
 */
export async function submitOrder(
  args: SubmitArgs,
  deps: ListenerDeps,
  order: Order,
  /**
   * Checks that need the plan's run-once check first (the cooldown: a plan's own earlier run must read as "already
   * done", not as someone else's reset). Field errors to answer with, or undefined to go ahead.
   */
  precheck?: () => Promise<Record<string, string> | undefined>,
): Promise<void> {
  const { ack, view, client, logger } = args;
  const { plan } = order;
  const action = actionNamed(deps, order.action);
  const prepared = action.prepare(order, deps);
  if (!prepared) throw new Error(`a submitted ${order.action} plan did not decode a second time`);

  const people = new Set(prepared.targets.map((t) => t.userId)).size;
  const why = approvalNeeded(deps.config.approval, people, plan.privileged?.length ?? 0);
  const breakGlass =
    why !== undefined && deps.config.approval.breakGlass && ticked(view, INPUT.breakGlass, CHECKED.breakGlass);
  if (breakGlass && !order.reason) {
    await ack({
      response_action: 'errors',
      errors: { [INPUT.reason.block]: 'An emergency run without approval needs a reason, for the record.' },
    });
    return;
  }
  if (why && !breakGlass) return requestApproval(args, deps, { order, why, prepared, words: action.words }, precheck);

  const claim = await claimPlan(args, plan, deps, precheck);
  if (!claim) return;
  const total = prepared.targets.length;
  const { words } = action;
  await ack({ response_action: 'update', view: progressView(words, total) });
  const slack = deps.slack(client, logger);
  const venue = modalVenue({ slack, logger, viewId: view.id, plan, words, total });
  await runOrder({ order, prepared, by: { ...plan, breakGlass }, claim, venue, slack, logger }, deps);
}
