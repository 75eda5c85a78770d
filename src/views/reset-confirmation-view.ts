import type { KnownBlock, ModalView } from '@slack/types';
import { encodePlan, type ResetPlan } from '../sessions/plan';
import type { Review } from '../sessions/review-targets';
import type { ResetScope } from '../sessions/types';
import { divider, modal, noticeView, section } from './blocks';
import { CALLBACK } from './ids';
import { roleLabel } from './labels';
import { escapeMrkdwn, mention, truncate } from './mrkdwn';
import { reasonInput } from './reason-input';

const SCOPE_LINES: Record<ResetScope, string> = {
  all: 'Every session ends, on every device. They must sign in again everywhere.',
  mobile: 'Only their sessions in Slack’s mobile apps end.',
  web: 'Only their sessions in web browsers end.',
};

const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);

/**
 * The confirmation: exactly who (name, email, role), what scope, with warnings; nothing is done before Submit.
 * `plan.userIds` must be the ready people of `review`, in order.
 */
export function resetConfirmationView(plan: ResetPlan, review: Review): ModalView {
  if (review.ready.length === 0) {
    return noticeView(
      'Reset sessions',
      ['*Nobody can be signed out.* Nothing was changed.', ...review.refused].join('\n• '),
    );
  }
  const scope = plan.scope === 'all' ? 'all their sessions' : `their ${plan.scope} sessions`;
  const blocks: KnownBlock[] = [
    section(`*Sign out ${people(review.ready.length)} from ${scope}?*\n${SCOPE_LINES[plan.scope]}`),
    divider,
  ];
  for (const { person, warnings } of review.ready) {
    const facts = [person.email ? escapeMrkdwn(person.email) : 'no email on file', roleLabel(person.role)];
    blocks.push(
      section(
        [`*${escapeMrkdwn(truncate(person.realName, 80))}* ${mention(person.id)}`, facts.join(' · '), ...warnings].join(
          '\n',
        ),
      ),
    );
  }
  if (review.refused.length > 0) {
    blocks.push(divider, section([':no_entry: *Not signed out:*', ...review.refused].join('\n• ')));
  }
  blocks.push(divider, reasonInput());
  return modal({
    title: 'Reset sessions',
    callbackId: CALLBACK.resetConfirm,
    submit: `Sign out ${people(review.ready.length)}`,
    close: 'Cancel',
    privateMetadata: encodePlan(plan),
    blocks,
  });
}
