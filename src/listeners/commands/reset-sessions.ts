import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseResetCommand } from '../../sessions/parse-command';
import { resolveTargets } from '../../sessions/resolve-targets';
import { reviewTargets } from '../../sessions/review-targets';
import { createDirectory } from '../../slack/directory';
import { loadingView } from '../../views/blocks';
import { resetConfirmationView } from '../../views/reset-confirmation-view';
import { resetPickerView } from '../../views/reset-picker-view';
import { resetUsage } from '../../views/usage';
import type { ListenerDeps } from '../deps';
import { openModal, updateModal } from '../modal';

/**
 * `/reset-sessions`: bad input is answered in the ack itself (no call is made); otherwise the modal opens at once
 * with a loading view, people are looked up, and the confirmation replaces it. Nothing is written here.
 */
export function resetSessionsCommand({ config }: ListenerDeps) {
  return async ({ command, ack, client, respond, logger }: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => {
    const parsed = parseResetCommand(command.text, config.maxTargets);
    if (!parsed.ok) {
      await ack({ response_type: 'ephemeral', text: `:warning: ${parsed.error}\n\n${resetUsage(config.maxTargets)}` });
      return;
    }
    if (parsed.value.kind === 'help') {
      await ack({ response_type: 'ephemeral', text: resetUsage(config.maxTargets) });
      return;
    }
    await ack();

    const invoker = { invokerId: command.user_id, responseUrl: command.response_url };
    if (parsed.value.kind === 'pick') {
      await openModal(
        client,
        command.trigger_id,
        resetPickerView({ kind: 'pick', ...invoker }, config.maxTargets),
        respond,
        logger,
      );
      return;
    }
    const { targets, scope } = parsed.value;
    const n = targets.length;
    const viewId = await openModal(
      client,
      command.trigger_id,
      loadingView('Reset sessions', `Looking up ${n === 1 ? '1 person' : `${n} people`}…`),
      respond,
      logger,
    );
    if (!viewId) return;
    const review = reviewTargets(await resolveTargets(targets, createDirectory(client)), command.user_id);
    const plan = { kind: 'reset' as const, ...invoker, scope, userIds: review.ready.map((r) => r.person.id) };
    await updateModal(client, viewId, resetConfirmationView(plan, review), logger);
  };
}
