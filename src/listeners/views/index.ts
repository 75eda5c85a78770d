import type { App } from '@slack/bolt';
import { denySubmitted } from '../../actions/approval/buttons';
import type { ListenerDeps } from '../../actions/shared/deps';
import { APPROVAL } from '../../views/ids';
import { confirmationClosed } from './confirmation-closed';

export function register(app: App, deps: ListenerDeps): void {
  for (const action of deps.actions.all) {
    for (const modal of action.modals) {
      app.view(modal.callbackId, modal.onSubmit(deps));
      app.view({ callback_id: modal.callbackId, type: 'view_closed' }, confirmationClosed(action, modal, deps));
    }
  }
  app.view(APPROVAL.denyModal, denySubmitted(deps));
}
