import type { AllMiddlewareArgs, Logger, SlackViewMiddlewareArgs } from '@slack/bolt';
import { approvalNeeded, type Order } from '../../domain/approval';
import { startedRecord } from '../../domain/audit-record';
import type { Report } from '../../domain/report';
import { CHECKED, INPUT } from '../../views/ids';
import { progressView } from '../../views/result-view';
import type { Action } from '../action';
import { requestApproval } from '../approval/request';
import type { ListenerDeps } from './deps';
import { notifyPeople } from './notify';
import { progressReporter } from './progress';
import { reportResult } from './report-result';
import { claimPlan, stateValue } from './submitted-plan';
import { verifyRun, willVerify } from './verify';

type SubmitArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs;

/** Whether one of the shared checkboxes (INPUT.notify, INPUT.breakGlass) was ticked. */
export const ticked = (view: SubmitArgs['view'], input: { block: string; action: string }, value: string) =>
  (stateValue(view, input)?.selected_options ?? []).some((o) => o.value === value);

/** The action that runs orders named `name`; the registry holds every action, so this only fails on a bug. */
function actionNamed(deps: ListenerDeps, name: string): Action {
  const action = deps.actions.find((a) => a.audit === name);
  if (!action) throw new Error(`no action is named ${name}`);
  return action;
}

/**
 * What every confirmed action does on Submit. When APPROVAL_REQUIRED asks for a second admin (and the requester did
 * not break the glass), the order is stored and posted for approval instead. Otherwise, in this order: claim the
 * plan so it runs once, show progress in the modal, write the "started" record, make the admin calls, report the
 * truth (modal, message, record), then tell the people signed out and check what is left, when asked to.
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
  deps.inflight.markRun(plan.requestId);
  try {
    const total = prepared.targets.length;
    const { words } = action;
    await ack({ response_action: 'update', view: progressView(words, total) });
    await deps.audit.record(
      startedRecord({ ...plan, breakGlass }, order.action, prepared.targets, prepared.scope, order.reason),
    );
    const slack = deps.slack(client, logger);
    const progress = progressReporter({
      total,
      show: (finished, waiting) =>
        slack.updateModal(view.id, progressView(words, total, finished, waiting), { mayDrop: true }),
    });
    const report: Report = {
      action: order.action,
      ...(await prepared.run(progress)),
      ...(claim.unguarded ? { unguarded: true } : {}),
      ...(order.notify ? { notify: true } : {}),
    };
    if (willVerify(report, deps)) report.verify = true;
    await progress.close();
    await reportResult({ slack, logger, viewId: view.id, plan, words, breakGlass }, report, deps);
    await afterReport(logger, 'telling them by DM', async () => {
      const note = await notifyPeople({ order, report, slack, logger, who: { breakGlass } }, deps);
      if (note && plan.responseUrl) await slack.postEphemeral(plan.responseUrl, note);
    });
    await afterReport(logger, 'checking afterwards', async () => {
      const checked = await verifyRun({ order, report, slack, who: { breakGlass } }, deps);
      if (checked && plan.responseUrl) await slack.postEphemeral(plan.responseUrl, checked);
    });
  } finally {
    claim.release();
  }
}

/**
 * What follows a report (DMs, the check afterwards) never turns into "the app hit an unexpected error" after the
 * admin was told the truth: a failure there is logged, and the report stands.
 */
export async function afterReport(logger: Logger, what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.error(`after the report, ${what} failed: ${String(error)}`);
  }
}
