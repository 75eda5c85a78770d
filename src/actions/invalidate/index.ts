import type { Action, Modal } from '../action';
import { invalidateSessionCommand } from './command';
import { INVALIDATE, INVALIDATE_CALLBACK } from './ids';
import { prepareInvalidate } from './order';
import { INVALIDATE_PLAN, type InvalidatePlan } from './plan';
import { INVALIDATE_IN_SLACK_LOG } from './slack-audit';
import { invalidateConfirmSubmission } from './submit';
import { INVALIDATE_WORDS } from './words';

const confirmation: Modal<InvalidatePlan> = {
  callbackId: INVALIDATE_CALLBACK.confirm,
  plan: INVALIDATE_PLAN,
  onSubmit: invalidateConfirmSubmission,
  cancelled: (plan) => ({ targets: plan.sessions.map((s) => ({ userId: plan.userId, ...s })) }),
};

/** `/invalidate-session`: end one session picked from the person's active ones (admin.users.session.invalidate). */
export const invalidateAction: Action = {
  audit: INVALIDATE,
  command: '/invalidate-session',
  words: INVALIDATE_WORDS,
  onCommand: invalidateSessionCommand,
  modals: [confirmation],
  prepare: prepareInvalidate,
  slackAudit: INVALIDATE_IN_SLACK_LOG,
};
