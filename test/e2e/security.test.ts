import { planRef } from '../../src/domain/plan';
import { TEAM_ID } from '../support/fake-slack';
import { FAKE, type Harness, startHarness, textOf } from '../support/harness';
import { REQUEST_ID, resetPlan } from '../support/plans';
import { formBody, postSigned, signature } from '../support/signed-request';

const ALICE = 'W0ALICE001';

/** A whole plan in private_metadata, as the app once carried it: a forger's way to name any people at all. */
const forged = (change: Record<string, unknown> = {}) => JSON.stringify({ v: 1, ...resetPlan(ALICE), ...change });

describe('who may act, and what reaches the app', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({}, { setup: (fake) => fake.addUser({ id: ALICE, real_name: 'Alice Example' }) });
  });
  afterEach(() => h.stop());

  const events = () => `${h.baseUrl}/slack/events`;
  const resetView = (invokerId: string) => ({
    id: 'V000000042',
    view: {
      type: 'modal',
      callback_id: 'reset_sessions_confirm',
      private_metadata: forged({ invokerId }),
    },
  });

  it.each(['/reset-sessions', '/invalidate-session'])('refuses %s from someone not on the allowlist', async (cmd) => {
    const ack = await h.command(cmd, `<@${ALICE}>`, FAKE.stranger);
    expect(ack.status).toBe(200);
    expect(ack.json).toEqual({
      response_type: 'ephemeral',
      text: expect.stringContaining('You are not allowed to use this command'),
    });
    expect(h.fake.calls).toEqual([]);
    expect(h.logs.lines.some((l) => l.includes(`refused ${cmd} from ${FAKE.stranger}`))).toBe(true);
  });

  it('refuses a view submission from someone not on the allowlist, even with a well-formed plan', async () => {
    const answer = await h.submit(resetView(FAKE.stranger), {}, FAKE.stranger);
    expect(answer.json?.response_action).toBe('update');
    expect(textOf(answer.json)).toContain('You are not allowed');
    expect(h.fake.calls).toEqual([]);
  });

  it('refuses a confirmation another admin opened, and records the attempt', async () => {
    await h.command('/reset-sessions', `<@${ALICE}>`, FAKE.otherAdmin);
    const answer = await h.submit(h.lastView(), {}, FAKE.admin);
    expect(textOf(answer.json)).toContain('does not belong to you');
    expect(h.fake.adminCalls()).toEqual([]);
    expect(h.audit.at(-1)).toMatchObject({ outcome: 'refused', invokerId: FAKE.admin });
  });

  it.each([
    ['garbage', () => 'not json'],
    ['a whole plan, as a forger writes it', () => forged()],
    [
      'a whole plan for more people than allowed',
      () => forged({ userIds: Array.from({ length: 26 }, (_, i) => `W0USER${String(i).padStart(4, '0')}`) }),
    ],
    ['the reference of a plan never kept', () => planRef({ requestId: REQUEST_ID })],
  ])('runs nothing for a modal the app never opened, whose private_metadata holds %s', async (_name, metadata) => {
    const view = {
      id: 'V000000042',
      view: { type: 'modal', callback_id: 'reset_sessions_confirm', private_metadata: metadata() },
    };
    const answer = await h.submit(view);
    expect(answer.json?.response_action).toBe('update');
    expect(textOf(answer.json)).toMatch(/not valid|does not belong|could not be read back/);
    expect(h.fake.adminCalls()).toEqual([]);
  });

  it('runs nothing for a real confirmation’s reference sent from another modal', async () => {
    await h.command('/reset-sessions', `<@${ALICE}>`);
    const shown = h.lastView();
    const answer = await h.submit({ id: 'V0FORGED01', view: shown.view });
    expect(textOf(answer.json)).toContain('does not belong to you');
    expect(h.fake.adminCalls()).toEqual([]);
    // The real one still works.
    await h.submit(shown);
    expect(h.fake.callsTo('admin.users.session.reset')).toHaveLength(1);
  });

  const command = () =>
    formBody({
      command: '/reset-sessions',
      text: `<@${ALICE}>`,
      user_id: FAKE.admin,
      team_id: TEAM_ID,
      trigger_id: 't',
    });

  it('rejects a forged signature with 401 and no call', async () => {
    const answer = await postSigned(events(), command(), { secret: 'not-the-signing-secret-at-all' });
    expect(answer.status).toBe(401);
    expect(h.fake.calls).toEqual([]);
  });

  it('rejects a body changed after signing with 401', async () => {
    const ts = Math.floor(Date.now() / 1000);
    const sig = signature(FAKE.signingSecret, ts, command());
    const answer = await postSigned(events(), command().replace('W0ALICE001', 'W0MALLORY1'), {
      secret: FAKE.signingSecret,
      timestamp: ts,
      signature: sig,
    });
    expect(answer.status).toBe(401);
    expect(h.fake.calls).toEqual([]);
  });

  it('rejects a replayed request older than five minutes with 401', async () => {
    const answer = await postSigned(events(), command(), {
      secret: FAKE.signingSecret,
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(answer.status).toBe(401);
    expect(h.fake.calls).toEqual([]);
  });

  it('rejects a signed request without the signature headers', async () => {
    const res = await fetch(events(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: command(),
    });
    expect(res.status).toBe(401);
    expect(h.fake.calls).toEqual([]);
  });

  it.each([
    ['a garbled payload', 'payload=%7Bnot-json'],
    ['binary junk', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02]).toString('latin1')],
  ])('answers %s without crashing and without calls', async (_name, body) => {
    const answer = await postSigned(events(), body, { secret: FAKE.signingSecret });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(h.fake.calls).toEqual([]);
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect(health.status).toBe(200);
  });

  it('keeps every token and the signing secret out of the logs, even when Slack echoes them', async () => {
    h.fake.on('admin.users.session.reset', () => ({
      status: 500,
      body: { ok: false, error: `boom ${FAKE.adminToken} ${FAKE.botToken}` },
    }));
    // An error code carrying the tokens and the secret is logged as it comes: the logger must mask them.
    h.fake.on('views.update', ({ args }) =>
      args.view?.includes('unknown')
        ? { body: { ok: false, error: `echo ${FAKE.botToken} ${FAKE.adminToken} ${FAKE.signingSecret}` } }
        : undefined,
    );
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    const logs = h.logs.lines.join('\n');
    expect(logs).toContain('views.update failed: echo [redacted] [redacted] [redacted]');
    for (const secret of [FAKE.botToken, FAKE.adminToken, FAKE.signingSecret]) expect(logs).not.toContain(secret);
    expect(logs).not.toMatch(/xox[bp]-fake/);
  });

  it('answers GET /healthz with 200 and a small JSON body that names the store’s state', async () => {
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ ok: true, store: 'ok' });
  });
});

describe('start-up', () => {
  it('refuses to start when Slack rejects the admin token', async () => {
    await expect(
      startHarness(
        {},
        {
          setup: (fake) =>
            fake.on('auth.test', ({ token }) =>
              token?.startsWith('xoxp-') ? { body: { ok: false, error: 'invalid_auth' } } : undefined,
            ),
        },
      ),
    ).rejects.toThrow('SLACK_ADMIN_TOKEN was refused by Slack (invalid_auth)');
  });
});
