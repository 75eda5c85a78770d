import { Client } from 'pg';
import { FakeSlack } from '../support/fake-slack';
import { FAKE } from '../support/harness';
import { createSchema, dropSchema, postgresAvailable, schemaUrl, testSchema } from '../support/postgres';
import { confirmReset, httpEnv, type run, startReplicas } from '../support/process';

const ALICE = 'W0ALICE001';
const CHANNEL = 'C0AUDIT001';

/** Two replicas on one PostgreSQL; one is killed mid-plan and the other, still running, reports what it left. */
(postgresAvailable ? describe : describe.skip)('a replica killed mid-plan', () => {
  const schema = testSchema();
  const fake = new FakeSlack();
  const replicas: ReturnType<typeof run>[] = [];
  const ports: number[] = [];

  beforeAll(async () => {
    await createSchema(schema);
    fake.addUser({ id: ALICE, real_name: 'Alice Example' });
    // Slack holds the reset call: the replica dies while it waits.
    fake.on('admin.users.session.reset', () => ({ delayMs: 60_000, body: { ok: true } }));
    await fake.start();
    const env = {
      ...httpEnv(fake),
      ADMIN_USER_IDS: FAKE.admin,
      DATABASE_URL: schemaUrl(schema),
      AUDIT_CHANNEL_ID: CHANNEL,
      // A worst case of 1 s per call (plus the app's 5 s margin), so the test need not wait minutes.
      ADMIN_MAX_ATTEMPTS: '1',
      SLACK_API_TIMEOUT_MS: '1000',
      ADMIN_RETRY_BUDGET_MS: '0',
    };
    const started = await startReplicas(2, env);
    replicas.push(...started.replicas);
    ports.push(...started.ports);
  }, 30_000);

  afterAll(async () => {
    for (const r of replicas) r.child.kill('SIGKILL');
    await Promise.all(replicas.map((r) => r.exit));
    await fake.stop();
    await dropSchema(schema);
  });

  it('is reported as unknown by the survivor, by DM and in the audit channel, without a restart', async () => {
    await confirmReset(`http://127.0.0.1:${ports[0]}/slack/events`, fake, `<@${ALICE}>`, 'killed');
    await fake.waitFor('admin.users.session.reset');
    const killedAt = Date.now();
    replicas[0]?.child.kill('SIGKILL');
    expect((await replicas[0]?.exit)?.code).toBeNull();

    // Due 6 s after it started; the survivor looks every 10 s.
    const posts = () => fake.callsTo('chat.postMessage');
    // Two posts: the DM to the admin and the audit channel's, in either order.
    const dm = (await fake.waitFor('chat.postMessage', 2, 25_000)).find((c) => c.args.channel === FAKE.admin);
    await fake.settle(300);
    expect(Date.now() - killedAt).toBeLessThan(20_000);
    expect(dm?.args.text).toContain('cut off before it finished');
    expect(dm?.args.text).toContain(`*unknown* whether it took effect for: <@${ALICE}>`);
    const audit = posts().filter((c) => c.args.channel === CHANNEL);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.args.text).toContain('*unknown*');
    expect(posts().filter((c) => c.args.channel === FAKE.admin)).toHaveLength(1);

    const client = new Client({ connectionString: schemaUrl(schema) });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT outcome FROM audit_records ORDER BY id');
      expect(rows.map((r) => r.outcome)).toEqual(['started', 'unknown']);
    } finally {
      await client.end();
    }
  }, 40_000);
});
