import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { ApprovalRequest, ApprovalWhy, Order } from '../../domain/approval';
import { beforeCalls } from '../../domain/audit-record';
import type { ActionWords } from '../../views/action-words';
import { approvalRequestMessage, askedFor, waitingView } from '../../views/approval-view';
import { noticeView } from '../../views/blocks';
import type { Prepared } from '../action';
import type { ListenerDeps } from '../shared/deps';
import { fromStore } from '../shared/store-read';

const ALREADY =
  'This confirmation was already submitted, cancelled or decided, so nothing was done. Run the command again for a new one.';
const NOT_KEPT =
  'The approval request could not be kept: the audit database cannot be reached. Nothing was done and nobody was asked. Try again in a moment.';

/**
 * Submit when the policy asks for a second admin: the order is stored as it will run (the buttons carry only its
 * id), posted in the approval channel, and recorded; the requester's modal says it is waiting. Nobody is signed out.
 */
export async function requestApproval(
  args: AllMiddlewareArgs & SlackViewMiddlewareArgs,
  deps: ListenerDeps,
  ask: { order: Order; why: ApprovalWhy; prepared: Prepared; words: ActionWords },
  precheck?: () => Promise<Record<string, string> | undefined>,
): Promise<void> {
  const { ack, client, logger } = args;
  const { order, why, prepared, words } = ask;
  const { plan } = order;
  const channelId = deps.config.approval.channelId ?? '';
  // Run-once as for any Submit: a plan already run, cancelled, denied or expired is not asked for again.
  const executed = await fromStore(logger, 'the run-once check of an approval request', () =>
    deps.store.wasExecuted(plan.requestId),
  );
  if (executed.ok && executed.value) {
    await ack({ response_action: 'update', view: noticeView('Already done', ALREADY) });
    return;
  }
  const errors = await precheck?.();
  if (errors) {
    await ack({ response_action: 'errors', errors });
    return;
  }
  const now = new Date();
  const request: ApprovalRequest = {
    id: plan.requestId,
    requesterId: plan.invokerId,
    order,
    why,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.config.approval.ttlMinutes * 60_000).toISOString(),
    status: 'pending',
  };
  const created = await fromStore(logger, 'an approval request (not kept)', () => deps.store.createApproval(request));
  if (!created.ok) {
    // An approval that cannot be kept cannot be decided: refuse rather than post buttons that lead nowhere.
    await ack({ response_action: 'update', view: noticeView('Not done', NOT_KEPT) });
    return;
  }
  if (!created.value) {
    await ack({ response_action: 'update', view: noticeView('Already done', ALREADY) });
    return;
  }
  const asked = { request, words, targets: prepared.targets, details: prepared.details };
  await ack({ response_action: 'update', view: waitingView(asked, channelId) });

  const slack = deps.slack(client, logger);
  const posted = await slack.postMessage({ channel: channelId, ...approvalRequestMessage(asked) });
  if (posted.ok) {
    await deps.store
      .setApprovalMessage(request.id, channelId, posted.ts)
      .catch((error: unknown) => logger.error(`approval ${request.id}: where it was posted was not kept: ${error}`));
  } else if (plan.responseUrl) {
    await slack.postEphemeral(
      plan.responseUrl,
      `:warning: The approval request for ${askedFor(asked)} could not be posted in <#${channelId}> (Slack said \`${posted.code}\`; is the app in that channel?). Nobody can approve it, so nothing will run; it expires on its own.`,
    );
  }
  await deps.audit.record(
    beforeCalls(plan, 'approval_requested', order.action, prepared.targets, prepared.details, order.reason),
  );
}
