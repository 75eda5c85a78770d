import type { Logger } from '@slack/bolt';
import type { ApprovalRequest } from '../../domain/approval';
import { personOf } from '../../domain/origin';
import type { SlackSurface } from '../../ports/slack-surface';
import { approvalDecidedMessage, approvedStatus, askedFor } from '../../views/approval-view';
import { mention } from '../../views/mrkdwn';
import { progressText, reportSummary, resultText } from '../../views/result-view';
import { originVoice } from '../origin';
import type { ListenerDeps } from '../shared/deps';
import { runOrder, type Venue } from '../shared/run-order';
import { claimOnce } from '../shared/submitted-plan';
import { askedOf } from './asked';

/**
 * Runs an approved request's order exactly as stored, claimed once across replicas like any Submit (runOrder),
 * speaking in the request's message and thread, to the requester by DM (their response_url may have expired) and,
 * for a workflow step, by completing it. Its records name both admins.
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
  const origin = originVoice(order.origin, slack, logger);
  const thread = request.channel && request.messageTs ? { channel: request.channel, ts: request.messageTs } : undefined;
  const say = async (text: string) => {
    if (thread) await slack.postMessage({ channel: thread.channel, threadTs: thread.ts, text });
  };
  const found = askedOf(request, deps);
  if (!found) {
    logger.error(`approval ${request.id}: its stored order no longer decodes; nothing was run`);
    await say(':x: The stored request could not be read back, so nothing was run. Run the command again.');
    await origin.notRun('The approved request could not be read back by this version of the app, so nothing was run.');
    return;
  }
  const { asked, prepared } = found;
  // As on Submit: an unreachable store must not stop an approved run, and the record says what that cost.
  const claim = await claimOnce(deps, request.id, logger);
  if (!claim) {
    await say(':information_source: This request already ran; nothing more was done.');
    return;
  }
  const requester = personOf(request.requesterId);
  // An API client is told nothing here: it reads the result with GET.
  const toRequester = async (text: string) => {
    if (requester) await slack.postMessage({ channel: requester, text });
  };
  const total = prepared.targets.length;
  // Progress shows in the request's message, which everyone watching the approval channel sees.
  const venue: Venue = {
    progress: async (finished, waiting) => {
      if (!thread) return;
      const status = `${approvedStatus(approverId)}\n${progressText(asked.words, total, finished, waiting)}`;
      await slack.updateMessage(thread.channel, thread.ts, approvalDecidedMessage(asked, status), { mayDrop: true });
    },
    async report(report) {
      const text = resultText(report, asked.words);
      const summary = reportSummary(report, asked.words);
      await Promise.all([
        say(text),
        toRequester(`Your request (${askedFor(asked)}) was approved by ${mention(approverId)} and has run:\n${text}`),
        thread
          ? slack.updateMessage(
              thread.channel,
              thread.ts,
              approvalDecidedMessage(asked, `:ok_hand: *Approved by ${mention(approverId)}*. ${summary}`),
            )
          : undefined,
        origin.ran(report, request.id, asked.words),
      ]);
    },
    async note(text) {
      await Promise.all([say(text), toRequester(text)]);
    },
  };
  await runOrder({ order, prepared, by: who, claim, venue, slack, logger }, deps);
}
