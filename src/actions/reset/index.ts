import { CALLBACK } from '../../views/ids';
import type { Action } from '../action';
import { resetSessionsCommand } from './command';
import { resetPickSubmission } from './pick-submit';
import { resetConfirmSubmission } from './submit';

/** `/reset-sessions`: end all of a person's sessions, or only mobile or web ones (admin.users.session.reset). */
export const resetAction: Action = {
  audit: 'reset',
  command: '/reset-sessions',
  onCommand: resetSessionsCommand,
  modals: [
    { callbackId: CALLBACK.resetPick, onSubmit: resetPickSubmission },
    { callbackId: CALLBACK.resetConfirm, onSubmit: resetConfirmSubmission },
  ],
};
