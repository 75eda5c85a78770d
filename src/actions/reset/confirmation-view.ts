import type { KnownBlock, ModalView } from '@slack/types';
import type { ExpandedGroup } from '../../domain/expand-groups';
import { planRef } from '../../domain/plan';
import type { Review } from '../../domain/review-targets';
import { truncate } from '../../domain/text';
import type { ResetScope } from '../../domain/types';
import { context, divider, LIMITS, modal, noticeView, plain, section } from '../../views/blocks';

import { minutesAgo, people, roleLabel } from '../../views/labels';
import { escapeMrkdwn, mention } from '../../views/mrkdwn';
import { groupName, nobodyText, refusalText, warningText } from '../../views/review-text';
import { type SubmitInputs, submitInputs } from '../../views/submit-inputs';
import { SHORTEN_TO } from '../session-settings/after-sign-out';
import { durationWords } from '../session-settings/duration';
import { RESET_CALLBACK, RESET_INPUT, SHORTEN } from './ids';
import type { ResetPlan } from './plan';

const SCOPE_LINES: Record<ResetScope, string> = {
  all: 'Every session ends, on every device. They must sign in again everywhere.',
  mobile: 'Only their sessions in Slack’s mobile apps end.',
  web: 'Only their sessions in web browsers end.',
};

export interface ConfirmationOptions {
  /** People reset within the cooldown, and when: they need an explicit "again anyway". */
  recentResets: ReadonlyMap<string, Date>;
  inputs: SubmitInputs;
  /** The user groups named, with how many members each brought. */
  groups?: readonly ExpandedGroup[];
  now: Date;
}

/**
 * "And shorten their sessions to 8 hours for now": the incident's response in one confirmation. Ticked, the people
 * signed out get sessions of Slack's shortest duration straight after (admin.users.session.setSettings).
 */
export function shortenInput(): KnownBlock {
  const option = {
    text: plain(`And shorten their sessions to ${durationWords(SHORTEN_TO)} for now`, LIMITS.optionText),
    value: SHORTEN,
    description: plain('Straight after the sign-out. /session-settings … --clear undoes it.', LIMITS.optionText),
  };
  return {
    type: 'input',
    block_id: RESET_INPUT.shorten.block,
    optional: true,
    label: plain('Then'),
    element: { type: 'checkboxes', action_id: RESET_INPUT.shorten.action, options: [option] },
  };
}

/** A required checkbox: Slack will not submit the modal until the admin ticks it. */
const cooldownInput = (names: string): KnownBlock => ({
  type: 'input',
  block_id: RESET_INPUT.cooldown.block,
  label: plain('Signed out recently'),
  hint: plain(`${names} already signed out within the cooldown.`),
  element: {
    type: 'checkboxes',
    action_id: RESET_INPUT.cooldown.action,
    options: [{ text: plain('Sign them out again anyway'), value: 'again' }],
  },
});

/**
 * The confirmation: exactly who (name, email, role), what scope, with warnings; nothing is done before Submit.
 * `plan.userIds` must be the ready people of `review`, in order, and `plan.skipped` its refused ones.
 */
export function resetConfirmationView(plan: ResetPlan, review: Review, options: ConfirmationOptions): ModalView {
  if (review.ready.length === 0) {
    return noticeView('Reset sessions', nobodyText(review, '\n• '));
  }
  const scope = plan.scope === 'all' ? 'all their sessions' : `their ${plan.scope} sessions`;
  const blocks: KnownBlock[] = [
    section(`*Sign out ${people(review.ready.length)} from ${scope}?*\n${SCOPE_LINES[plan.scope]}`),
  ];
  if (options.groups && options.groups.length > 0) {
    const named = options.groups.map(
      (g) => `${groupName(g)} (${g.members === 1 ? '1 member' : `${g.members} members`})`,
    );
    blocks.push(
      context(`:busts_in_silhouette: Includes every member of ${named.join(', ')}, each checked like anyone named.`),
    );
  }
  blocks.push(divider);
  const again: string[] = [];
  for (const ready of review.ready) {
    const { person } = ready;
    const warnings = ready.warnings.map((w) => warningText(w, ready));
    const facts = [person.email ? escapeMrkdwn(person.email) : 'no email on file', roleLabel(person.role)];
    const name = escapeMrkdwn(truncate(person.realName, 80));
    const lastReset = options.recentResets.get(person.id);
    const repeat = lastReset ? [`:repeat: Already signed out ${minutesAgo(lastReset, options.now)}.`] : [];
    if (lastReset) again.push(truncate(person.realName, 40));
    blocks.push(section([`*${name}* ${mention(person.id)}`, facts.join(' · '), ...warnings, ...repeat].join('\n')));
  }
  if (review.refused.length > 0) {
    blocks.push(divider, section([':no_entry: *Not signed out:*', ...review.refused.map(refusalText)].join('\n• ')));
  }
  blocks.push(divider);
  if (again.length > 0)
    blocks.push(cooldownInput(again.length === 1 ? (again[0] ?? '') : `${again.length} people were`));
  blocks.push(shortenInput(), ...submitInputs(options.inputs));
  return modal({
    title: 'Reset sessions',
    callbackId: RESET_CALLBACK.confirm,
    submit: `Sign out ${people(review.ready.length)}`,
    close: 'Cancel',
    privateMetadata: planRef(plan),
    notifyOnClose: true,
    blocks,
  });
}
