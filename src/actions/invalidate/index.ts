import { CALLBACK } from '../../views/ids';
import type { Action } from '../action';
import { invalidateSessionCommand } from './command';
import { invalidateConfirmSubmission } from './submit';

/** `/invalidate-session`: end one session picked from the person's active ones (admin.users.session.invalidate). */
export const invalidateAction: Action = {
  audit: 'invalidate',
  command: '/invalidate-session',
  onCommand: invalidateSessionCommand,
  modals: [{ callbackId: CALLBACK.invalidateConfirm, onSubmit: invalidateConfirmSubmission }],
};
