import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { loadingView } from '../../views/blocks';
import { people } from '../../views/labels';
import { admitted } from '../shared/admitted';
import type { ListenerDeps } from '../shared/deps';
import { openModal } from '../shared/modal';
import { keepPlan } from '../shared/submitted-plan';
import { showResetConfirmation } from './confirmation';
import { answerHistory } from './history';
import { parseResetCommand } from './parse';
import { resetPickerView } from './picker-view';
import { resetUsage } from './usage';

/**
 * `/reset-sessions`: bad input is answered in the ack itself (no call is made); otherwise the modal opens at once
 * with a loading view, people are looked up, and the confirmation replaces it. Nothing is written here.
 */
export function resetSessionsCommand(deps: ListenerDeps) {
  const { maxTargets } = deps.config;
  return async ({ command, ack, client, logger }: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => {
    const parsed = parseResetCommand(command.text, maxTargets);
    if (!parsed.ok) {
      await ack({ response_type: 'ephemeral', text: `:warning: ${parsed.error}\n\n${resetUsage(maxTargets)}` });
      return;
    }
    const request = parsed.value;
    if (request.kind === 'help') {
      await ack({ response_type: 'ephemeral', text: resetUsage(maxTargets) });
      return;
    }
    await admitted(deps, ack, async () => {
      const slack = deps.slack(client, logger);
      if (request.kind === 'history') {
        return answerHistory({ target: request.target, slack, responseUrl: command.response_url, logger }, deps);
      }

      const base = { invokerId: command.user_id, requestId: randomUUID(), responseUrl: command.response_url };
      if (request.kind === 'pick') {
        const pick = { kind: 'pick' as const, ...base };
        const view = resetPickerView(pick, maxTargets, request.scope);
        // The modal's id is known once it is open: the picker's plan is kept for it then, before anyone can click.
        const viewId = await openModal(slack, command.trigger_id, view, command.response_url);
        if (viewId) await keepPlan(deps, pick, viewId, logger);
        return;
      }
      const n = request.targets.length;
      const groups =
        request.groups.length > 0
          ? ` and ${request.groups.length === 1 ? 'a group' : `${request.groups.length} groups`}`
          : '';
      const loading = loadingView('Reset sessions', `Looking up ${people(n)}${groups}…`);
      const viewId = await openModal(slack, command.trigger_id, loading, command.response_url);
      if (!viewId) return;
      const { targets: refs, groups: named, scope } = request;
      await showResetConfirmation({ slack, logger, viewId, refs, groups: named, scope }, base, deps);
    });
  };
}
