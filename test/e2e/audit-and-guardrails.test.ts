import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteAuditStore } from '../../src/adapters/sqlite-audit-store';
import { ADMIN_TOKEN_OWNER, type FakeSlack } from '../support/fake-slack';
import { FAKE, type Harness, startHarness, textOf } from '../support/harness';

const ALICE = 'W0ALICE001';
const BOB = 'W0BOB00001';
const DEAD = 'W0GONE0001';
const PRIMARY = 'W0PRIME001';

const people = (fake: FakeSlack) => {
  fake.addUser({ id: ALICE, real_name: 'Alice Example' });
  fake.addUser({ id: BOB, real_name: 'Bob Example' });
  fake.addUser({ id: DEAD, real_name: 'Gone Person', deleted: true });
  fake.addUser({ id: PRIMARY, real_name: 'Prime Owner', enterprise_user: { is_primary_owner: true } });
  fake.addUser({ id: ADMIN_TOKEN_OWNER, real_name: 'Token Owner', enterprise_user: { is_owner: true } });
  fake.addSession(ALICE, 2001);
};
const dbPath = () => join(mkdtempSync(join(tmpdir(), 'audit-e2e-')), 'nested', 'audit.db');
const reason = (value: string) => ({ reason: { reason_input: { type: 'plain_text_input', value } } });
const again = { cooldown: { cooldown_input: { type: 'checkboxes', selected_options: [{ value: 'again' }] } } };

describe('the audit trail', () => {
  let h: Harness;
  let path: string;
  beforeEach(async () => {
    path = dbPath();
    h = await startHarness({ AUDIT_DB_PATH: path, AUDIT_CHANNEL_ID: 'C0SECURITY1' }, { setup: people });
  });
  afterEach(() => h.stop());

  it('keeps an executed reset in the store, across a restart, and posts it escaped to the audit channel', async () => {
    await h.command('/reset-sessions', `<@${ALICE}>`);
    const confirm = h.lastView();
    await h.submit(confirm, reason('phished <!channel> & <@W0BOB00001> <https://evil.example|click>'));
    await h.stop();

    const store = openSqliteAuditStore(path);
    const [record] = await store.recent(5);
    await store.close();
    expect(record).toMatchObject({
      invokerId: FAKE.admin,
      action: 'reset',
      outcome: 'executed',
      details: { scope: 'all' },
      reason: 'phished <!channel> & <@W0BOB00001> <https://evil.example|click>',
      targets: [{ userId: ALICE, result: 'done' }],
    });
    expect(record?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(record?.requestId).toBe(JSON.parse(String(confirm.view.private_metadata)).requestId);

    const [post] = h.fake.callsTo('chat.postMessage');
    expect(post?.token).toBe(FAKE.botToken);
    expect(post?.args.channel).toBe('C0SECURITY1');
    const text = post?.args.text ?? '';
    expect(text).toContain(`<@${FAKE.admin}> — *executed*: signing out 1 person (all sessions)`);
    expect(text).toContain(`<@${ALICE}>: done`);
    expect(text).toContain(
      'Reason: phished &lt;!channel&gt; &amp; &lt;@W0BOB00001&gt; &lt;https://evil.example|click&gt;',
    );
    expect(text).not.toContain('<!channel>');
    // Re-open for the next afterEach.
    h = await startHarness({ AUDIT_DB_PATH: path }, { setup: people });
  });

  it('records refusals, cancels, failures and per-target outcomes', async () => {
    await h.command('/reset-sessions', `<@${ALICE}>`, FAKE.stranger);
    await h.command('/reset-sessions', `<@${ALICE}>`, FAKE.stranger);
    await h.command('/invalidate-session', `<@${ALICE}>`);
    await h.close(h.lastView());
    h.fake.on('admin.users.session.reset', ({ args }) =>
      args.user_id === BOB ? { body: { ok: false, error: 'user_session_reset_failed' } } : undefined,
    );
    await h.command('/reset-sessions', `<@${ALICE}> <@${BOB}> --web`);
    await h.submit(h.lastView());

    expect(h.audit.map((r) => [r.outcome, r.action, r.invokerId])).toEqual([
      ['refused', 'reset', FAKE.stranger],
      ['refused', 'reset', FAKE.stranger],
      ['cancelled', 'invalidate', FAKE.admin],
      ['partial', 'reset', FAKE.admin],
    ]);
    expect(h.audit[2]?.targets).toEqual([
      { userId: ALICE, teamId: 'T0TEAM0001', sessionId: 2001, result: 'not_attempted' },
    ]);
    expect(h.audit[3]).toMatchObject({
      details: { scope: 'web' },
      targets: [
        { userId: ALICE, result: 'done' },
        { userId: BOB, result: 'failed', error: 'user_session_reset_failed' },
      ],
    });
    // Every refusal is recorded; the channel hears of a refusing user once per 10 minutes, not at every attempt.
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(3);
  });

  it('writes a "started" record, in the store, before the first admin call', async () => {
    const seenAtCall: string[] = [];
    h.fake.on('admin.users.session.reset', () => {
      seenAtCall.push(...h.allAudit.map((r) => r.outcome));
      return undefined;
    });
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView(), reason('INC-9'));
    expect(seenAtCall).toEqual(['started']);
    expect(h.allAudit.map((r) => [r.outcome, r.targets[0]?.result])).toEqual([
      ['started', 'pending'],
      ['executed', 'done'],
    ]);
    expect(h.allAudit[0]?.requestId).toBe(h.allAudit[1]?.requestId);
    // The channel gets the outcome only.
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('never runs a confirmation that was cancelled', async () => {
    await h.command('/reset-sessions', `<@${ALICE}>`);
    const confirm = h.lastView();
    await h.close(confirm);
    const answer = await h.submit(confirm);
    expect(textOf(answer.json)).toContain('already submitted or cancelled');
    expect(h.fake.adminCalls()).toEqual([]);
  });

  it('records a plan whose every call has an unknown result as unknown, not failed', async () => {
    h.fake.on('admin.users.session.reset', () => ({ status: 503, body: {} }));
    await h.stop();
    h = await startHarness({ AUDIT_DB_PATH: path, ADMIN_MAX_ATTEMPTS: '1' }, { setup: people });
    h.fake.on('admin.users.session.reset', () => ({ status: 503, body: {} }));
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    expect(h.audit.map((r) => r.outcome)).toEqual(['unknown']);
  });

  it('never lets a failed audit write change what the admin is told', async () => {
    h.fake.on('chat.postMessage', () => ({ body: { ok: false, error: 'not_in_channel' } }));
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    expect(textOf(h.lastView().view)).toContain('Signed out 1 of 1 person');
    expect(h.logs.lines.some((l) => l.includes('AUDIT FAILURE') && l.includes('channel C0SECURITY1'))).toBe(true);
    expect(h.audit).toHaveLength(1);
  });
});

describe('guardrails', () => {
  let h: Harness;
  afterEach(() => h.stop());

  it('refuses deactivated people and the Org Primary Owner before any call, and warns about the token owner', async () => {
    h = await startHarness({}, { setup: people });
    await h.command('/reset-sessions', `<@${DEAD}> <@${PRIMARY}> <@${ADMIN_TOKEN_OWNER}>`);
    const shown = textOf(h.lastView().view);
    expect(shown).toContain('is deactivated');
    expect(shown).toContain('is the Org Primary Owner: Slack never lets an app sign them out');
    expect(shown).toContain('This person owns the admin token this app uses');
    expect(shown).toContain('Sign out 1 person');
    await h.submit(h.lastView());
    expect(h.fake.adminCalls().map((c) => c.args.user_id)).toEqual([ADMIN_TOKEN_OWNER]);
  });

  it('asks for an explicit "again" within the cooldown, remembered across a restart', async () => {
    const path = dbPath();
    h = await startHarness({ AUDIT_DB_PATH: path }, { setup: people });
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    await h.stop();

    h = await startHarness({ AUDIT_DB_PATH: path }, { setup: people });
    await h.command('/reset-sessions', `<@${ALICE}> <@${BOB}>`);
    const confirm = h.lastView();
    expect(textOf(confirm.view)).toContain('Already signed out 1 minute ago');
    const blocks = confirm.view.blocks as { block_id?: string; optional?: boolean }[];
    expect(blocks.find((b) => b.block_id === 'cooldown')?.optional).toBeFalsy();

    const refused = await h.submit(confirm);
    expect(refused.json).toEqual({
      response_action: 'errors',
      errors: { cooldown: 'Tick this to sign them out again.' },
    });
    expect(h.fake.adminCalls()).toEqual([]);

    await h.submit(confirm, again);
    expect(h.fake.adminCalls().map((c) => c.args.user_id)).toEqual([ALICE, BOB]);
  });

  it('lets a tick cover only the people it was shown for', async () => {
    h = await startHarness({}, { setup: people });
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    await h.command('/reset-sessions', `<@${ALICE}> <@${BOB}>`);
    const confirm = h.lastView();
    // Meanwhile another admin signs Bob out.
    await h.command('/reset-sessions', `<@${BOB}>`, FAKE.otherAdmin);
    await h.submit(h.lastView(), {}, FAKE.otherAdmin);
    expect(h.fake.adminCalls()).toHaveLength(2);

    const answer = await h.submit(confirm, again);
    expect(answer.json?.response_action).toBe('errors');
    expect(String((answer.json?.errors as Record<string, string> | undefined)?.reason)).toContain(
      `Already signed out meanwhile: <@${BOB}>`,
    );
    expect(h.fake.adminCalls()).toHaveLength(2);
  });

  it('turns the cooldown off with RESET_COOLDOWN_MINUTES=0', async () => {
    h = await startHarness({ RESET_COOLDOWN_MINUTES: '0' }, { setup: people });
    for (let i = 0; i < 2; i++) {
      await h.command('/reset-sessions', `<@${ALICE}>`);
      await h.submit(h.lastView());
    }
    expect(h.fake.adminCalls()).toHaveLength(2);
  });

  it('makes the reason mandatory with REQUIRE_REASON=true', async () => {
    h = await startHarness({ REQUIRE_REASON: 'true' }, { setup: people });
    await h.command('/invalidate-session', `<@${ALICE}> 2001`);
    const confirm = h.lastView();
    const reasonBlock = (confirm.view.blocks as { block_id?: string; optional?: boolean }[]).find(
      (b) => b.block_id === 'reason',
    );
    expect(reasonBlock?.optional).toBe(false);
    const answer = await h.submit(confirm, reason('   '));
    expect(answer.json).toEqual({
      response_action: 'errors',
      errors: { reason: 'A reason is required: say why, for the record.' },
    });
    expect(h.fake.adminCalls().filter((c) => c.method === 'admin.users.session.invalidate')).toEqual([]);
    await h.submit(confirm, reason('stolen laptop'));
    expect(h.fake.callsTo('admin.users.session.invalidate')).toHaveLength(1);
  });

  it('in DRY_RUN makes no change, says "would have", and records a dry run', async () => {
    h = await startHarness({ DRY_RUN: 'true' }, { setup: people });
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    await h.command('/invalidate-session', `<@${ALICE}> 2001`);
    await h.submit(h.lastView());
    expect(h.fake.callsTo('admin.users.session.reset')).toEqual([]);
    expect(h.fake.callsTo('admin.users.session.invalidate')).toEqual([]);
    const result = textOf(h.lastView().view);
    expect(result).toContain('Dry run: would have ended 1 of 1 session; nothing was changed');
    expect(result).toContain('would have been ended');
    expect(h.audit.map((r) => [r.action, r.outcome, r.targets[0]?.result])).toEqual([
      ['reset', 'dry_run', 'dry_run'],
      ['invalidate', 'dry_run', 'dry_run'],
    ]);
    expect(h.logs.lines.some((l) => l.includes('DRY_RUN is on'))).toBe(true);
  });
});

describe('seeing the history', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({}, { setup: people });
    await h.command('/reset-sessions', `<@${ALICE}> --mobile`);
    await h.submit(h.lastView(), reason('alert 7 <!here>'));
  });
  afterEach(() => h.stop());

  it('shows allowlisted admins the recent actions on App Home', async () => {
    const answer = await h.event({ type: 'app_home_opened', user: FAKE.admin, channel: 'D0DM000001', tab: 'home' });
    expect(answer.status).toBe(200);
    await h.fake.waitFor('views.publish');
    const [publish] = h.fake.callsTo('views.publish');
    expect(publish?.args.user_id).toBe(FAKE.admin);
    const home = textOf(JSON.parse(publish?.args.view ?? '{}'));
    expect(home).toContain('Recent session actions');
    expect(home).toContain(`<@${FAKE.admin}> — *executed*: signing out 1 person (mobile sessions only)`);
    expect(home).toContain('Reason: alert 7 &lt;!here&gt;');
  });

  it('shows anyone else one line about what the app is', async () => {
    await h.event({ type: 'app_home_opened', user: FAKE.stranger, channel: 'D0DM000002', tab: 'home' });
    await h.fake.waitFor('views.publish');
    const home = textOf(JSON.parse(h.fake.callsTo('views.publish')[0]?.args.view ?? '{}'));
    expect(home).toContain('It is not for general use.');
    expect(home).not.toContain(ALICE);
  });

  it('answers /reset-sessions history @person with their records', async () => {
    const ack = await h.command('/reset-sessions', `history <@${ALICE}>`);
    expect(ack.text).toBe('');
    await h.fake.waitForResponses(2);
    const text = String(h.fake.responses.at(-1)?.body.text);
    expect(text).toContain(`Recent records naming <@${ALICE}>`);
    expect(text).toContain(`<@${ALICE}>: done`);
    expect(text).toContain('Reason: alert 7 &lt;!here&gt;');
    expect(h.fake.adminCalls()).toHaveLength(1);
  });

  it('says so when nobody has a record', async () => {
    await h.command('/reset-sessions', `history <@${BOB}>`);
    await h.fake.waitForResponses(2);
    expect(String(h.fake.responses.at(-1)?.body.text)).toContain(`No records name <@${BOB}>`);
  });
});
