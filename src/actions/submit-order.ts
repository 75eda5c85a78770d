import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { Order } from '../domain/approval';
import type { SlackSurface } from '../ports/slack-surface';
import { waitingView } from '../views/approval-view';
import { noticeView } from '../views/blocks';
import { CHECKED, INPUT } from '../views/ids';
import { progressView } from '../views/result-view';
import type { Desk } from './desk';
import { placeOrder, type Ready, readyOrder } from './place-order';
import type { ListenerDeps } from './shared/deps';
import { modalVenue } from './shared/modal-venue';
import { stateValue } from './shared/submitted-plan';

type SubmitArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs;

const ALREADY =
  'This confirmation was already submitted or cancelled, so nothing was done. Run the command again for a new one.';
const NOT_KEPT =
  'The approval request could not be kept: the audit database cannot be reached. Nothing was done and nobody was asked. Try again in a moment.';

/** Whether one of the shared checkboxes (INPUT.notify, INPUT.breakGlass) was ticked. */
export const ticked = (view: SubmitArgs['view'], input: { block: string; action: string }, value: string) =>
  (stateValue(view, input)?.selected_options ?? []).some((o) => o.value === value);

/**
 * A confirmation's Submit: the order placed (placeOrder) with the modal as its desk. The requester may break the
 * glass (APPROVAL_BREAK_GLASS) with a reason, for the record; otherwise the policy decides between approval and a
 * run now, which speaks in the modal and through the command's response_url.
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
  const ready = readyOrder(order, deps);
  const breakGlass =
    ready.why !== undefined && deps.config.approval.breakGlass && ticked(view, INPUT.breakGlass, CHECKED.breakGlass);
  if (breakGlass && !order.reason) {
    await ack({
      response_action: 'errors',
      errors: { [INPUT.reason.block]: 'An emergency run without approval needs a reason, for the record.' },
    });
    return;
  }
  const slack = deps.slack(client, logger);
  await placeOrder({ ready, breakGlass, precheck }, modalDesk(args, deps, ready, slack), { slack, logger }, deps);
}

/** The modal as a desk: the ack says what happened (already, fix, waiting, not kept), then a run's progress. */
function modalDesk(args: SubmitArgs, deps: ListenerDeps, ready: Ready, slack: SlackSurface): Desk {
  const { ack, view, logger } = args;
  const { words, order } = ready;
  return {
    already: () => ack({ response_action: 'update', view: noticeView('Already done', ALREADY) }),
    fix: (errors) => ack({ response_action: 'errors', errors }),
    notKept: () => ack({ response_action: 'update', view: noticeView('Not done', NOT_KEPT) }),
    waiting: (asked) =>
      ack({ response_action: 'update', view: waitingView(asked, deps.config.approval.channelId ?? '') }),
    async running(total) {
      await ack({ response_action: 'update', view: progressView(words, total) });
      return modalVenue({ slack, logger, viewId: view.id, plan: order.plan, words, total });
    },
  };
}
