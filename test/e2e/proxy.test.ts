import { startHarness } from '../support/harness';
import { HttpProxy } from '../support/http-proxy';

const ALICE = 'W0ALICE001';

/** A reset from command to result: the Web API calls of both tokens, and the result posted to the response_url. */
async function signOutAlice(env: Record<string, string>, socketMode = false) {
  const h = await startHarness(env, {
    socketMode,
    setup: (fake) => fake.addUser({ id: ALICE, real_name: 'Alice Example' }),
  });
  try {
    await h.command('/reset-sessions', `<@${ALICE}>`);
    // Over a socket the command's ack comes before the look-ups: the confirmation is the next views.update.
    await h.fake.waitFor('views.update', 1);
    await h.submit(h.lastView());
    await h.fake.waitForResponses(1);
    return { fake: h.fake, port: new URL(h.fake.url).port };
  } finally {
    await h.stop();
  }
}

describe('a corporate egress proxy', () => {
  let proxy: HttpProxy;
  beforeEach(async () => {
    proxy = new HttpProxy();
    await proxy.start();
  });
  afterEach(() => proxy.stop());

  it('carries every call to Slack when HTTP_PROXY is set: both clients, the look-ups, the admin call, the response_url', async () => {
    const { fake, port } = await signOutAlice({ HTTP_PROXY: proxy.url });
    expect(fake.adminCalls()).toHaveLength(1);
    const through = proxy.seen.map((line) => line.replace(`http://127.0.0.1:${port}`, ''));
    // auth.test of the bot and the admin token at start, then everything the reset sent.
    expect(through.filter((l) => l === 'POST /api/auth.test')).toHaveLength(2);
    for (const method of ['views.open', 'users.info', 'views.update', 'admin.users.session.reset']) {
      expect(through).toContain(`POST /api/${method}`);
    }
    expect(through.some((l) => l.startsWith('POST /respond/'))).toBe(true);
  });

  it('carries the reads of Slack’s Audit Logs API too', async () => {
    const h = await startHarness(
      { HTTP_PROXY: proxy.url, AUDIT_CONFIRM_WAIT_SECONDS: '2', AUDIT_SCAN_INTERVAL_SECONDS: '0' },
      { setup: (fake) => fake.addUser({ id: ALICE, real_name: 'Alice Example' }), slackAudit: () => {} },
    );
    try {
      await h.command('/reset-sessions', `<@${ALICE}>`);
      await h.submit(h.lastView());
      const logs = `GET ${h.slackAudit?.url}logs?`;
      for (let i = 0; i < 200 && !h.audit.some((r) => r.outcome === 'confirmed_by_slack'); i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(h.audit.filter((r) => r.outcome === 'confirmed_by_slack')).toHaveLength(1);
      expect(proxy.seen.some((line) => line.startsWith(logs))).toBe(true);
    } finally {
      await h.stop();
    }
  });

  it('is bypassed for the hosts NO_PROXY names', async () => {
    const { fake } = await signOutAlice({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
    expect(fake.adminCalls()).toHaveLength(1);
    expect(proxy.seen).toEqual([]);
  });

  it('carries the Socket Mode connection too: apps.connections.open and the WebSocket', async () => {
    const { fake, port } = await signOutAlice({ HTTP_PROXY: proxy.url }, true);
    expect(fake.adminCalls()).toHaveLength(1);
    expect(proxy.seen).toContain(`POST http://127.0.0.1:${port}/api/apps.connections.open`);
    // undici opens the WebSocket through a CONNECT tunnel to the socket's own port.
    expect(proxy.seen.some((l) => l.startsWith('CONNECT 127.0.0.1:'))).toBe(true);
  });
});
