import { DEFAULT_NOTIFY_TEMPLATE } from '../../src/config';
import { FAKE, type Harness, startHarness, textOf } from '../support/harness';

const ALICE = 'W0ALICE001';
const BOB = 'W0BOB00001';
const BOT = 'W0BOT00009';

const told = { notify: { notify_input: { type: 'checkboxes', selected_options: [{ value: 'notify' }] } } };
const people = (fake: Harness['fake']) => {
  fake.addUser({ id: ALICE, real_name: 'Alice Example' });
  fake.addUser({ id: BOB, real_name: 'Bob Example' });
  fake.addUser({ id: BOT, real_name: 'Deploy Bot', is_bot: true });
};

/** "Tell them by DM", end to end: who gets a DM, what it says, and what the admin and the record are told. */
describe('telling the people signed out', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });
  const start = async (env: Record<string, string> = {}) => {
    h = await startHarness({ AUDIT_CHANNEL_ID: 'C0AUDIT001', ...env }, { setup: people });
    return h;
  };
  const dms = (app: Harness, userId: string) =>
    app.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === userId);

  it('DMs each person signed out once, without naming the admin, and records it', async () => {
    const app = await start({ NOTIFY_TARGETS: 'true' });
    await app.command('/reset-sessions', `<@${ALICE}> <@${BOB}> <@${BOT}>`);
    const confirm = app.lastView();
    // NOTIFY_TARGETS=true: the choice starts ticked.
    expect(JSON.stringify(confirm.view)).toContain('"initial_options":[{"text":{"type":"plain_text","text":"Tell each');
    await app.submit(confirm, told);
    for (const id of [ALICE, BOB]) {
      const [dm, ...more] = dms(app, id);
      expect(more).toEqual([]);
      expect(dm?.token).toBe(FAKE.botToken);
      expect(dm?.args.text).toContain('Your Slack sessions were ended by your organization’s security team at <!date^');
      expect(dm?.args.text).not.toContain(FAKE.admin);
    }
    // The bot was refused by the guardrails: never signed out, never told.
    expect(dms(app, BOT)).toEqual([]);
    expect(textOf(app.lastView().view)).toContain('Telling the 2 people signed out by DM');
    await app.fake.waitForResponses(2);
    expect(String(app.fake.responses.at(-1)?.body.text)).toContain('Told 2 of 2 by DM');
    expect(app.audit.at(-1)).toMatchObject({
      outcome: 'notified',
      invokerId: FAKE.admin,
      targets: [
        { userId: ALICE, result: 'done' },
        { userId: BOB, result: 'done' },
      ],
    });
  });

  it('tells nobody when the choice is not ticked, nor anyone whose sign-out failed', async () => {
    const app = await start();
    await app.command('/reset-sessions', `<@${ALICE}>`);
    await app.submit(app.lastView());
    expect(dms(app, ALICE)).toEqual([]);
    expect(app.audit.map((r) => r.outcome)).toEqual(['executed']);

    app.fake.on('admin.users.session.reset', (c) =>
      c.args.user_id === BOB ? { body: { ok: false, error: 'user_session_reset_failed' } } : undefined,
    );
    await app.command('/reset-sessions', `<@${BOB}>`);
    await app.submit(app.lastView(), told);
    expect(dms(app, BOB)).toEqual([]);
    expect(textOf(app.lastView().view)).toContain('Nobody to tell by DM');
  });

  it('tells nobody in a dry run, and says it would have', async () => {
    const app = await start({ DRY_RUN: 'true' });
    await app.command('/reset-sessions', `<@${ALICE}>`);
    await app.submit(app.lastView(), told);
    expect(dms(app, ALICE)).toEqual([]);
    expect(textOf(app.lastView().view)).toContain('Would have told 1 person by DM; nobody was told.');
    expect(app.audit.at(-1)).toMatchObject({ outcome: 'notified', targets: [{ userId: ALICE, result: 'dry_run' }] });
  });

  it('records a DM that failed, and never lets it change the sign-out or what the admin is told of it', async () => {
    const app = await start();
    app.fake.on('chat.postMessage', (c) =>
      c.args.channel === BOB ? { body: { ok: false, error: 'channel_not_found' } } : undefined,
    );
    await app.command('/reset-sessions', `<@${ALICE}> <@${BOB}>`);
    await app.submit(app.lastView(), told);
    expect(textOf(app.lastView().view)).toContain('Signed out 2 of 2 people');
    expect(app.audit.find((r) => r.outcome === 'executed')?.targets.map((t) => t.result)).toEqual(['done', 'done']);
    await app.fake.waitForResponses(2);
    const note = String(app.fake.responses.at(-1)?.body.text);
    expect(note).toContain('Told 1 of 2 by DM');
    expect(note).toContain(`<@${BOB}> was not told`);
    expect(app.audit.at(-1)).toMatchObject({
      outcome: 'notified',
      targets: [
        { userId: ALICE, result: 'done' },
        { userId: BOB, result: 'failed', error: 'channel_not_found' },
      ],
    });
    const posted = app.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0AUDIT001');
    expect(String(posted.at(-1)?.args.text)).toContain(`<@${BOB}>: not told (\`channel_not_found\`)`);
  });

  it('names the admin only when NOTIFY_NAME_ADMIN allows, in the configured template', async () => {
    const app = await start({ NOTIFY_NAME_ADMIN: 'true', NOTIFY_TEMPLATE: 'Signed out by {admin} at {when}.' });
    await app.command('/reset-sessions', `<@${ALICE}>`);
    await app.submit(app.lastView(), told);
    expect(dms(app, ALICE)[0]?.args.text).toMatch(new RegExp(`^Signed out by <@${FAKE.admin}> at <!date\\^`));
    expect(DEFAULT_NOTIFY_TEMPLATE).not.toContain('{admin}');
  });
});
