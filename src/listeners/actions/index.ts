import type { App, BlockButtonAction } from '@slack/bolt';
import { approveClicked, denyClicked } from '../../actions/approval/buttons';
import type { ListenerDeps } from '../../actions/shared/deps';
import { APPROVAL } from '../../views/ids';

/** Buttons in messages: an approval request's Approve and Deny. */
export function register(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(APPROVAL.approve, approveClicked(deps));
  app.action<BlockButtonAction>(APPROVAL.deny, denyClicked(deps));
}
