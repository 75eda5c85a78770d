import { FAKE, type Harness, startHarness, textOf } from '../support/harness';

const ALICE = 'W0ALICE001';
const BOT = 'W0BOT00009';
const CHANNEL = 'C0SECURITY1';

const get = async (h: Harness, path: string) => {
  const res = await fetch(`${h.baseUrl}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

/** One sample of a Prometheus text exposition, by name and labels in the order the app writes them. */
const sample = (metrics: string, series: string): number | undefined => {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('what an operator sees: probes, metrics, the admin token watch', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(
      { AUDIT_CHANNEL_ID: CHANNEL },
      {
        setup: (fake) => {
          fake.addUser({ id: ALICE, real_name: 'Alice Example' });
          fake.addUser({ id: BOT, real_name: 'Deploy Bot', is_bot: true });
        },
      },
    );
  });
  afterEach(() => h.stop());

  it('answers /livez, /readyz, /healthz and /metrics, and never logs a probe or an unknown path at info', async () => {
    expect(await get(h, '/livez')).toMatchObject({ status: 200, text: '{"ok":true}' });
    const ready = await get(h, '/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({ ok: true, store: 'ok', adminToken: 'valid' });
    expect(JSON.parse((await get(h, '/healthz')).text)).toEqual({ ok: true, store: 'ok' });
    const metrics = await get(h, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.type).toContain('text/plain');
    expect(sample(metrics.text, 'session_app_admin_token_valid')).toBe(1);
    expect(sample(metrics.text, 'session_app_store_up')).toBe(1);
    expect(sample(metrics.text, 'session_app_approvals_pending')).toBe(0);
    expect((await get(h, '/wp-login.php')).status).toBe(404);

    const loud = h.logs.lines.filter((l) => !l.startsWith('DEBUG'));
    for (const path of ['/livez', '/readyz', '/healthz', '/metrics', '/wp-login.php']) {
      expect(loud.filter((l) => l.includes(path))).toEqual([]);
    }
  });

  it('counts commands, refusals, Submit outcomes, per-person results and Slack calls by method', async () => {
    await h.command('/reset-sessions', `<@${ALICE}> <@${BOT}>`);
    await h.submit(h.lastView());
    await h.command('/reset-sessions', `<@${ALICE}>`, FAKE.stranger);
    const { text } = await get(h, '/metrics');

    expect(sample(text, 'session_app_commands_total{command="/reset-sessions",outcome="accepted"}')).toBe(1);
    expect(sample(text, 'session_app_commands_total{command="/reset-sessions",outcome="refused"}')).toBe(1);
    // The bot is refused before any call (said on the confirmation): Alice alone is signed out.
    expect(sample(text, 'session_app_audit_records_total{action="reset",outcome="partial"}')).toBe(1);
    expect(sample(text, 'session_app_target_results_total{action="reset",result="done"}')).toBe(1);
    expect(sample(text, 'session_app_target_results_total{action="reset",result="not_attempted"}')).toBe(1);
    expect(sample(text, 'session_app_slack_calls_total{method="admin.users.session.reset",outcome="ok"}')).toBe(1);
    expect(sample(text, 'session_app_slack_calls_total{method="users.info",outcome="ok"}')).toBe(2);
    expect(sample(text, 'session_app_slack_call_duration_seconds_count{method="admin.users.session.reset"}')).toBe(1);
    // No user ID and no free text ever labels a series.
    expect(text).not.toContain(ALICE);
    expect(text).not.toContain(FAKE.stranger);
  });

  it('counts 429s by method', async () => {
    h.fake.on('admin.users.session.reset', () =>
      h.fake.callsTo('admin.users.session.reset').length === 1
        ? { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } }
        : undefined,
    );
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    expect(textOf(h.lastView().view)).toContain('Signed out 1 of 1 person');
    const { text } = await get(h, '/metrics');
    expect(sample(text, 'session_app_slack_rate_limited_total{method="admin.users.session.reset"}')).toBe(1);
    expect(sample(text, 'session_app_slack_calls_total{method="admin.users.session.reset",outcome="ok"}')).toBe(1);
  });

  it('sees a revoked admin token at its first use: error line, metric, /readyz, the audit channel, and the truth to the admin', async () => {
    h.fake.revoked.add(FAKE.adminToken);
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());

    const result = textOf(h.lastView().view);
    expect(result).not.toContain('Signed out 1 of 1');
    expect(result).toContain('revoked');
    expect(h.audit.at(-1)).toMatchObject({ outcome: 'failed', targets: [{ userId: ALICE, result: 'failed' }] });

    expect(h.logs.lines.filter((l) => l.startsWith('ERROR') && l.includes('ADMIN TOKEN LOST'))).toHaveLength(1);
    const ready = await get(h, '/readyz');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.text)).toMatchObject({
      ok: false,
      adminToken: 'lost',
      why: expect.stringContaining('token_revoked'),
    });
    // A restart would not bring the token back: the process is alive.
    expect((await get(h, '/livez')).status).toBe(200);
    expect(sample((await get(h, '/metrics')).text, 'session_app_admin_token_valid')).toBe(0);
    const posts = h.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.args.text?.includes('admin token no longer works'));
    expect(posts).toHaveLength(1);
    expect(posts[0]?.args.channel).toBe(CHANNEL);
    expect(posts[0]?.token).toBe(FAKE.botToken);

    // A second failure is the same loss: said once until the token works again.
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    expect(h.logs.lines.filter((l) => l.includes('ADMIN TOKEN LOST'))).toHaveLength(1);
    for (const line of h.logs.lines) expect(line).not.toContain(FAKE.adminToken);
  });
});
