import { ACTIONS } from '../../../src/actions/registry';

const { wordsOf } = ACTIONS;

import { channelSink, REFUSAL_POST_WINDOW_MS } from '../../../src/adapters/audit-channel-sink';
import { noActionRecord } from '../../../src/domain/audit-record';
import { MemoryAuditStore } from '../../support/listener-fakes';

describe('the audit channel sink', () => {
  const posts: string[] = [];
  const client = {
    postMessage: async ({ text }: { text: string }) => {
      posts.push(text);
      return { ok: true as const, ts: '1.1' };
    },
  };
  let clock = Date.parse('2026-11-26T10:00:00Z');
  const now = () => new Date(clock);
  const refusal = (userId: string) =>
    noActionRecord({ requestId: `r-${clock}`, invokerId: userId }, 'refused', 'reset');

  beforeEach(() => {
    posts.length = 0;
  });

  it('posts a refusing user once per window, then says how many attempts it held back', async () => {
    const sink = channelSink(client, 'C0AUDIT', wordsOf, new MemoryAuditStore(), now);
    await sink.write(refusal('U0STRANGER'));
    for (let i = 0; i < 3; i += 1) {
      clock += 1_000;
      await sink.write(refusal('U0STRANGER'));
    }
    await sink.write(refusal('U0OTHER'));
    expect(posts).toHaveLength(2);
    expect(posts.join('\n')).not.toContain('held back');

    clock += REFUSAL_POST_WINDOW_MS;
    await sink.write(refusal('U0STRANGER'));
    expect(posts).toHaveLength(3);
    expect(posts[2]).toContain('<@U0STRANGER>');
    expect(posts[2]).toContain('3 more refused attempts by them since the last post here');
  });

  it('posts every refusal while the store cannot be read: a flood beats silence', async () => {
    const store = new MemoryAuditStore();
    store.throttle = async () => {
      throw new Error('connect ECONNREFUSED');
    };
    const sink = channelSink(client, 'C0AUDIT', wordsOf, store, now);
    await sink.write(refusal('U0STRANGER'));
    await sink.write(refusal('U0STRANGER'));
    expect(posts).toHaveLength(2);
  });
});
