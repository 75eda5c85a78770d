import { CALLBACK } from '../../views/ids';
import type { Action, Modal } from '../action';
import { resetSessionsCommand } from './command';
import { resetPickSubmission } from './pick-submit';
import { PICK_PLAN, type PickPlan, RESET_PLAN, type ResetPlan } from './plan';
import { resetConfirmSubmission } from './submit';

const picker: Modal<PickPlan> = {
  callbackId: CALLBACK.resetPick,
  plan: PICK_PLAN,
  onSubmit: resetPickSubmission,
  // Nobody is named yet.
  cancelled: () => ({ targets: [] }),
};

const confirmation: Modal<ResetPlan> = {
  callbackId: CALLBACK.resetConfirm,
  plan: RESET_PLAN,
  onSubmit: resetConfirmSubmission,
  cancelled: (plan) => ({ targets: plan.userIds.map((userId) => ({ userId })), scope: plan.scope }),
};

/** `/reset-sessions`: end all of a person's sessions, or only mobile or web ones (admin.users.session.reset). */
export const resetAction: Action = {
  audit: 'reset',
  command: '/reset-sessions',
  onCommand: resetSessionsCommand,
  modals: [picker, confirmation],
};
