import type { ModalView } from '@slack/types';
import { planRef } from '../../domain/plan';
import type { ResetScope } from '../../domain/types';
import { context, modal, plain } from '../../views/blocks';

import { RESET_CALLBACK, RESET_INPUT } from './ids';
import type { PickPlan } from './plan';

const SCOPE_OPTIONS = [
  { text: plain('All sessions'), value: 'all' },
  { text: plain('Mobile sessions only'), value: 'mobile' },
  { text: plain('Web sessions only'), value: 'web' },
];

/** `/reset-sessions` with nothing after it: choose people and scope. Submitting leads to the confirmation. */
export function resetPickerView(plan: PickPlan, maxTargets: number, scope: ResetScope = 'all'): ModalView {
  return modal({
    title: 'Reset sessions',
    callbackId: RESET_CALLBACK.pick,
    submit: 'Next',
    close: 'Cancel',
    privateMetadata: planRef(plan),
    notifyOnClose: true,
    blocks: [
      {
        type: 'input',
        block_id: RESET_INPUT.users.block,
        label: plain('People to sign out'),
        element: {
          type: 'multi_users_select',
          action_id: RESET_INPUT.users.action,
          max_selected_items: maxTargets,
          placeholder: plain('Choose people'),
        },
      },
      {
        type: 'input',
        block_id: RESET_INPUT.scope.block,
        label: plain('Sessions to end'),
        element: {
          type: 'radio_buttons',
          action_id: RESET_INPUT.scope.action,
          initial_option: SCOPE_OPTIONS.find((o) => o.value === scope),
          options: SCOPE_OPTIONS,
        },
      },
      context('Nothing happens yet: the next step shows who will be signed out and asks you to confirm.'),
    ],
  });
}
