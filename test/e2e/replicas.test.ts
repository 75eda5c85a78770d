import { Client } from 'pg';
import { FakeSlack } from '../support/fake-slack';
import { FAKE, textOf } from '../support/harness';
import {
  createSchema,
  dropSchema,
  postgresAvailable,
  schemaUrl,
  TEST_DATABASE_URL,
  testSchema,
} from '../support/postgres';
import { httpEnv, type run, startReplicas } from '../support/process';
import { payloadBody, postSigned } from '../support/signed-request';
import { blockActionsBody, commandBody, viewSubmissionBody } from '../support/slack-payloads';

const ALICE = 'W0ALICE001';
const BOB = 'W0BOB00001';
const CAROL = 'W0CAROL001';

/** Two real app processes on two ports, one DATABASE_URL, one fake Slack: a team's two replicas. */
(postgresAvailable ? describe : describe.skip)('two replicas sharing one PostgreSQL', () => {
  const schema = testSchema();
  const fake = new FakeSlack();
  const replicas: ReturnType<typeof run>[] = [];
  const ports: number[] = [];
  let triggers = 0;

  beforeAll(async () => {
    await createSchema(schema);
    fake.addUser({ id: ALICE, real_name: 'Alice Example' });
    fake.addUser({ id: BOB, real_name: 'Bob Example' });
    fake.addUser({ id: CAROL, real_name: 'Carol Admin', enterprise_user: { is_admin: true } });
    await fake.start();
    const env = {
      ...httpEnv(fake),
      ADMIN_USER_IDS: `${FAKE.admin},${FAKE.otherAdmin}`,
      DATABASE_URL: schemaUrl(schema),
      AUDIT_CHANNEL_ID: 'C0AUDIT001',
      // Only an admin target needs a second admin (Carol): the other tests run at once.
      APPROVAL_REQUIRED: 'privileged',
    };
    const started = await startReplicas(2, env);
    replicas.push(...started.replicas);
    ports.push(...started.ports);
  }, 30_000);

  afterAll(async () => {
    for (const r of replicas) r.child.kill('SIGTERM');
    await Promise.all(replicas.map((r) => r.exit));
    await fake.stop();
    await dropSchema(schema);
  });

  const events = (replica: number) => `http://127.0.0.1:${ports[replica]}/slack/events`;
  const sign = { secret: FAKE.signingSecret };
  const command = (replica: number, text: string, userId: string = FAKE.admin) =>
    postSigned(
      events(replica),
      commandBody({
        command: '/reset-sessions',
        text,
        userId,
        triggerId: `1337.${++triggers}.replica`,
        responseUrl: fake.responseUrl(`replica${triggers}`),
      }),
      sign,
    );
  /** The confirmation a command on `replica` led to: the latest views.update, once the look-ups are done. */
  const confirmationOf = async (replica: number, text: string, userId: string = FAKE.admin) => {
    const before = fake.callsTo('views.update').length;
    await command(replica, text, userId);
    // The first confirmation shown after the command: an earlier plan's result may still be arriving meanwhile.
    const confirmation = () =>
      fake
        .callsTo('views.update')
        .slice(before)
        .find((c) => String(c.args.view).includes('"callback_id":"reset_sessions_confirm"'));
    for (let i = 0; i < 250 && !confirmation(); i++) await new Promise((r) => setTimeout(r, 20));
    const update = confirmation();
    return { id: update?.args.view_id ?? '', view: JSON.parse(update?.args.view ?? '{}') as Record<string, unknown> };
  };
  const submit = (
    replica: number,
    confirm: { id: string; view: Record<string, unknown> },
    userId: string = FAKE.admin,
  ) =>
    postSigned(
      events(replica),
      viewSubmissionBody({ viewId: confirm.id, view: confirm.view, userId, triggerId: `1337.${++triggers}.submit` }),
      sign,
    );
  const resetsOf = (userId: string) =>
    fake.callsTo('admin.users.session.reset').filter((c) => c.args.user_id === userId);

  it('runs a confirmation submitted to both at the same instant once, and refuses a later replay to either', async () => {
    const confirm = await confirmationOf(0, `<@${ALICE}>`);
    const answers = await Promise.all([submit(0, confirm), submit(1, confirm)]);
    const said = answers.map((a) => textOf(a.json));
    expect(said.filter((t) => t.includes('Already done'))).toHaveLength(1);
    expect(said.filter((t) => t.includes('Signing out 1 person'))).toHaveLength(1);
    await fake.waitFor('admin.users.session.reset', 1);
    // The other replica had its chance at the same moment: nothing more arrives.
    await new Promise((r) => setTimeout(r, 500));
    expect(resetsOf(ALICE)).toHaveLength(1);

    for (const replica of [0, 1]) {
      expect(textOf((await submit(replica, confirm)).json)).toContain('Already done');
    }
    expect(resetsOf(ALICE)).toHaveLength(1);
  });

  it('shows a reset made through one replica as a cooldown through the other', async () => {
    const confirm = await confirmationOf(0, `<@${BOB}>`, FAKE.otherAdmin);
    await submit(0, confirm, FAKE.otherAdmin);
    await fake.waitFor('admin.users.session.reset', resetsOf(ALICE).length + 1);
    const seen = await confirmationOf(1, `<@${BOB}>`);
    expect(textOf(seen.view)).toContain('Already signed out');
  });

  it('answers history and App Home the same from either replica', async () => {
    // Earlier tests' checks afterwards are written after their reports: wait until each sign-out has its own, so both
    // replicas read the same records.
    const posted = (what: string) =>
      fake
        .callsTo('chat.postMessage')
        .filter((c) => c.args.channel === 'C0AUDIT001' && String(c.args.text).includes(what));
    for (let i = 0; i < 200 && posted('*checked afterwards*').length < posted('*executed*').length; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    const history: string[] = [];
    for (const replica of [0, 1]) {
      const before = fake.responses.length;
      await command(replica, `history <@${ALICE}>`);
      // The history's own answer: an earlier test's check afterwards may still arrive meanwhile.
      const answer = () => fake.responses.slice(before).find((r) => String(r.body.text).includes('Recent records'));
      for (let i = 0; i < 100 && !answer(); i++) await new Promise((r) => setTimeout(r, 50));
      history.push(String(answer()?.body.text));
    }
    expect(history[0]).toContain('Recent records naming');
    expect(history[1]).toBe(history[0]);

    const homes: string[] = [];
    for (const replica of [0, 1]) {
      const before = fake.callsTo('views.publish').length;
      const event = {
        team_id: 'T0TEAM0001',
        api_app_id: 'A0APP00001',
        type: 'event_callback',
        event_id: `EvHome${replica}`,
        event_time: 1,
        event: { type: 'app_home_opened', user: FAKE.admin, channel: 'D0HOME0001', tab: 'home' },
      };
      await postSigned(events(replica), JSON.stringify(event), { ...sign, contentType: 'application/json' });
      const published = await fake.waitFor('views.publish', before + 1);
      homes.push(published.at(-1)?.args.view ?? '');
    }
    expect(homes[0]).toContain('Recent session actions');
    expect(homes[1]).toBe(homes[0]);
  });

  it('takes a request made through one replica, approved through both at once, and runs it once', async () => {
    const confirm = await confirmationOf(0, `<@${CAROL}>`);
    expect(textOf(confirm.view)).toContain('This needs a second admin’s approval');
    const before = fake.callsTo('chat.postMessage').length;
    await submit(0, confirm);
    const posts = await fake.waitFor('chat.postMessage', before + 1);
    const request = posts.slice(before).find((c) => String(c.args.blocks).includes('approval_approve'));
    const blocks = JSON.parse(request?.args.blocks ?? '[]') as { type: string; elements?: { value?: string }[] }[];
    const id = blocks.find((b) => b.type === 'actions')?.elements?.[0]?.value ?? '';
    expect(resetsOf(CAROL)).toHaveLength(0);

    const click = (replica: number) =>
      postSigned(
        events(replica),
        blockActionsBody({
          userId: FAKE.otherAdmin,
          actionId: 'approval_approve',
          value: id,
          triggerId: `1337.${++triggers}.click`,
          responseUrl: fake.responseUrl(`click${triggers}`),
          message: { channel: 'C0AUDIT001', ts: '1700000000.000001' },
        }),
        sign,
      );
    await Promise.all([click(0), click(1)]);
    await fake.waitFor('admin.users.session.reset', resetsOf(ALICE).length + resetsOf(BOB).length + 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(resetsOf(CAROL)).toHaveLength(1);
    // The click that lost is told so, through its response_url.
    const said = () => fake.responses.map((r) => String(r.body.text));
    const deadline = Date.now() + 5_000;
    while (!said().some((t) => t.includes('already approved')) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(said()).toContainEqual(expect.stringContaining('already approved'));
  });

  it('refuses a stranger on both, records both refusals in the one store, and posts them once', async () => {
    for (const replica of [0, 1]) {
      const answer = await postSigned(
        events(replica),
        payloadBody({ type: 'block_actions', user: { id: FAKE.stranger }, actions: [] }),
        sign,
      );
      expect(answer.status).toBe(200);
    }
    // The record is written after the ack: wait for both.
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const refusals = async () =>
        (
          await client.query(
            `SELECT count(*)::int AS n FROM "${schema}".audit_records WHERE invoker_id = $1 AND outcome = 'refused'`,
            [FAKE.stranger],
          )
        ).rows[0]?.n;
      const deadline = Date.now() + 5_000;
      while ((await refusals()) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await refusals()).toBe(2);
    } finally {
      await client.end();
    }
    // The channel throttle is in the store too: the second replica holds back what the first already posted. A post
    // may wait for its turn under chat.postMessage's pace (one a second per channel, scaled): give both time to come.
    const refusalPosts = () =>
      fake.callsTo('chat.postMessage').filter((c) => String(c.args.text).includes(`<@${FAKE.stranger}>`));
    // Earlier tests posted to the channel too: wait for this refusal's own post, then long enough for a second one.
    for (let i = 0; i < 200 && refusalPosts().length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 500));
    await fake.settle();
    expect(refusalPosts()).toHaveLength(1);
  });
});
