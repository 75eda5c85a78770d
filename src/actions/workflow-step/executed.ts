import type { AllMiddlewareArgs, Logger, SlackEventMiddlewareArgs } from '@slack/bolt';
import { type Origin, requestIdFrom } from '../../domain/origin';
import { mostPeople } from '../../domain/plan';
import type { SlackSurface } from '../../ports/slack-surface';
import { askedFor } from '../../views/approval-view';
import { resultText } from '../../views/result-view';
import { type Desk, whenPlaced } from '../desk';
import { originVoice } from '../origin';
import { placeOrder, type Ready, readyOrder } from '../place-order';
import type { ListenerDeps } from '../shared/deps';
import { fromStore } from '../shared/store-read';
import { requesterOf } from './ids';
import type { Step } from './steps';

type StepArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs<'function_executed'>;

const OFF = (step: string) =>
  `This app's operator has not turned the step ${step} on (WORKFLOW_STEPS), so nothing was done.`;
const BUSY = 'The app is busy with many requests right now, so nothing was done. Run the workflow again in a moment.';
const NOT_KEPT =
  'The approval request could not be kept: the audit database cannot be reached. Nothing was done and nobody was asked.';

/** A step's run as every record of its order names it. */
export const stepOrigin = (run: {
  callbackId: string;
  functionExecutionId: string;
  workflowExecutionId?: string;
}): Extract<Origin, { kind: 'workflow' }> => ({
  kind: 'workflow',
  step: run.callbackId,
  functionExecutionId: run.functionExecutionId,
  ...(run.workflowExecutionId ? { workflowExecutionId: run.workflowExecutionId } : {}),
});

/** One run of a step asks for one order, whichever delivery of it and whichever replica: its request ID. */
export const stepRequestId = (functionExecutionId: string): string => requestIdFrom(`workflow:${functionExecutionId}`);

/**
 * A Workflow Builder step started (`function_executed`): acknowledged at once (Slack's 3 seconds), then, once the gate
 * has found its requester on the allowlist, the inputs read, the people looked up and the order placed as a Submit
 * would place it (approval, run once, records), the step being its desk: completed with the result, or failed with
 * why. Admin calls use the app's admin token; the step is answered through the bot token (the app keeps no
 * workflow token, see app.ts). Slack may deliver the event again: one run of the step is one order.
 */
export function stepExecuted(step: Step, deps: ListenerDeps) {
  return async ({ ack, event, client, logger }: StepArgs) => {
    await ack();
    const slack = deps.slack(client, logger);
    const origin = stepOrigin({
      callbackId: step.id,
      functionExecutionId: event.function_execution_id,
      workflowExecutionId: event.workflow_execution_id,
    });
    const voice = originVoice(origin, slack, logger);
    if (!deps.config.workflowSteps.has(step.id)) return voice.notRun(OFF(step.id));
    const inputs = (event.inputs ?? {}) as Record<string, unknown>;
    const read = step.read(inputs, mostPeople(deps.planRules));
    if (!read.ok) return voice.notRun(`${read.error} Nothing was done.`);

    const requestId = stepRequestId(origin.functionExecutionId);
    // One delivery of a run is taken up, here and among every replica, before anything is looked up: Slack may deliver
    // it again while the first is still looking up thousands of people. (Unreadable store: the order's own claim
    // still runs it once.)
    const release = deps.inflight.claim(`step:${requestId}`);
    if (!release || !(await firstDelivery(deps, requestId, logger))) {
      release?.();
      logger.info(`workflow step ${origin.functionExecutionId} was delivered again; its order is already placed`);
      return;
    }
    const leave = deps.admission.enter();
    try {
      if (!leave) return await voice.notRun(BUSY);
      // The gate let only an allowlisted requester through: the id it read is the one recorded.
      const requester = requesterOf(inputs) ?? '';
      const by = { invokerId: requester, requestId, origin };
      const made = await read.value.order(by, { slack, logger }, deps);
      if (!made.ok) return await voice.notRun(made.why);
      const ready = readyOrder(made.order, deps);
      const desk = whenPlaced(stepDesk(ready, requester, slack, logger, deps), leave);
      await placeOrder({ ready }, desk, { slack, logger }, deps);
    } catch (error) {
      // A step must never be left waiting on an error: it fails, saying so (Slack refuses a second answer to one
      // that was completed before the error, which is logged and harmless).
      logger.error(`workflow step ${origin.functionExecutionId} failed: ${String(error)}`);
      await voice.notRun('The app hit an unexpected error; what was done, if anything, is in its audit records.');
    } finally {
      leave?.();
      release();
    }
  };
}

/** Whether this is the first delivery of a step's run to take it up, among every replica; unknown store: yes. */
async function firstDelivery(deps: ListenerDeps, requestId: string, logger: Logger): Promise<boolean> {
  const read = await fromStore(logger, 'taking up a workflow step once', () => deps.store.claim(`step:${requestId}`));
  return !read.ok || read.value;
}

/**
 * The step as a desk: it stays running while the order waits for approval (its requester is told where), fails when
 * the order cannot be placed, and completes with the result as its outputs once it ran; its requester gets the
 * result and what follows it by DM, as an approved request's requester does.
 */
function stepDesk(ready: Ready, requester: string, slack: SlackSurface, logger: Logger, deps: ListenerDeps): Desk {
  const { order, words } = ready;
  const voice = originVoice(order.origin, slack, logger);
  const tell = async (text: string) => {
    const sent = await slack.postMessage({ channel: requester, text });
    if (!sent.ok) logger.warn(`workflow step: its requester was not told (${sent.code})`);
  };
  return {
    already: async () => logger.info(`request ${order.plan.requestId} was placed before; nothing more was done`),
    fix: (errors) => voice.notRun(Object.values(errors).join(' ')),
    notKept: () => voice.notRun(NOT_KEPT),
    waiting: (asked) =>
      tell(
        `:hourglass_flowing_sand: Your workflow asked for ${askedFor(asked)}. It waits for a second admin in <#${deps.config.approval.channelId ?? ''}>; the workflow goes on once it is decided.`,
      ),
    running: async () => ({
      progress: async () => undefined,
      report: async (report) => {
        await Promise.all([voice.ran(report, order.plan.requestId, words), tell(resultText(report, words))]);
      },
      note: tell,
    }),
  };
}
