import type { App } from '@slack/bolt';
import { CALLBACK } from '../../views/ids';
import type { ListenerDeps } from '../deps';
import { confirmationClosed } from './confirmation-closed';
import { invalidateConfirmSubmission } from './invalidate-confirm-submission';
import { resetConfirmSubmission } from './reset-confirm-submission';
import { resetPickSubmission } from './reset-pick-submission';

export function register(app: App, deps: ListenerDeps): void {
  app.view(CALLBACK.resetPick, resetPickSubmission(deps));
  app.view(CALLBACK.resetConfirm, resetConfirmSubmission(deps));
  app.view(CALLBACK.invalidateConfirm, invalidateConfirmSubmission(deps));
  for (const callback_id of Object.values(CALLBACK)) {
    app.view({ callback_id, type: 'view_closed' }, confirmationClosed(deps));
  }
}
