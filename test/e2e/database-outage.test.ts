import { Client } from 'pg';
import { UNGUARDED_AUDIT, UNGUARDED_RESULT } from '../../src/views/unguarded-text';
import { FakeSlack } from '../support/fake-slack';
import { FAKE, textOf } from '../support/harness';
import { createSchema, dropSchema, postgresAvailable, TEST_DATABASE_URL, testSchema } from '../support/postgres';
import { freePort, healthOf, httpEnv, run } from '../support/process';
import { postSigned } from '../support/signed-request';
import { commandBody, viewSubmissionBody } from '../support/slack-payloads';
import { TcpProxy } from '../support/tcp-proxy';

const ALICE = 'W0ALICE001';
const BOB = 'W0BOB00001';
const CHANNEL = 'C0AUDIT001';

/**
 * The real app process on PostgreSQL through a TCP hop the test can cut: the database goes away mid-incident, as a
 * blackhole (nothing answers) or refused connections, and comes back.
 */
(postgresAvailable ? describe : describe.skip)('a database outage mid-incident', () => {
  const schema = testSchema();
  const fake = new FakeSlack();
  const db = new URL(TEST_DATABASE_URL);
  const proxy = new TcpProxy(db.hostname, Number(db.port || 5432));
  let app: ReturnType<typeof run> | undefined;
  let port = 0;
  let triggers = 0;

  beforeAll(async () => {
    await createSchema(schema);
    fake.addUser({ id: ALICE, real_name: 'Alice Example' });
    fake.addUser({ id: BOB, real_name: 'Bob Example' });
    await fake.start();
    const through = new URL(TEST_DATABASE_URL);
    through.port = String(await proxy.start());
    through.searchParams.set('options', `-c search_path=${schema}`);
    port = await freePort();
    app = run({
      ...httpEnv(fake),
      ADMIN_USER_IDS: FAKE.admin,
      DATABASE_URL: through.toString(),
      AUDIT_CHANNEL_ID: CHANNEL,
      // The last message each test reads is the result, not the check that follows it.
      VERIFY_AFTER_RESET: 'false',
      PORT: String(port),
    });
    expect(await healthOf(port, 200)).toBe(200);
  }, 30_000);

  afterAll(async () => {
    app?.child.kill('SIGTERM');
    await app?.exit;
    await proxy.stop();
    await fake.stop();
    await dropSchema(schema);
  });

  const events = () => `http://127.0.0.1:${port}/slack/events`;
  const sign = { secret: FAKE.signingSecret };
  const health = async () => {
    const answer = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: answer.status, body: (await answer.json()) as { ok: boolean; store: string } };
  };
  const command = (text: string) =>
    postSigned(
      events(),
      commandBody({
        command: '/reset-sessions',
        text,
        userId: FAKE.admin,
        triggerId: `1337.${++triggers}.outage`,
        responseUrl: fake.responseUrl(`outage${triggers}`),
      }),
      sign,
    );
  const confirmationOf = async (text: string) => {
    const before = fake.callsTo('views.update').length;
    await command(text);
    const update = (await fake.waitFor('views.update', before + 1)).at(-1);
    return { id: update?.args.view_id ?? '', view: JSON.parse(update?.args.view ?? '{}') as Record<string, unknown> };
  };
  const submit = (confirm: { id: string; view: Record<string, unknown> }) =>
    postSigned(
      events(),
      viewSubmissionBody({
        viewId: confirm.id,
        view: confirm.view,
        userId: FAKE.admin,
        triggerId: `1337.${++triggers}.s`,
      }),
      sign,
    );
  const resetsOf = (userId: string) =>
    fake.callsTo('admin.users.session.reset').filter((c) => c.args.user_id === userId);
  const channelPosts = () =>
    fake
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === CHANNEL)
      .map((c) => String(c.args.text));

  it('runs a Submit while the database does not answer, inside Slack’s window, and says so to the admin, the channel and /healthz', async () => {
    expect(await health()).toEqual({ status: 200, body: { ok: true, store: 'ok' } });
    const confirm = await confirmationOf(`<@${ALICE}>`);
    await proxy.cut('blackhole');

    const started = Date.now();
    const answer = await submit(confirm);
    // Slack gives a view submission 3 s; the store gets 1 s of it, then the plan runs without it.
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(textOf(answer.json)).toContain('Signing out 1 person');
    await fake.waitFor('admin.users.session.reset', 1);
    expect(resetsOf(ALICE)).toHaveLength(1);

    const before = fake.responses.length;
    await fake.waitForResponses(before === 0 ? 1 : before);
    const told = fake.responses.map((r) => String(r.body.text)).join('\n');
    expect(told).toContain('Signed out 1 of 1 person');
    expect(told).toContain(UNGUARDED_RESULT);
    await fake.settle(200);
    expect(channelPosts().join('\n')).toContain(UNGUARDED_AUDIT);

    // Restarting would not bring the database back: /healthz stays 200 and says what is wrong.
    expect(await health()).toEqual({ status: 200, body: { ok: true, store: 'unreachable' } });

    // Run-once still holds in this process: a replay is refused and nothing more reaches Slack.
    expect(textOf((await submit(confirm)).json)).toContain('Already done');
    expect(resetsOf(ALICE)).toHaveLength(1);
  }, 20_000);

  it('answers history with a sentence while connections are refused, and is whole again once the database is back', async () => {
    await proxy.cut('refuse');
    const before = fake.responses.length;
    await command(`history <@${ALICE}>`);
    await fake.waitForResponses(before + 1);
    expect(String(fake.responses.at(-1)?.body.text)).toContain('The audit database cannot be reached right now');

    await proxy.restore();
    const deadline = Date.now() + 10_000;
    while ((await health()).body.store !== 'ok' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(await health()).toEqual({ status: 200, body: { ok: true, store: 'ok' } });

    const confirm = await confirmationOf(`<@${BOB}>`);
    await submit(confirm);
    await fake.waitFor('admin.users.session.reset', resetsOf(ALICE).length + 1);
    await fake.settle(200);
    const last = String(fake.responses.at(-1)?.body.text);
    expect(last).toContain('Signed out 1 of 1 person');
    expect(last).not.toContain(UNGUARDED_RESULT);
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT r.outcome FROM "${schema}".audit_records r JOIN "${schema}".audit_targets t ON t.record_id = r.id
         WHERE t.user_id = $1 ORDER BY r.id`,
        [BOB],
      );
      expect(rows.map((r) => r.outcome)).toEqual(['started', 'executed']);
    } finally {
      await client.end();
    }
  }, 30_000);
});
