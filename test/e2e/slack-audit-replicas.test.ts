import { Client } from 'pg';
import { FakeSlack } from '../support/fake-slack';
import { AUDIT_OWNER_TOKEN, FakeSlackAudit } from '../support/fake-slack-audit';
import { FAKE } from '../support/harness';
import {
  createSchema,
  dropSchema,
  postgresAvailable,
  schemaUrl,
  TEST_DATABASE_URL,
  testSchema,
} from '../support/postgres';
import { confirmReset, httpEnv, type run, startReplicas } from '../support/process';

const ALICE = 'W0ALICE001';
const BOB = 'W0BOB00001';
const MALLORY = 'W0MALLORY1';

/** Two app processes on one PostgreSQL reading one Audit Logs API: every finding is acted on once. */
(postgresAvailable ? describe : describe.skip)('two replicas reading Slack’s audit log', () => {
  const schema = testSchema();
  const fake = new FakeSlack();
  const audit = new FakeSlackAudit(fake);
  const replicas: ReturnType<typeof run>[] = [];
  const ports: number[] = [];

  beforeAll(async () => {
    await createSchema(schema);
    fake.addUser({ id: ALICE, real_name: 'Alice Example' });
    fake.addUser({ id: BOB, real_name: 'Bob Example' });
    fake.addUser({ id: MALLORY, real_name: 'Mallory Admin' });
    await fake.start();
    await audit.start();
    const started = await startReplicas(2, {
      ...httpEnv(fake),
      ADMIN_USER_IDS: `${FAKE.admin},${FAKE.otherAdmin}`,
      DATABASE_URL: schemaUrl(schema),
      AUDIT_CHANNEL_ID: 'C0AUDIT001',
      SLACK_AUDIT_TOKEN: AUDIT_OWNER_TOKEN,
      SLACK_AUDIT_API_URL: audit.url,
      AUDIT_SCAN_INTERVAL_SECONDS: '1',
      AUDIT_CONFIRM_WAIT_SECONDS: '2',
    });
    replicas.push(...started.replicas);
    ports.push(...started.ports);
  }, 30_000);

  afterAll(async () => {
    for (const r of replicas) r.child.kill('SIGTERM');
    await Promise.all(replicas.map((r) => r.exit));
    await audit.stop();
    await fake.stop();
    await dropSchema(schema);
  });

  const posts = (text: string) =>
    fake
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === 'C0AUDIT001' && String(c.args.text).includes(text));
  const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('posts a sign-out made at the admin dashboard once, whichever replica scans', async () => {
    const entry = audit.addEntry({ action: 'user_session_reset_by_admin', actorId: MALLORY, targetId: BOB });
    await until('the post', () => posts(entry.id).length > 0);
    // Both replicas scan every second, each scan reading the last seconds again: still one post.
    const read = audit.logsCalls().length;
    await new Promise((r) => setTimeout(r, 3000));
    expect(audit.logsCalls().length - read).toBeGreaterThanOrEqual(2);
    expect(posts(entry.id)).toHaveLength(1);
    expect(String(posts(entry.id)[0]?.args.text)).toContain(`*By*: <@${MALLORY}>`);
  });

  it('confirms a reset made through one replica once, and never posts it as made outside', async () => {
    await confirmReset(`http://127.0.0.1:${ports[0]}/slack/events`, fake, `<@${ALICE}>`, 'audit-replica');
    await fake.waitFor('admin.users.session.reset', 1);
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const confirmations = async () =>
        (
          await client.query(
            `SELECT record FROM "${schema}".audit_records WHERE outcome = 'confirmed_by_slack' AND action = 'reset'`,
          )
        ).rows;
      await until('the confirmed_by_slack record', async () => (await confirmations()).length > 0);
      await new Promise((r) => setTimeout(r, 3000));
      const rows = await confirmations();
      expect(rows).toHaveLength(1);
      expect(rows[0]?.record.targets).toEqual([expect.objectContaining({ userId: ALICE, result: 'confirmed' })]);
    } finally {
      await client.end();
    }
    const dms = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === FAKE.admin);
    expect(dms.filter((c) => String(c.args.text).includes('Slack’s audit log'))).toHaveLength(1);
    expect(posts('outside this app').filter((c) => String(c.args.text).includes(`<@${ALICE}>`))).toEqual([]);
  });
});
