import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlackSurface } from '../ports/slack-surface';
import { callFailure } from './call-outcome';
import { postEphemeral } from './response-url';
import { createDirectory } from './slack-directory';

/** The Slack surface over a listener's bot-token client. */
export function slackSurface(client: WebClient, logger: Logger, timeoutMs: number): SlackSurface {
  return {
    async openModal(triggerId, view) {
      try {
        const result = await client.views.open({ trigger_id: triggerId, view });
        const viewId = result.view?.id;
        // Without its id the modal cannot be filled in: better to say so now than leave it loading.
        return viewId ? { ok: true, viewId } : { ok: false, code: 'no_view_id' };
      } catch (error) {
        const { code } = callFailure(error);
        logger.warn(`views.open failed: ${code}`);
        return { ok: false, code };
      }
    },
    async updateModal(viewId, view) {
      try {
        await client.views.update({ view_id: viewId, view });
        return true;
      } catch (error) {
        logger.warn(`views.update failed: ${callFailure(error).code}`);
        return false;
      }
    },
    postEphemeral: (url, text) => postEphemeral(url, text, timeoutMs),
    async postMessage({ channel, text, blocks, threadTs }) {
      try {
        const result = await client.chat.postMessage({
          channel,
          text,
          ...(blocks ? { blocks } : {}),
          ...(threadTs ? { thread_ts: threadTs } : {}),
          unfurl_links: false,
          unfurl_media: false,
        });
        return result.ts ? { ok: true, ts: result.ts } : { ok: false, code: 'no_ts' };
      } catch (error) {
        const { code } = callFailure(error);
        logger.warn(`chat.postMessage failed: ${code}`);
        return { ok: false, code };
      }
    },
    async updateMessage(channel, ts, { text, blocks }) {
      try {
        await client.chat.update({ channel, ts, text, ...(blocks ? { blocks } : {}) });
        return true;
      } catch (error) {
        logger.warn(`chat.update failed: ${callFailure(error).code}`);
        return false;
      }
    },
    directory: createDirectory(client),
  };
}
