import type { WebClient } from '@slack/web-api';
import type { AuditSink } from '../audit/audit-trail';
import { auditChannelText } from '../views/audit-text';

/** A readable post of each record in AUDIT_CHANNEL_ID, through the bot token (the bot must be in the channel). */
export function channelSink(client: WebClient, channel: string): AuditSink {
  return {
    name: `channel ${channel}`,
    write: async (record) => {
      // The channel gets the outcome; the "started" marker is for the store and the log stream.
      if (record.outcome === 'started') return;
      await client.chat.postMessage({
        channel,
        text: auditChannelText(record),
        unfurl_links: false,
        unfurl_media: false,
      });
    },
  };
}
