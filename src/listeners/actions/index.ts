import type { App, BlockButtonAction } from '@slack/bolt';
import { approveClicked, denyClicked } from '../../actions/approval/buttons';
import type { ListenerDeps } from '../../actions/shared/deps';
import { APPROVAL } from '../../views/ids';

/** Buttons: an approval request's Approve and Deny, and each action's own (a bulk result's Verify now). */
export function register(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(APPROVAL.approve, approveClicked(deps));
  app.action<BlockButtonAction>(APPROVAL.deny, denyClicked(deps));
  for (const action of deps.actions.all) {
    for (const button of action.buttons ?? []) app.action<BlockButtonAction>(button.actionId, button.onClick(deps));
  }
}
