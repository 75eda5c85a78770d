import type { Logger, RespondFn } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { callFailure } from '../../adapters/call-outcome';
import { postEphemeral } from '../../adapters/response-url';
import { describeSlackError } from '../../views/error-sentences';

/**
 * Opens a modal on a command's trigger_id; returns its view id. When Slack refuses (the 3-second trigger window
 * passed, say) the admin is told in an ephemeral message instead of seeing nothing.
 */
export async function openModal(
  client: WebClient,
  triggerId: string,
  view: ModalView,
  respond: RespondFn,
  logger: Logger,
): Promise<string | undefined> {
  try {
    const result = await client.views.open({ trigger_id: triggerId, view });
    return result.view?.id;
  } catch (error) {
    const { code } = callFailure(error);
    logger.warn(`views.open failed: ${code}`);
    await respond({
      response_type: 'ephemeral',
      text: `:warning: The confirmation could not be opened: ${describeSlackError(code, 'bot')} Nothing was changed; run the command again.`,
    }).catch((e: unknown) => logger.warn(`could not tell the admin that views.open failed: ${String(e)}`));
    return undefined;
  }
}

/**
 * Shows a confirmation (or why there is none) in the open modal. If Slack refuses, most often because the admin
 * closed the modal while it loaded, the admin is told by message instead of the confirmation vanishing silently.
 */
export async function showOrTell(
  args: { client: WebClient; viewId: string; logger: Logger; responseUrl?: string; timeoutMs: number },
  view: ModalView,
  alsoSay?: string,
): Promise<void> {
  const { client, viewId, logger, responseUrl, timeoutMs } = args;
  const shown = await updateModal(client, viewId, view, logger);
  const say = shown
    ? alsoSay
    : ':warning: The confirmation could not be shown: the modal was closed or Slack refused it. Nothing was changed; run the command again.';
  if (say && responseUrl) await postEphemeral(responseUrl, say, timeoutMs);
}

/** Replaces an open modal's content. False when Slack refused, e.g. because the admin already closed it. */
export async function updateModal(
  client: WebClient,
  viewId: string,
  view: ModalView,
  logger: Logger,
): Promise<boolean> {
  try {
    await client.views.update({ view_id: viewId, view });
    return true;
  } catch (error) {
    logger.warn(`views.update failed: ${callFailure(error).code}`);
    return false;
  }
}
