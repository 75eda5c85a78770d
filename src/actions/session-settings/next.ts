import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { noticeView } from '../../views/blocks';
import type { ListenerDeps } from '../shared/deps';
import { keepPlan, stateValue, submittedPlan } from '../shared/submitted-plan';
import { settingsInputs } from './command';
import { parseDuration } from './duration';
import { CLEAR, QUIT, SETTINGS_INPUT } from './ids';
import { type SettingsPlan, SHOW_PLAN } from './plan';
import type { Change } from './settings';
import { confirmationView } from './views';

type ViewArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs;

/**
 * "Next" under the settings shown: the change chosen there, checked (a duration within Slack's limits), becomes the
 * confirmation of it for the same people, in the same modal. Nothing is changed here.
 */
export function settingsNextSubmission(deps: ListenerDeps) {
  return async (args: ViewArgs) => {
    const { ack, view, logger } = args;
    const shown = await submittedPlan(args, SHOW_PLAN, deps);
    if (!shown) return;
    const chosen = chosenChange(view);
    if (!chosen.ok) {
      await ack({ response_action: 'errors', errors: chosen.errors });
      return;
    }
    const { kind: _, ...people } = shown;
    const plan: SettingsPlan = { ...people, kind: 'session_settings', change: chosen.change };
    // The confirmation's plan replaces the one shown, bound to the same modal, for its Submit to read back.
    if (!(await keepPlan(deps, plan, view.id, logger))) {
      const why = 'The plan could not be kept: the audit database cannot be reached right now. Nothing was changed.';
      await ack({ response_action: 'update', view: noticeView('Not done', why) });
      return;
    }
    const confirmation = confirmationView(plan, { tokenOwnerId: deps.tokenOwnerId() }, settingsInputs(deps, plan));
    await ack({ response_action: 'update', view: confirmation });
  };
}

/** The change chosen under the settings shown, or the field errors that say what to fix. */
function chosenChange(
  view: ViewArgs['view'],
): { ok: true; change: Change } | { ok: false; errors: Record<string, string> } {
  const typed = stateValue(view, SETTINGS_INPUT.duration)?.value?.trim() ?? '';
  const quit = stateValue(view, SETTINGS_INPUT.quit)?.selected_option?.value;
  const clear = (stateValue(view, SETTINGS_INPUT.clear)?.selected_options ?? []).some((o) => o.value === CLEAR);
  if (clear) {
    if (typed === '' && quit === undefined) return { ok: true, change: 'clear' };
    const why = 'Clearing puts back the organization’s default for both: untick it, or leave the others empty.';
    return { ok: false, errors: { [SETTINGS_INPUT.clear.block]: why } };
  }
  if (typed === '' && quit === undefined) {
    const why = 'Choose a change: a duration, what quitting does, or clear them. Or close this: nothing changes.';
    return { ok: false, errors: { [SETTINGS_INPUT.duration.block]: why } };
  }
  const duration = typed === '' ? undefined : parseDuration(typed);
  if (duration && !duration.ok) return { ok: false, errors: { [SETTINGS_INPUT.duration.block]: duration.error } };
  if (quit !== undefined && quit !== QUIT.ends && quit !== QUIT.stays) {
    return { ok: false, errors: { [SETTINGS_INPUT.quit.block]: 'Choose one of the two.' } };
  }
  return {
    ok: true,
    change: {
      set: {
        ...(duration ? { duration: duration.value } : {}),
        ...(quit !== undefined ? { quitEndsSession: quit === QUIT.ends } : {}),
      },
    },
  };
}
