import type { WebClient } from '@slack/web-api';
import type { WordsOf } from '../views/action-words';
import { auditChannelText } from '../views/audit-text';
import type { AuditSink } from './audit-trail';

/** Refusals from one user are posted at most once per this window: anyone can type a command, over and over. */
const REFUSAL_POST_WINDOW_MS = 10 * 60_000;

/**
 * A readable post of each record in AUDIT_CHANNEL_ID, through the bot token (the bot must be in the channel). Every
 * record still reaches stdout and the store; only the channel is spared floods.
 */
export function channelSink(
  client: WebClient,
  channel: string,
  wordsOf: WordsOf,
  now: () => number = Date.now,
): AuditSink {
  const lastRefusalPost = new Map<string, number>();
  return {
    name: `channel ${channel}`,
    write: async (record) => {
      // The channel gets the outcome; the "started" marker is for the store and the log stream.
      if (record.outcome === 'started') return;
      if (record.outcome === 'refused' && record.targets.length === 0) {
        const last = lastRefusalPost.get(record.invokerId);
        if (last !== undefined && now() - last < REFUSAL_POST_WINDOW_MS) return;
        lastRefusalPost.set(record.invokerId, now());
      }
      await client.chat.postMessage({
        channel,
        text: auditChannelText(record, wordsOf),
        unfurl_links: false,
        unfurl_media: false,
      });
    },
  };
}
