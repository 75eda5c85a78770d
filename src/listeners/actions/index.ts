import type { App, BlockButtonAction } from '@slack/bolt';
import { approveClicked, denyClicked } from '../../actions/approval/buttons';
import { verifyLaterClicked } from '../../actions/reset/verify-later';
import type { ListenerDeps } from '../../actions/shared/deps';
import { APPROVAL, VERIFY_LATER } from '../../views/ids';

/** Buttons: an approval request's Approve and Deny, and a bulk result's Verify now. */
export function register(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(APPROVAL.approve, approveClicked(deps));
  app.action<BlockButtonAction>(APPROVAL.deny, denyClicked(deps));
  app.action<BlockButtonAction>(VERIFY_LATER, verifyLaterClicked(deps));
}
