import type { AuditStore } from '../ports/audit-store';
import { postOrThrow, type SlackSurface } from '../ports/slack-surface';
import type { WordsOf } from '../views/action-words';
import { auditChannelText, heldBackLine } from '../views/audit-text';
import type { AuditSink } from './audit-trail';

/** Refusals from one user are posted at most once per this window: anyone can type a command, over and over. */
export const REFUSAL_POST_WINDOW_MS = 10 * 60_000;

/**
 * A readable post of each record in AUDIT_CHANNEL_ID, through the bot token (the bot must be in the channel). Every
 * record still reaches stdout and the store; only the channel is spared floods. The throttle lives in the store, so
 * replicas share it, and the next post after a window says how many were held back: someone kept trying.
 */
export function channelSink(
  slack: Pick<SlackSurface, 'postMessage'>,
  channel: string,
  wordsOf: WordsOf,
  store: Pick<AuditStore, 'throttle'>,
  now: () => Date = () => new Date(),
): AuditSink {
  return {
    name: `channel ${channel}`,
    write: async (record) => {
      // The channel gets the outcome; the "started" marker is for the store and the log stream.
      if (record.outcome === 'started') return;
      let text = auditChannelText(record, wordsOf);
      if (record.outcome === 'refused' && record.targets.length === 0) {
        // An unreadable store posts every refusal: a flood in the channel beats a silent one.
        const turn = await store
          .throttle(`refusal:${record.invokerId}`, REFUSAL_POST_WINDOW_MS, now())
          .catch(() => ({ post: true, heldBack: 0 }));
        if (!turn.post) return;
        if (turn.heldBack > 0) text += `\n${heldBackLine(turn.heldBack, REFUSAL_POST_WINDOW_MS)}`;
      }
      await postOrThrow(slack, { channel, text });
    },
  };
}
