import type { App } from '@slack/bolt';
import { invalidateConfirmSubmission } from '../../actions/invalidate/submit';
import { resetPickSubmission } from '../../actions/reset/pick-submit';
import { resetConfirmSubmission } from '../../actions/reset/submit';
import type { ListenerDeps } from '../../actions/shared/deps';
import { CALLBACK } from '../../views/ids';
import { confirmationClosed } from './confirmation-closed';

export function register(app: App, deps: ListenerDeps): void {
  app.view(CALLBACK.resetPick, resetPickSubmission(deps));
  app.view(CALLBACK.resetConfirm, resetConfirmSubmission(deps));
  app.view(CALLBACK.invalidateConfirm, invalidateConfirmSubmission(deps));
  for (const callback_id of Object.values(CALLBACK)) {
    app.view({ callback_id, type: 'view_closed' }, confirmationClosed(deps));
  }
}
