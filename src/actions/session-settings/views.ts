import type { KnownBlock, ModalView } from '@slack/types';
import type { ExpandedGroup } from '../../domain/expand-groups';
import { planRef } from '../../domain/plan';
import type { Skipped } from '../../domain/types';
import { context, divider, LIMITS, modal, plain, section } from '../../views/blocks';
import { describeSlackError } from '../../views/error-sentences';
import { people } from '../../views/labels';
import { mention } from '../../views/mrkdwn';
import { groupName } from '../../views/review-text';
import { type SubmitInputs, submitInputs } from '../../views/submit-inputs';
import { durationWords, SESSION_DURATION } from './duration';
import { CLEAR, QUIT, SETTINGS_CALLBACK, SETTINGS_INPUT } from './ids';
import type { SettingsPlan, ShowPlan } from './plan';
import { type Held, heldAfter } from './settings';
import { changeWords, heldWords } from './words';

/** People shown one section each; the rest are counted (Block Kit's 100 blocks a modal). */
const LISTED = 40;
/** Kinds of settings counted by name in a summary; the rest are counted together. */
const KINDS_SHOWN = 5;
const REFUSALS_SHOWN = 10;

/** Who else the modal names: the groups the people came from, and whose token the app holds. */
export interface Shown {
  groups?: readonly ExpandedGroup[];
  tokenOwnerId?: string;
}

const WHY_LEFT_OUT: Record<string, string> = {
  is_bot: 'a bot or app user, with no sessions',
  deactivated: 'deactivated, with no sessions',
  org_primary_owner: 'the Org Primary Owner, whose sessions only they manage',
  users_not_found: 'no Slack user has this email',
  user_not_found: 'no Slack user has this ID',
};

/** The settings of the people named, read-only, with a change to choose: "Next" shows it to confirm. */
export function showView(plan: ShowPlan, shown: Shown): ModalView {
  const blocks: KnownBlock[] = [
    section(`*Session settings of ${people(plan.userIds.length)}*, as Slack holds them now.`),
    ...head(plan, shown),
    ...plan.userIds.slice(0, LISTED).map((id, i) => section(`${who(id, plan, shown)}\n${heldWords(heldOf(plan, i))}`)),
    ...tail(plan),
    divider,
    section('*Change them?* Choose a new duration, what quitting does, or both; or clear them.'),
    ...changeInputs(),
    context('Nothing changes yet: *Next* shows each change, now → then, and asks you to confirm.'),
  ];
  return modal({
    title: 'Session settings',
    callbackId: SETTINGS_CALLBACK.show,
    submit: 'Next',
    close: 'Close',
    privateMetadata: planRef(plan),
    blocks,
  });
}

/** The confirmation: the change, then each person's settings now → after it; nothing is done before Submit. */
export function confirmationView(plan: SettingsPlan, shown: Shown, inputs: SubmitInputs): ModalView {
  const n = plan.userIds.length;
  const change = plan.change;
  const heading =
    change === 'clear'
      ? `*Clear the session settings of ${people(n)}?*\nThey go back to the organization’s default for both settings.`
      : `*Change the session settings of ${people(n)}?*\nNew: *${changeWords(change)}*.${
          change.set.duration === undefined || change.set.quitEndsSession === undefined
            ? ' The other setting stays as each person has it.'
            : ''
        }`;
  const blocks: KnownBlock[] = [
    section(heading),
    ...head(plan, shown),
    ...plan.userIds.slice(0, LISTED).map((id, i) => {
      const now = heldOf(plan, i);
      return section(`${who(id, plan, shown)}\n${heldWords(now)} → *${heldWords(heldAfter(now, change))}*`);
    }),
    ...tail(plan),
    divider,
    ...submitInputs(inputs),
  ];
  return modal({
    title: 'Session settings',
    callbackId: SETTINGS_CALLBACK.confirm,
    submit: `Apply to ${people(n)}`,
    close: 'Cancel',
    privateMetadata: planRef(plan),
    notifyOnClose: true,
    blocks,
  });
}

const heldOf = (plan: ShowPlan | SettingsPlan, i: number): Held => plan.held?.[i] ?? { unknown: 'not_read' };

/** A person, and what deserves a second look: you, the admin token's owner, an admin or owner. */
function who(id: string, plan: ShowPlan | SettingsPlan, shown: Shown): string {
  const notes = [
    ...(id === plan.invokerId ? [':warning: *This is you*: your own sessions follow the change too.'] : []),
    ...(id === shown.tokenOwnerId ? [':warning: This person owns the admin token this app uses.'] : []),
    ...(plan.privileged?.includes(id) ? [':warning: An admin or owner.'] : []),
  ];
  return [mention(id), ...notes].join(' ');
}

/** Under the heading: the groups named, and how many hold what (all of them, not only those listed). */
function head(plan: ShowPlan | SettingsPlan, shown: Shown): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const groups = shown.groups ?? [];
  if (groups.length > 0) {
    const named = groups.map((g) => `${groupName(g)} (${g.members === 1 ? '1 member' : `${g.members} members`})`);
    blocks.push(
      context(`:busts_in_silhouette: Includes every member of ${named.join(', ')}, each checked like anyone named.`),
    );
  }
  if (plan.userIds.length > 1) blocks.push(context(`Now: ${counted(plan.userIds.map((_, i) => heldOf(plan, i)))}`));
  blocks.push(divider);
  return blocks;
}

/** After the people listed: how many more (counted under the heading), and who was left out and why. */
function tail(plan: ShowPlan | SettingsPlan): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const more = plan.userIds.length - LISTED;
  if (more > 0) blocks.push(context(`…and ${people(more)} more, counted above.`));
  const left = plan.skipped.length + plan.skippedUnlisted;
  if (left > 0) {
    const lines = plan.skipped.slice(0, REFUSALS_SHOWN).map(leftOut);
    if (left > lines.length) lines.push(`and ${left - lines.length} more`);
    blocks.push(section([`:no_entry: *Left out (${left}):*`, ...lines].join('\n• ')));
  }
  return blocks;
}

const leftOut = ({ label, code }: Skipped): string =>
  `${mention(label)}: ${WHY_LEFT_OUT[code] ?? describeSlackError(code, 'bot')}`;

/** When everyone named was left out: one message, the same in the modal and the conversation. */
export const nobodyText = (refused: readonly Skipped[]): string =>
  [
    '*Nobody named can have their session settings shown or changed.*',
    ...refused.slice(0, REFUSALS_SHOWN).map(leftOut),
  ].join('\n• ');

/** "on the organization's default", "with 12 hours", "not known": a kind of settings, counted. */
const kindOf = (held: Held): string =>
  held === 'default' ? `on ${heldWords(held)}` : 'own' in held ? `with ${heldWords(held)}` : 'not known';

/** "3 on the organization's default · 2 with 12 hours": how many hold what, the most common first. */
function counted(held: readonly Held[]): string {
  const counts = new Map<string, number>();
  for (const h of held) counts.set(kindOf(h), (counts.get(kindOf(h)) ?? 0) + 1);
  const kinds = [...counts].sort((a, b) => b[1] - a[1]);
  const said = kinds.slice(0, KINDS_SHOWN).map(([words, n]) => `${n} ${words}`);
  const others = kinds.slice(KINDS_SHOWN).reduce((sum, [, n]) => sum + n, 0);
  if (others > 0) said.push(`${others} with other settings`);
  return said.join(' · ');
}

/** The change an admin may choose under the settings shown: every input optional, checked on "Next". */
function changeInputs(): KnownBlock[] {
  const { min, max } = SESSION_DURATION;
  const quitOptions = [
    { text: plain('End the session when they quit the app or browser', LIMITS.optionText), value: QUIT.ends },
    { text: plain('Keep the session when they quit the app or browser', LIMITS.optionText), value: QUIT.stays },
  ];
  return [
    {
      type: 'input',
      block_id: SETTINGS_INPUT.duration.block,
      optional: true,
      label: plain('New session duration'),
      hint: plain(
        `As you would say it: 8h, 12h, 7d, 30d. Slack allows ${durationWords(min)} to ${durationWords(max)}.`,
      ),
      element: {
        type: 'plain_text_input',
        action_id: SETTINGS_INPUT.duration.action,
        max_length: 20,
        placeholder: plain('8h'),
      },
    },
    {
      type: 'input',
      block_id: SETTINGS_INPUT.quit.block,
      optional: true,
      label: plain('When they quit'),
      element: { type: 'radio_buttons', action_id: SETTINGS_INPUT.quit.action, options: quitOptions },
    },
    {
      type: 'input',
      block_id: SETTINGS_INPUT.clear.block,
      optional: true,
      label: plain('Or clear'),
      element: {
        type: 'checkboxes',
        action_id: SETTINGS_INPUT.clear.action,
        options: [
          { text: plain('Clear: back to the organization’s default for both', LIMITS.optionText), value: CLEAR },
        ],
      },
    },
  ];
}
