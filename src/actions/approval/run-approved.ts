import type { Logger } from '@slack/bolt';
import type { ApprovalRequest } from '../../domain/approval';
import { executedRecord, startedRecord } from '../../domain/audit-record';
import type { Report } from '../../domain/report';
import type { SlackSurface } from '../../ports/slack-surface';
import { approvalDecidedMessage, approvedStatus, askedFor } from '../../views/approval-view';
import { mention } from '../../views/mrkdwn';
import { progressText, reportSummary, resultText } from '../../views/result-view';
import type { ListenerDeps } from '../shared/deps';
import { notifyPeople } from '../shared/notify';
import { progressReporter } from '../shared/progress';
import { afterReport } from '../shared/run-submission';
import { claimInStore } from '../shared/submitted-plan';
import { verifyRun, willVerify } from '../shared/verify';
import { askedOf } from './asked';

/**
 * Runs an approved request's order exactly as stored: claimed once across replicas like any Submit, a "started"
 * record, the admin calls, then the truth in the request's thread, to the requester by DM (their response_url may
 * have expired) and in the audit trail, with both names.
 */
export async function runApproved(
  request: ApprovalRequest,
  approverId: string,
  deps: ListenerDeps,
  slack: SlackSurface,
  logger: Logger,
): Promise<void> {
  const { order } = request;
  const who = { requestId: request.id, invokerId: request.requesterId, approverId };
  const thread = request.channel && request.messageTs ? { channel: request.channel, ts: request.messageTs } : undefined;
  const say = async (text: string) => {
    if (thread) await slack.postMessage({ channel: thread.channel, threadTs: thread.ts, text });
  };
  const found = askedOf(request, deps);
  if (!found) {
    logger.error(`approval ${request.id}: its stored order no longer decodes; nothing was run`);
    await say(':x: The stored request could not be read back, so nothing was run. Run the command again.');
    return;
  }
  const { asked, prepared } = found;
  const release = deps.inflight.claim(request.id);
  // As on Submit: an unreachable store must not stop an approved run, and the record says what that cost.
  const { claimed, unguarded } = release
    ? await claimInStore(deps, request.id, logger)
    : { claimed: false, unguarded: false };
  if (!release || !claimed) {
    release?.();
    await say(':information_source: This request already ran; nothing more was done.');
    return;
  }
  deps.inflight.markRun(request.id);
  try {
    await deps.audit.record(startedRecord(who, order.action, prepared.targets, prepared.scope, order.reason));
    // Progress shows in the request's message, which everyone watching the approval channel sees.
    const total = prepared.targets.length;
    const progress = progressReporter({
      total,
      show: async (finished, waiting) => {
        if (!thread) return;
        const status = `${approvedStatus(approverId)}\n${progressText(asked.words, total, finished, waiting)}`;
        await slack.updateMessage(thread.channel, thread.ts, approvalDecidedMessage(asked, status), { mayDrop: true });
      },
    });
    const report: Report = {
      action: order.action,
      ...(await prepared.run(progress)),
      ...(order.notify ? { notify: true } : {}),
      ...(unguarded ? { unguarded: true } : {}),
    };
    if (willVerify(report, deps)) report.verify = true;
    await progress.close();
    const text = resultText(report, asked.words);
    const summary = reportSummary(report, asked.words);
    await Promise.all([
      say(text),
      slack.postMessage({
        channel: request.requesterId,
        text: `Your request (${askedFor(asked)}) was approved by ${mention(approverId)} and has run:\n${text}`,
      }),
      thread
        ? slack.updateMessage(
            thread.channel,
            thread.ts,
            approvalDecidedMessage(asked, `:ok_hand: *Approved by ${mention(approverId)}*. ${summary}`),
          )
        : undefined,
      deps.audit.record(executedRecord(who, report, report.dryRun === true)),
    ]);
    const toRequester = (text: string) => slack.postMessage({ channel: request.requesterId, text });
    await afterReport(logger, 'telling them by DM', async () => {
      const note = await notifyPeople({ order, report, slack, logger, who: { approverId } }, deps);
      if (note) await Promise.all([say(note), toRequester(note)]);
    });
    await afterReport(logger, 'checking afterwards', async () => {
      const checked = await verifyRun({ order, report, slack, who: { approverId } }, deps);
      if (checked) await Promise.all([say(checked), toRequester(checked)]);
    });
  } finally {
    release();
  }
}
