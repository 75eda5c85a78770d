import type { Action, Modal } from '../action';
import { sessionSettingsCommand } from './command';
import { SESSION_SETTINGS, SETTINGS_CALLBACK } from './ids';
import { settingsNextSubmission } from './next';
import { prepareSettings } from './order';
import { SETTINGS_PLAN, type SettingsPlan, SHOW_PLAN, type ShowPlan } from './plan';
import { changeDetails } from './settings';
import { SETTINGS_IN_SLACK_LOG } from './slack-audit';
import { settingsConfirmSubmission } from './submit';
import { SETTINGS_WORDS } from './words';

/** The settings shown are read-only: closing that modal changes nothing and asks for nothing, so it is not recorded. */
const shown: Modal<ShowPlan> = {
  callbackId: SETTINGS_CALLBACK.show,
  plan: SHOW_PLAN,
  onSubmit: settingsNextSubmission,
  cancelled: () => ({ targets: [] }),
};

const confirmation: Modal<SettingsPlan> = {
  callbackId: SETTINGS_CALLBACK.confirm,
  plan: SETTINGS_PLAN,
  onSubmit: settingsConfirmSubmission,
  cancelled: (plan) => ({
    targets: plan.userIds.map((userId) => ({ userId })),
    details: changeDetails(plan.change, plan.after),
  }),
};

/**
 * `/session-settings`: show how long people stay signed in (admin.users.session.getSettings), and change it
 * (setSettings) or put back the organization's default (clearSettings), for one person or thousands.
 */
export const sessionSettingsAction: Action = {
  audit: SESSION_SETTINGS,
  command: '/session-settings',
  words: SETTINGS_WORDS,
  onCommand: sessionSettingsCommand,
  modals: [shown, confirmation],
  prepare: prepareSettings,
  slackAudit: SETTINGS_IN_SLACK_LOG,
};
