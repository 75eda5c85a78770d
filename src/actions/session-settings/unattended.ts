import type { Result } from '../../domain/types';
import { quoteInput } from '../../views/mrkdwn';
import { readFlag } from '../shared/order-inputs';
import type { Unattended } from '../shared/unattended';
import { parseDuration, withinLimits } from './duration';
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

/**
 * A change of session settings: a duration (`8h`, `7d`, or whole seconds, within Slack's limits), what quitting the
 * desktop app or browser does, or `clear` alone (the organization's default for both).
 */
export function readChange(raw: {
  duration: unknown;
  quitEndsSession: unknown;
  clear: unknown;
  fields: { duration: string; quitEndsSession: string; clear: string };
}): Result<Change> {
  const { fields } = raw;
  const clear = readFlag(raw.clear, fields.clear);
  if (!clear.ok) return clear;
  const given = (v: unknown) => v !== undefined && v !== null && v !== '';
  if (clear.value) {
    if (given(raw.duration) || given(raw.quitEndsSession)) {
      return {
        ok: false,
        error: `${fields.clear} puts back the organization’s default for both settings: give it alone, without ${fields.duration} or ${fields.quitEndsSession}.`,
      };
    }
    return { ok: true, value: 'clear' };
  }
  if (!given(raw.duration) && !given(raw.quitEndsSession)) {
    return { ok: false, error: `Name a change: ${fields.duration}, ${fields.quitEndsSession}, or ${fields.clear}.` };
  }
  let duration: number | undefined;
  if (given(raw.duration)) {
    const read =
      typeof raw.duration === 'string'
        ? parseDuration(raw.duration)
        : typeof raw.duration === 'number' && Number.isSafeInteger(raw.duration)
          ? withinLimits(raw.duration)
          : { ok: false as const, error: `${quoteInput(String(raw.duration))} is not a duration.` };
    if (!read.ok) return { ok: false, error: `${fields.duration}: ${read.error}` };
    duration = read.value;
  }
  const quit = raw.quitEndsSession;
  if (given(quit) && typeof quit !== 'boolean') {
    return { ok: false, error: `${fields.quitEndsSession} must be true or false.` };
  }
  return {
    ok: true,
    value: {
      set: {
        ...(duration !== undefined ? { duration } : {}),
        ...(typeof quit === 'boolean' ? { quitEndsSession: quit } : {}),
      },
    },
  };
}
