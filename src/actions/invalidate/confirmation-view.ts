import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { planRef, sessionKeyString } from '../../domain/plan';
import type { Ready } from '../../domain/review-targets';
import { changedSinceSignIn } from '../../domain/rules';
import { truncate } from '../../domain/text';
import type { ActiveSession } from '../../domain/types';
import { context, divider, LIMITS, modal, plain, section } from '../../views/blocks';

import { deviceLabel, roleLabel } from '../../views/labels';
import { escapeMrkdwn, mention } from '../../views/mrkdwn';
import { warningText } from '../../views/review-text';
import { type SubmitInputs, submitInputs } from '../../views/submit-inputs';
import { INVALIDATE_CALLBACK, INVALIDATE_INPUT } from './ids';
import type { InvalidatePlan } from './plan';

/** Checkboxes read best but Slack allows only 10 of them; a multi-select takes up to 100 options. */
const MAX_CHECKBOXES = 10;

function sessionText(s: ActiveSession): string {
  const lines = [`*Session ${s.sessionId}* · ${deviceLabel(s.created)}`];
  if (s.recent && changedSinceSignIn(s))
    lines.push(`:twisted_rightwards_arrows: Changed since sign-in: ${deviceLabel(s.recent)}`);
  return lines.join('\n');
}

function option(s: ActiveSession): PlainTextOption {
  // Option text is plain text, so it is not escaped; Slack renders it literally.
  const d = s.created;
  const changed = changedSinceSignIn(s) ? '⇄ ' : '';
  const label = `${changed}${[`#${s.sessionId}`, d.deviceHardware, d.os, d.ip].filter(Boolean).join(' · ')}`;
  return { text: plain(label, LIMITS.optionText), value: sessionKeyString(s) };
}

/**
 * Ending one session, or choosing among a person's active sessions. `sessions` are the ones in `plan.sessions`,
 * with their details; `hidden` counts the active sessions left out because a modal cannot show them all (only at
 * least that many when Slack had more pages than the app reads).
 */
export function invalidateConfirmationView(
  plan: InvalidatePlan,
  target: Ready,
  sessions: readonly ActiveSession[],
  hidden: { count: number; atLeast: boolean },
  inputs: SubmitInputs,
  /** mrkdwn said under the list, e.g. that a workspace's sessions could not be read. */
  note?: string,
): ModalView {
  const { person } = target;
  const warnings = target.warnings.map((w) => warningText(w, target));
  const who = `*${escapeMrkdwn(truncate(person.realName, 80))}* ${mention(person.id)}`;
  const facts = [person.email ? escapeMrkdwn(person.email) : 'no email on file', roleLabel(person.role)].join(' · ');
  const heading = plan.choose
    ? `Choose which of ${who}’s ${sessions.length === 1 ? 'session' : `${sessions.length} sessions`} to end.`
    : `End this session of ${who}?`;
  const blocks: KnownBlock[] = [section([heading, facts, ...warnings].join('\n')), divider];
  for (const s of sessions) blocks.push(section(sessionText(s)));
  if (note) blocks.push(context(`:warning: ${note}`));
  if (hidden.count > 0) {
    const count = `${hidden.atLeast ? 'At least ' : ''}${hidden.count}`;
    blocks.push(context(`${count} more active sessions are not shown. To end every session, use \`/reset-sessions\`.`));
  }
  if (plan.choose) {
    const options = sessions.map(option);
    if (sessions.some(changedSinceSignIn))
      blocks.push(context('⇄ marks a session whose device or address changed since sign-in.'));
    blocks.push({
      type: 'input',
      block_id: INVALIDATE_INPUT.sessions.block,
      label: plain('Sessions to end'),
      element:
        options.length <= MAX_CHECKBOXES
          ? { type: 'checkboxes', action_id: INVALIDATE_INPUT.sessions.action, options }
          : {
              type: 'multi_static_select',
              action_id: INVALIDATE_INPUT.sessions.action,
              options,
              placeholder: plain('Choose sessions'),
            },
    });
  }
  blocks.push(
    ...submitInputs(inputs),
    context('The person is signed out of the chosen sessions only; they can sign in again.'),
  );
  return modal({
    title: 'End a session',
    callbackId: INVALIDATE_CALLBACK.confirm,
    submit: plan.choose ? 'End sessions' : 'End session',
    close: 'Cancel',
    privateMetadata: planRef(plan),
    notifyOnClose: true,
    blocks,
  });
}
