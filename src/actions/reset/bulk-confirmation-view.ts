import type { KnownBlock, ModalView } from '@slack/types';
import type { ExpandedGroup } from '../../domain/expand-groups';
import { planRef } from '../../domain/plan';
import type { Review } from '../../domain/review-targets';
import { truncate } from '../../domain/text';
import { context, divider, modal, plain, section } from '../../views/blocks';
import { scopeLabel } from '../../views/labels';
import { escapeMrkdwn, mention } from '../../views/mrkdwn';
import { groupName, refusalText } from '../../views/review-text';
import { type SubmitInputs, submitInputs } from '../../views/submit-inputs';
import { shortenInput } from './confirmation-view';
import { RESET_CALLBACK, RESET_INPUT } from './ids';
import type { BulkResetPlan } from './plan';

/** Named in full up to this many; the rest are counted (Block Kit's 3,000 characters per section). */
const NAMED = 30;
const REFUSALS_SHOWN = 10;

export interface BulkConfirmation {
  plan: BulkResetPlan;
  review: Review;
  groups: readonly ExpandedGroup[];
  /** People left out because they were signed out within the cooldown. */
  recentlyReset: number;
  cooldownMinutes: number;
  inputs: SubmitInputs;
}

/**
 * The bulk confirmation: how many, who (the first few by name), who is left out and why, that Slack only queues
 * the job, and a typed head count: a deliberate pause before a large blast.
 */
export function bulkConfirmationView(c: BulkConfirmation): ModalView {
  const { plan, review, groups } = c;
  const n = plan.userIds.length;
  const ready = review.ready;
  const named = ready
    .slice(0, NAMED)
    .map((r) => `${escapeMrkdwn(truncate(r.person.realName, 40))} ${mention(r.person.id)}`);
  if (ready.length > NAMED) named.push(`and ${ready.length - NAMED} more`);
  const privileged = ready.filter((r) => r.warnings.includes('privileged')).length;
  const self = ready.some((r) => r.warnings.includes('self'));
  const warnings = [
    ...(privileged > 0
      ? [`:warning: ${privileged} of them ${privileged === 1 ? 'is an admin or owner' : 'are admins or owners'}.`]
      : []),
    ...(self ? [':warning: *You are among them*: you will be signed out too.'] : []),
  ];
  const blocks: KnownBlock[] = [
    section(
      `*Sign out ${n} people from ${scopeLabel(plan.scope)}, in bulk?*\nSlack queues the job (\`admin.users.session.resetBulk\`): the result says *queued*, not done, and Slack signs them out shortly after.`,
    ),
  ];
  if (groups.length > 0) {
    const list = groups.map((g) => `${groupName(g)} (${g.members} members)`).join(', ');
    blocks.push(context(`:busts_in_silhouette: Includes every member of ${list}, each checked like anyone named.`));
  }
  blocks.push(divider, section(named.join(', ')));
  if (warnings.length > 0) blocks.push(section(warnings.join('\n')));
  const left = review.refused.length + c.recentlyReset;
  if (left > 0) {
    const lines = review.refused.slice(0, REFUSALS_SHOWN).map(refusalText);
    if (review.refused.length > REFUSALS_SHOWN) lines.push(`and ${review.refused.length - REFUSALS_SHOWN} more`);
    if (c.recentlyReset > 0) {
      lines.push(
        `${c.recentlyReset} signed out within the last ${c.cooldownMinutes} minutes: left out of this bulk reset.`,
      );
    }
    blocks.push(section([`:no_entry: *Not signed out (${left}):*`, ...lines].join('\n• ')));
  }
  blocks.push(divider, {
    type: 'input',
    block_id: RESET_INPUT.count.block,
    label: plain(`Type ${n} to confirm`),
    hint: plain('The number of people to sign out: a pause before a large sign-out.'),
    element: { type: 'plain_text_input', action_id: RESET_INPUT.count.action, max_length: 6 },
  });
  blocks.push(shortenInput(), ...submitInputs(c.inputs));
  return modal({
    title: 'Reset sessions',
    callbackId: RESET_CALLBACK.bulk,
    submit: `Sign out ${n} people`,
    close: 'Cancel',
    privateMetadata: planRef(plan),
    notifyOnClose: true,
    blocks,
  });
}
