import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, Logger, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { noActionRecord } from '../../domain/audit-record';
import { mostPeople, type PlanBase } from '../../domain/plan';
import { reviewTargets } from '../../domain/review-targets';
import type { SlackSurface } from '../../ports/slack-surface';
import { loadingView } from '../../views/blocks';
import { admitted } from '../shared/admitted';
import type { ListenerDeps } from '../shared/deps';
import { lookUpNamed } from '../shared/look-up';
import { openModal, showConfirmation, stopWith } from '../shared/modal';
import { lookupProgress } from '../shared/progress';
import { submitInputsFor } from '../shared/submit-inputs';
import { SESSION_SETTINGS } from './ids';
import { parseSettingsCommand, type SettingsRequest } from './parse';
import { planPeople, type SettingsPlan, type ShowPlan } from './plan';
import { changeDetails, readSettings } from './settings';
import { settingsUsage } from './usage';
import { confirmationView, nobodyText, showView } from './views';

const TITLE = 'Session settings';

/**
 * `/session-settings`: bad input (a duration outside Slack's limits included) is answered in the ack, with no call;
 * otherwise the modal opens at once, people are looked up and their settings read, and it shows them, or the
 * change to confirm. Nothing is written here.
 */
export function sessionSettingsCommand(deps: ListenerDeps) {
  const { maxTargets } = deps.config;
  const usage = settingsUsage(maxTargets, mostPeople(deps.planRules));
  return async ({ command, ack, client, logger }: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => {
    const parsed = parseSettingsCommand(command.text, maxTargets);
    if (!parsed.ok) {
      await ack({ response_type: 'ephemeral', text: `:warning: ${parsed.error}\n\n${usage}` });
      return;
    }
    const request = parsed.value;
    if (request.kind === 'help') {
      await ack({ response_type: 'ephemeral', text: usage });
      return;
    }
    await admitted(deps, ack, async () => {
      const slack = deps.slack(client, logger);
      const viewId = await openModal(
        slack,
        command.trigger_id,
        loadingView(TITLE, 'Looking people up…'),
        command.response_url,
      );
      if (!viewId) return;
      const base = { invokerId: command.user_id, requestId: randomUUID(), responseUrl: command.response_url };
      await showSettings({ slack, logger, viewId, request }, base, deps);
    });
  };
}

/** Looks the people up, leaves out whom the guardrails refuse, reads what Slack holds for the rest, and shows it. */
async function showSettings(
  args: { slack: SlackSurface; logger: Logger; viewId: string; request: Exclude<SettingsRequest, { kind: 'help' }> },
  base: PlanBase,
  deps: ListenerDeps,
): Promise<void> {
  const { slack, logger, viewId, request } = args;
  const tell = { slack, viewId, responseUrl: base.responseUrl };
  const stop = stopWith(tell, TITLE);
  const most = mostPeople(deps.planRules);
  const found = await lookUpNamed(
    { slack, modal: { viewId, title: TITLE } },
    { refs: request.targets, groups: request.groups, most },
  );
  if (!found.ok) return stop(found.why);
  // Bots and the Org Primary Owner are left out before any call, as are the deactivated and anyone not found.
  const review = reviewTargets(found.resolved, base.invokerId, deps.tokenOwnerId());
  const refused = review.refused.map((r) => r.skipped);
  if (review.ready.length === 0) {
    if (request.kind === 'change') {
      const targets = refused.map((s) => ({ userId: s.label, error: s.code }));
      await deps.audit.record(
        noActionRecord(base, 'refused', SESSION_SETTINGS, targets, changeDetails(request.change)),
      );
    }
    return stop(nobodyText(refused));
  }
  const userIds = review.ready.map((r) => r.person.id);
  const at = { viewId, title: TITLE };
  const reading = lookupProgress(slack, at, userIds.length, () => 'Reading their session settings…');
  const held = await readSettings(deps.adminApi, userIds, reading.onWait);
  await reading.close();
  const people = { ...base, ...planPeople(review, held) };
  const shown = { groups: found.groups, tokenOwnerId: deps.tokenOwnerId() };
  if (request.kind === 'show') {
    const plan: ShowPlan = { kind: 'session_settings_show', ...people };
    return showConfirmation(tell, plan, showView(plan, shown), deps, logger);
  }
  const plan: SettingsPlan = { kind: 'session_settings', ...people, change: request.change };
  await showConfirmation(tell, plan, confirmationView(plan, shown, settingsInputs(deps, plan)), deps, logger);
}

/** The confirmation's shared inputs: approval as the policy asks, the reason; nobody is signed out, so no DM. */
export const settingsInputs = (deps: ListenerDeps, plan: SettingsPlan) => ({
  ...submitInputsFor(deps, plan.userIds.length, plan.privileged?.length ?? 0),
  offerNotify: false,
});
