import type { Logger } from '@slack/bolt';
import type { ApprovalRequest, ApprovalWhy, Order } from '../../domain/approval';
import { beforeCalls } from '../../domain/audit-record';
import type { SlackSurface } from '../../ports/slack-surface';
import type { ActionWords } from '../../views/action-words';
import { approvalRequestMessage, askedFor } from '../../views/approval-view';
import type { Prepared } from '../action';
import type { Desk } from '../desk';
import type { ListenerDeps } from '../shared/deps';
import { fromStore } from '../shared/store-read';
import { whoAsked } from './asked';

/**
 * An order the policy sends to a second admin: stored as it will run (the buttons carry only its id), posted in the
 * approval channel, and recorded; the desk it was placed at hears that it waits. Nobody is signed out.
 */
export async function requestApproval(
  ask: { order: Order; why: ApprovalWhy; prepared: Prepared; words: ActionWords },
  desk: Desk,
  { slack, logger }: { slack: SlackSurface; logger: Logger },
  deps: ListenerDeps,
  precheck?: () => Promise<Record<string, string> | undefined>,
): Promise<void> {
  const { order, why, prepared, words } = ask;
  const { plan } = order;
  const channelId = deps.config.approval.channelId ?? '';
  // Run-once as for any order: one already run, cancelled, denied or expired is not asked for again.
  const executed = await fromStore(logger, 'the run-once check of an approval request', () =>
    deps.store.wasExecuted(plan.requestId),
  );
  if (executed.ok && executed.value) return desk.already();
  const errors = await precheck?.();
  if (errors) return desk.fix(errors);
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
  // An approval that cannot be kept cannot be decided: refuse rather than post buttons that lead nowhere.
  if (!created.ok) return desk.notKept();
  if (!created.value) return desk.already();
  const asked = { request, words, targets: prepared.targets, details: prepared.details };
  await desk.waiting(asked);

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
  } else logger.error(`approval ${request.id}: not posted in ${channelId} (${posted.code}); it expires on its own`);
  await deps.audit.record(
    beforeCalls(
      whoAsked(request),
      'approval_requested',
      order.action,
      prepared.targets,
      prepared.details,
      order.reason,
    ),
  );
}
