import { RESET_CALLBACK, RESET_INPUT } from '../../../../src/actions/reset/ids';
import { resetPickerView } from '../../../../src/actions/reset/picker-view';
import { planRef } from '../../../../src/domain/plan';
import { assertBlockKitLimits } from '../../../support/block-kit-limits';
import { INVOKER, RESPONSE_URL } from '../../views/fixtures';

const plan = {
  kind: 'pick' as const,
  invokerId: INVOKER,
  requestId: '3f2b8c1e-9d4a-4e6b-8f7c-1a2b3c4d5e6f',
  responseUrl: RESPONSE_URL,
};

describe('resetPickerView', () => {
  it.each([1, 25, 50])('stays within Block Kit limits with maxTargets %d and caps the people picker at it', (max) => {
    const view = resetPickerView(plan, max);
    assertBlockKitLimits(view);
    const users = view.blocks.find((b) => b.block_id === RESET_INPUT.users.block);
    expect(users).toMatchObject({
      type: 'input',
      element: { type: 'multi_users_select', action_id: RESET_INPUT.users.action, max_selected_items: max },
    });
  });

  it('offers the three scopes, all sessions by default, under the ids the submission listener reads', () => {
    const view = resetPickerView(plan, 25);
    expect(view.callback_id).toBe(RESET_CALLBACK.pick);
    const scope = view.blocks.find((b) => b.block_id === RESET_INPUT.scope.block);
    expect(scope).toMatchObject({
      type: 'input',
      element: { type: 'radio_buttons', action_id: RESET_INPUT.scope.action, initial_option: { value: 'all' } },
    });
    const options = (scope as { element: { options: { value: string }[] } }).element.options;
    expect(options.map((o) => o.value)).toEqual(['all', 'mobile', 'web']);
  });

  it('carries only which plan it is in private_metadata', () => {
    expect(resetPickerView(plan, 25).private_metadata).toBe(planRef(plan));
  });
});
