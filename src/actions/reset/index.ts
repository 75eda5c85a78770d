import { VERIFY_LATER } from '../../views/ids';
import type { Action, Modal } from '../action';
import { resetBulkSubmission } from './bulk-submit';
import { resetSessionsCommand } from './command';
import { RESET, RESET_CALLBACK } from './ids';
import { prepareReset } from './order';
import { resetPickSubmission } from './pick-submit';
import { BULK_PLAN, type BulkResetPlan, PICK_PLAN, type PickPlan, RESET_PLAN, type ResetPlan } from './plan';
import { RESET_IN_SLACK_LOG } from './slack-audit';
import { resetConfirmSubmission } from './submit';
import { verifyLaterClicked } from './verify-later';
import { RESET_WORDS } from './words';

const picker: Modal<PickPlan> = {
  callbackId: RESET_CALLBACK.pick,
  plan: PICK_PLAN,
  onSubmit: resetPickSubmission,
  // Nobody is named yet.
  cancelled: () => ({ targets: [] }),
};

const confirmation: Modal<ResetPlan> = {
  callbackId: RESET_CALLBACK.confirm,
  plan: RESET_PLAN,
  onSubmit: resetConfirmSubmission,
  cancelled: (plan) => ({ targets: plan.userIds.map((userId) => ({ userId })), details: { scope: plan.scope } }),
};

const bulk: Modal<BulkResetPlan> = {
  callbackId: RESET_CALLBACK.bulk,
  plan: BULK_PLAN,
  onSubmit: resetBulkSubmission,
  cancelled: (plan) => ({ targets: plan.userIds.map((userId) => ({ userId })), details: { scope: plan.scope } }),
};

/** `/reset-sessions`: end all of a person's sessions, or only mobile or web ones (admin.users.session.reset). */
export const resetAction: Action = {
  audit: RESET,
  command: '/reset-sessions',
  words: RESET_WORDS,
  onCommand: resetSessionsCommand,
  modals: [picker, confirmation, bulk],
  buttons: [{ actionId: VERIFY_LATER, onClick: verifyLaterClicked }],
  prepare: prepareReset,
  slackAudit: RESET_IN_SLACK_LOG,
};
