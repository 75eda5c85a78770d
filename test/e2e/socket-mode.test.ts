import type { FakeSlack } from '../support/fake-slack';
import { waitUntil } from '../support/fake-socket-mode';
import { FAKE, type Harness, startHarness, textOf } from '../support/harness';

const ALICE = 'W0ALICE001';

const people = (fake: FakeSlack) => {
  fake.addUser({ id: ALICE, real_name: 'Alice Example', profile: { email: 'alice@example.com' } });
  fake.addUser({ id: FAKE.admin, real_name: 'Invoking Admin' });
};

/** One whole reset over the socket: command, confirmation, Submit; what reached Slack and what the admin read. */
async function resetAlice(h: Harness): Promise<void> {
  const before = h.fake.adminCalls().length;
  const updates = h.fake.callsTo('views.update').length;
  // Acked at once, empty, as over HTTP; the modal opens and fills after the ack.
  expect(await h.command('/reset-sessions', `<@${ALICE}>`)).toEqual({ status: 200, text: '', json: undefined });
  await h.fake.waitFor('views.update', updates + 1);
  const confirm = h.lastView();
  expect(confirm.view.callback_id).toBe('reset_sessions_confirm');
  expect(textOf(confirm.view)).toContain('Alice Example');

  const answer = await h.submit(confirm);
  expect(answer.json?.response_action).toBe('update');
  await waitUntil(() => textOf(h.lastView().view).includes('Signed out 1 of 1 person'), 5000, 'the result');
  expect(h.fake.adminCalls().slice(before)).toEqual([
    { method: 'admin.users.session.reset', token: FAKE.adminToken, args: { user_id: ALICE } },
  ]);
}

const health = async (h: Harness) => (await fetch(`${h.baseUrl}/healthz`)).status;

describe('Socket Mode end to end', () => {
  let h: Harness;
  afterEach(() => h?.stop());

  it('opens one connection with the app token and runs a command and its confirmation over it', async () => {
    h = await startHarness({}, { socketMode: true, processBeforeResponse: false, setup: people });
    expect(h.socket?.live()).toHaveLength(1);
    await resetAlice(h);
    expect(await health(h)).toBe(200);
  });

  it('refuses someone not on the allowlist in the ack, and calls nothing', async () => {
    h = await startHarness({}, { socketMode: true, processBeforeResponse: false, setup: people });
    h.fake.calls.splice(0);
    const ack = await h.command('/reset-sessions', `<@${ALICE}>`, FAKE.stranger);
    expect(ack.json).toEqual({
      response_type: 'ephemeral',
      text: expect.stringContaining('You are not allowed to use this command'),
    });
    expect(h.fake.calls).toEqual([]);
  });

  it('opens the new connection before the old one closes when Slack asks for a refresh', async () => {
    h = await startHarness({}, { socketMode: true, processBeforeResponse: false, setup: people });
    const socket = h.socket ?? fail('no socket');
    const first = await socket.waitForConnections(1);
    // Slack at its worst: the old connection never answers the close frame.
    first.lingerOnClose = true;
    first.refresh();
    const second = await socket.waitForConnections(2);
    // The harness forgets start-up calls: this is the refresh's own.
    expect(h.fake.callsTo('apps.connections.open').map((c) => c.token)).toEqual([FAKE.appToken]);
    expect(second.openedAt).toBeGreaterThanOrEqual(first.refreshedAt ?? 0);
    expect(first.open).toBe(true);
    await resetAlice(h);
    expect(await health(h)).toBe(200);
    expect(h.logs.lines).toContainEqual(
      expect.stringMatching(/^INFO Socket Mode: Slack asked for a new connection \(refresh_requested\)/),
    );
    // The old connection never answers: the library gives up on it after its pong timeout (5 s). That is expected
    // once it has a successor, so it is no warning.
    await waitUntil(
      () => h.logs.lines.some((l) => l.startsWith("DEBUG (replaced connection) A pong wasn't received")),
      15_000,
      'the app to give up on the old connection',
    );
    expect(h.logs.lines.filter((l) => l.startsWith('WARN'))).toEqual([]);
    expect(await health(h)).toBe(200);
  }, 30_000);

  it('reconnects at once after an abrupt drop, and says so once', async () => {
    h = await startHarness({}, { socketMode: true, processBeforeResponse: false, setup: people });
    const socket = h.socket ?? fail('no socket');
    (await socket.waitForConnections(1)).drop();
    await socket.waitForConnections(2);
    await resetAlice(h);
    expect(h.logs.lines.filter((l) => l.includes('connection lost'))).toEqual([
      'INFO Socket Mode: connection lost; reconnecting',
    ]);
  });

  it.each([
    ['an HTTP 503', { status: 503, body: { ok: false, error: 'service_unavailable' } }, 'slack_server_error'],
    ['a dropped connection', { drop: true }, 'network_error'],
    ['a timeout', { delayMs: 1500, body: { ok: true, url: 'ws://127.0.0.1:1/never' } }, 'timeout'],
    ['a refused WebSocket', { body: { ok: true, url: 'ws://127.0.0.1:1/refused' } }, 'connection_closed'],
  ])(
    'keeps trying after %s from apps.connections.open, is unhealthy meanwhile, then works again',
    async (_name, reply, code) => {
      h = await startHarness(
        { SLACK_API_TIMEOUT_MS: '1000' },
        { socketMode: true, processBeforeResponse: false, setup: people, socketHealthGraceMs: 200 },
      );
      const socket = h.socket ?? fail('no socket');
      // Slack is unreachable for three attempts (about 1 + 2 + 4 s of backoff, halved at worst by jitter).
      let failures = 0;
      socket.onOpen = () => (failures++ < 3 ? reply : undefined);
      (await socket.waitForConnections(1)).drop();
      await waitUntil(() => failures >= 1, 5000, 'a failed attempt');
      await new Promise((r) => setTimeout(r, 300));
      expect(await health(h)).toBe(503);
      await socket.waitForConnections(2, 20_000);
      expect(failures).toBe(4);
      expect(await health(h)).toBe(200);
      await resetAlice(h);
      const warnings = h.logs.lines.filter((l) => l.startsWith('WARN Socket Mode: could not reconnect'));
      expect(warnings).toHaveLength(3);
      expect(warnings[0]).toContain(`(${code})`);
      expect(h.logs.lines).toContainEqual(
        expect.stringMatching(/^INFO Socket Mode: connected, \d+ ms after the connection was lost/),
      );
    },
    30_000,
  );
});

describe('Socket Mode start-up', () => {
  it.each([
    ['invalid_auth', 'Slack rejected it; it may have been revoked or mistyped.'],
    ['missing_scope', 'It lacks the connections:write scope'],
  ])('names SLACK_APP_TOKEN when Slack answers %s, and does not start', async (error, sentence) => {
    const started = startHarness(
      {},
      {
        socketMode: true,
        setup: (fake) => fake.on('apps.connections.open', () => ({ body: { ok: false, error } })),
      },
    );
    await expect(started).rejects.toThrow(
      `SLACK_APP_TOKEN could not open a Socket Mode connection (${error}): ${sentence}`,
    );
  });
});
