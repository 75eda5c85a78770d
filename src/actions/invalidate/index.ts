import { CALLBACK } from '../../views/ids';
import type { Action, Modal } from '../action';
import { invalidateSessionCommand } from './command';
import { INVALIDATE_PLAN, type InvalidatePlan } from './plan';
import { invalidateConfirmSubmission } from './submit';

const confirmation: Modal<InvalidatePlan> = {
  callbackId: CALLBACK.invalidateConfirm,
  plan: INVALIDATE_PLAN,
  onSubmit: invalidateConfirmSubmission,
  cancelled: (plan) => ({ targets: plan.sessions.map((s) => ({ userId: plan.userId, ...s })) }),
};

/** `/invalidate-session`: end one session picked from the person's active ones (admin.users.session.invalidate). */
export const invalidateAction: Action = {
  audit: 'invalidate',
  command: '/invalidate-session',
  onCommand: invalidateSessionCommand,
  modals: [confirmation],
};
