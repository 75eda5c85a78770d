import type { App } from '@slack/bolt';
import { ACTIONS } from '../../actions/registry';
import type { ListenerDeps } from '../../actions/shared/deps';
import { confirmationClosed } from './confirmation-closed';

export function register(app: App, deps: ListenerDeps): void {
  for (const { callbackId, onSubmit } of ACTIONS.flatMap((a) => a.modals)) {
    app.view(callbackId, onSubmit(deps));
    app.view({ callback_id: callbackId, type: 'view_closed' }, confirmationClosed(deps));
  }
}
