import type { Unattended } from '../shared/unattended';
import { SESSION_SETTINGS } from './ids';
import { planPeople, type SettingsPlan } from './plan';
import { type Change, changeDetails, readSettings } from './settings';

/**
 * A change of session settings asked for by a workflow step or an API client: what Slack holds for each person is
 * read first (getSettings), so every record keeps what they had before, as the command's plan does.
 */
export const settingsUnattended: Unattended<{ change: Change }> = {
  action: SESSION_SETTINGS,
  details: ({ change }) => changeDetails(change),
  async plan(review, { change }, base, deps) {
    const held = await readSettings(
      deps.adminApi,
      review.ready.map((r) => r.person.id),
    );
    const plan: SettingsPlan = { kind: 'session_settings', ...base, ...planPeople(review, held), change };
    return { ok: true, plan };
  },
};
