import type { KnownBlock } from '@slack/types';
import type { ApprovalWhy } from '../domain/approval';
import { context, LIMITS, plain } from './blocks';
import { CHECKED, INPUT } from './ids';
import { reasonInput } from './reason-input';

/** What the bottom of every confirmation offers: approval said up front, "tell them", break-glass, the reason. */
export interface SubmitInputs {
  requireReason: boolean;
  /** Whether "Tell them by DM" starts ticked (NOTIFY_TARGETS). */
  notifyDefault: boolean;
  /** Whether that DM names the confirming admin (NOTIFY_NAME_ADMIN). */
  notifyNamesAdmin: boolean;
  /**
   * False where nobody is known to be signed out afterwards (a bulk reset is only queued), or the action signs
   * nobody out: no "Tell them".
   */
  offerNotify?: boolean;
  /** Set when this plan needs a second admin under APPROVAL_REQUIRED. */
  approval?: { why: ApprovalWhy; channelId: string; ttlMinutes: number; breakGlass: boolean };
}

const WHY: Record<ApprovalWhy, string> = {
  privileged: 'it names an admin or owner',
  bulk: 'it names many people',
  always: 'everything the app does needs it here',
  workflow: 'a Workflow Builder step asked for it, with the people its workflow names',
};

/** A checkbox of one option: its text within Slack's 75 characters, any more said in its description (75 too). */
const checkbox = (
  { block, action }: { block: string; action: string },
  label: string,
  option: { value: string; text: string; description?: string },
  on: boolean,
) => {
  const shown = {
    text: plain(option.text, LIMITS.optionText),
    value: option.value,
    ...(option.description ? { description: plain(option.description, LIMITS.optionText) } : {}),
  };
  return {
    type: 'input',
    block_id: block,
    optional: true,
    label: plain(label),
    element: { type: 'checkboxes', action_id: action, options: [shown], ...(on ? { initial_options: [shown] } : {}) },
  } as KnownBlock;
};

export function submitInputs(inputs: SubmitInputs): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const { approval } = inputs;
  if (approval) {
    blocks.push(
      context(
        `:raised_hand: *This needs a second admin’s approval* (${WHY[approval.why]}). Submit posts a request in <#${approval.channelId}>; nothing is done until another admin approves it, and it expires after ${approval.ttlMinutes} minutes.`,
      ),
    );
    if (approval.breakGlass) {
      blocks.push(
        checkbox(
          INPUT.breakGlass,
          'Emergency',
          {
            value: CHECKED.breakGlass,
            text: 'Emergency: run now, without approval',
            description: 'A reason is required, and the audit channel is told.',
          },
          false,
        ),
      );
    }
  }
  if (inputs.offerNotify !== false) {
    blocks.push(
      checkbox(
        INPUT.notify,
        'Tell them',
        {
          value: CHECKED.notify,
          text: `Tell each person signed out by DM (it ${inputs.notifyNamesAdmin ? 'names' : 'does not name'} you)`,
        },
        inputs.notifyDefault,
      ),
    );
  }
  blocks.push(reasonInput(inputs.requireReason));
  return blocks;
}
