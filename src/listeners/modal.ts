import type { Logger, RespondFn } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { callFailure } from '../slack/call-outcome';
import { describeSlackError } from '../slack/error-messages';

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
      text: `:warning: The confirmation could not be opened: ${describeSlackError(code)} Nothing was changed; run the command again.`,
    }).catch((e: unknown) => logger.warn(`could not tell the admin that views.open failed: ${String(e)}`));
    return undefined;
  }
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
