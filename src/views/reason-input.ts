import type { KnownBlock } from '@slack/types';
import { plain } from './blocks';
import { INPUT, MAX_REASON } from './ids';

/** The optional "why" that goes with every confirmation, kept in the record of what was done. */
export const reasonInput = (required: boolean): KnownBlock => ({
  type: 'input',
  block_id: INPUT.reason.block,
  optional: !required,
  label: plain(required ? 'Reason (required)' : 'Reason'),
  hint: plain('Why, for the record: a ticket, an alert, a sentence.'),
  element: {
    type: 'plain_text_input',
    action_id: INPUT.reason.action,
    multiline: true,
    max_length: MAX_REASON,
  },
});
