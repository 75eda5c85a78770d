import type { KnownBlock, ModalView } from '@slack/types';
import type { ApprovalRequest, ApprovalWhy } from '../domain/approval';
import type { ActionDetails, PlannedTarget } from '../domain/audit-record';
import type { ActionWords } from './action-words';
import { slackDate } from './audit-text';
import { context, divider, modal, plain, section } from './blocks';
import { APPROVAL } from './ids';
import { escapeMrkdwn, mention, originLine, requesterName } from './mrkdwn';
import { reasonLine } from './reason-text';

/** Targets listed by name in a request; the rest are counted (Block Kit's 3,000 characters per section). */
const MAX_LISTED = 40;

const WHY: Record<ApprovalWhy, string> = {
  privileged: 'a target is an admin or owner',
  bulk: 'it names many people',
  always: 'everything the app does needs a second admin here',
  workflow: 'a Workflow Builder step asked for it, with the people its workflow names',
};

/** What is asked, in the same words for the request, its updates, the requester's modal and DM. */
export interface Asked {
  request: ApprovalRequest;
  words: ActionWords;
  targets: readonly PlannedTarget[];
  details?: ActionDetails;
}

const count = (n: number, words: ActionWords) => `${n} ${n === 1 ? words.one : words.many}`;

/** "signing out 3 people (all sessions)": what an order does, in the words of its action and its details. */
export function askedFor({ words, targets, details }: Omit<Asked, 'request'>): string {
  const what = `${words.doing.toLowerCase()} ${count(targets.length, words)}`;
  const described = details && words.describe?.(details);
  return described ? `${what} (${described})` : what;
}

function askedBlocks(asked: Asked): KnownBlock[] {
  const { request, words, targets, details } = asked;
  const listed = targets.slice(0, MAX_LISTED).map((t) => `• ${words.line(t, details).subject}`);
  if (targets.length > MAX_LISTED) listed.push(`…and ${targets.length - MAX_LISTED} more`);
  return [
    section(`:raised_hand: ${requesterName(request.requesterId)} asks for approval: *${askedFor(asked)}*.`),
    section(listed.join('\n')),
    section(reasonLine(request.order.reason)),
    ...(request.order.origin ? [context(originLine(request.order.origin))] : []),
    context(
      `Needs a second admin because ${WHY[request.why]}. Requested ${slackDate(request.createdAt)}, expires ${slackDate(request.expiresAt)}. Request \`${escapeMrkdwn(request.id)}\``,
    ),
  ];
}

/** The request as posted in the approval channel: what, whom, why, until when, and the two buttons. */
export function approvalRequestMessage(asked: Asked): { text: string; blocks: KnownBlock[] } {
  const { request, words, targets } = asked;
  const n = count(targets.length, words);
  return {
    text: `Approval requested by ${requesterName(request.requesterId)}: ${askedFor(asked)}`,
    blocks: [
      ...askedBlocks(asked),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: APPROVAL.approve,
            text: plain('Approve'),
            style: 'primary',
            value: request.id,
            confirm: {
              title: plain('Approve?'),
              text: plain(`This runs now: ${askedFor(asked)}. It cannot be undone.`),
              confirm: plain(`Approve: ${n}`, 30),
              deny: plain('Not yet'),
            },
          },
          { type: 'button', action_id: APPROVAL.deny, text: plain('Deny'), style: 'danger', value: request.id },
        ],
      },
    ],
  };
}

/** The request once decided: the same facts, no buttons, and what became of it. */
export function approvalDecidedMessage(asked: Asked, status: string): { text: string; blocks: KnownBlock[] } {
  return {
    text: `${status} (${askedFor(asked)}, requested by ${requesterName(asked.request.requesterId)})`,
    blocks: [...askedBlocks(asked), divider, section(status)],
  };
}

export const approvedStatus = (approverId: string) =>
  `:ok_hand: *Approved by ${mention(approverId)}*: running now. The result follows in this thread.`;
export const deniedStatus = (deciderId: string, reason?: string) =>
  `:no_entry_sign: *Denied by ${mention(deciderId)}*. ${reason ? `Reason: ${escapeMrkdwn(reason)}` : 'No reason given.'} Nothing was done.`;
export const withdrawnStatus = (requesterId: string) =>
  `:leftwards_arrow_with_hook: *Withdrawn by ${mention(requesterId)}*, who asked for it. Nothing was done.`;
export const expiredStatus = (expiresAt: string) =>
  `:hourglass: *Expired* ${slackDate(expiresAt)} without a decision. Nothing was done; run the command again if it is still needed.`;

/** The requester's modal after Submit: nothing has happened yet, and where the request waits. */
export function waitingView(asked: Asked, channelId: string): ModalView {
  return modal({
    title: asked.words.title,
    close: 'Done',
    blocks: [
      section(
        `:hourglass_flowing_sand: *Waiting for a second admin.* Nothing has been done yet. The request for ${askedFor(asked)} is in <#${channelId}>; you will get the result by DM once another admin approves it.`,
      ),
      context(`It expires ${slackDate(asked.request.expiresAt)}. Request \`${escapeMrkdwn(asked.request.id)}\``),
    ],
  });
}

/** Deny asks for an optional reason first; the request id travels in private_metadata. */
export function denyReasonView(requestId: string): ModalView {
  return modal({
    title: 'Deny the request',
    callbackId: APPROVAL.denyModal,
    submit: 'Deny',
    close: 'Back',
    privateMetadata: requestId,
    blocks: [
      section('Nothing will be done. The requester is told, with your reason if you give one.'),
      {
        type: 'input',
        block_id: APPROVAL.denyReason.block,
        optional: true,
        label: plain('Reason'),
        element: { type: 'plain_text_input', action_id: APPROVAL.denyReason.action, multiline: true, max_length: 500 },
      },
    ],
  });
}
