import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BUTTON_REFUSAL } from '../../src/middleware/require-admin';
import type { RecordedCall } from '../support/fake-slack';
import { FAKE, type Harness, startHarness, textOf } from '../support/harness';

const ALICE = 'W0ALICE001';
const CAROL = 'W0CAROL001';
const THIRD = 'W0ADMIN003';
const CHANNEL = 'C0APPROVE1';

const reason = (value: string) => ({ reason: { reason_input: { type: 'plain_text_input', value } } });
const emergency = {
  break_glass: { break_glass_input: { type: 'checkboxes', selected_options: [{ value: 'emergency' }] } },
};
const people = (fake: Harness['fake']) => {
  fake.addUser({ id: ALICE, real_name: 'Alice Example', profile: { email: 'alice@example.com' } });
  fake.addUser({ id: CAROL, real_name: 'Carol Admin', enterprise_user: { is_admin: true } });
};

/** Two-person approval over signed HTTP, as Slack sends commands, view submissions and block actions. */
describe('two-person approval', () => {
  let h: Harness;
  let dbPath: string;
  const start = (env: Record<string, string> = {}) =>
    startHarness(
      {
        APPROVAL_REQUIRED: 'always',
        APPROVAL_CHANNEL_ID: CHANNEL,
        AUDIT_CHANNEL_ID: 'C0AUDIT001',
        ADMIN_USER_IDS: `${FAKE.admin},${FAKE.otherAdmin},${THIRD}`,
        AUDIT_DB_PATH: dbPath,
        ...env,
      },
      { setup: people },
    );
  beforeEach(async () => {
    dbPath = join(mkdtempSync(join(tmpdir(), 'approval-')), 'audit.db');
    h = await start();
  });
  afterEach(() => h.stop());

  const posts = (channel: string) => h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
  /** The ts the fake gave a posted message: its position among the calls. */
  const tsOf = (call: RecordedCall) => `1700000000.${String(h.fake.calls.indexOf(call) + 1).padStart(6, '0')}`;
  const buttonsOf = (call: RecordedCall) => {
    const blocks = JSON.parse(call.args.blocks ?? '[]') as { type: string; elements?: Record<string, unknown>[] }[];
    return blocks.find((b) => b.type === 'actions')?.elements ?? [];
  };
  /** Runs the command and submits the confirmation: the request, as posted in the approval channel. */
  const request = async (text = `<@${ALICE}>`, values: Record<string, Record<string, unknown>> = reason('INC-7')) => {
    await h.command('/reset-sessions', text);
    const answer = await h.submit(h.lastView(), values);
    const post = posts(CHANNEL).at(-1);
    if (!post) throw new Error(`no approval request was posted; the modal said: ${textOf(answer.json)}`);
    const id = String(buttonsOf(post)[0]?.value);
    return { answer, post, id, message: { channel: CHANNEL, ts: tsOf(post) } };
  };
  const approve = (id: string, message: { channel: string; ts: string }, userId: string = FAKE.otherAdmin) =>
    h.click({ actionId: 'approval_approve', value: id, message }, userId);
  const lastResponse = () => String(h.fake.responses.at(-1)?.body.text);
  const outcomes = () => h.audit.map((r) => [r.outcome, r.invokerId, r.approverId]);

  it('signs nobody out on Submit: it stores the request, posts it with Approve and Deny, and says it waits', async () => {
    const { answer, post, id } = await request();
    expect(h.fake.adminCalls()).toEqual([]);
    expect(answer.json?.response_action).toBe('update');
    expect(textOf(answer.json)).toContain('Waiting for a second admin.');
    expect(textOf(answer.json)).toContain(`<#${CHANNEL}>`);
    expect(post.token).toBe(FAKE.botToken);
    const shown = textOf(JSON.parse(post.args.blocks ?? '[]'));
    expect(shown).toContain(`<@${FAKE.admin}> asks for approval: *signing out 1 person (all sessions)*`);
    expect(shown).toContain(`<@${ALICE}>`);
    expect(shown).toContain('Reason: INC-7');
    expect(shown).toContain('expires <!date^');
    // The buttons carry the request's id and nothing else.
    expect(buttonsOf(post).map((b) => [b.action_id, b.value])).toEqual([
      ['approval_approve', id],
      ['approval_deny', id],
    ]);
    expect(outcomes()).toEqual([['approval_requested', FAKE.admin, undefined]]);
  });

  it('runs the stored plan once another admin approves, and tells the thread, the requester and the audit trail', async () => {
    const { id, message } = await request();
    await approve(id, message);
    expect(h.fake.adminCalls()).toEqual([
      { method: 'admin.users.session.reset', token: FAKE.adminToken, args: { user_id: ALICE } },
    ]);
    const thread = posts(CHANNEL).filter((c) => c.args.thread_ts === message.ts);
    expect(thread).toHaveLength(1);
    expect(thread[0]?.args.text).toContain('Signed out 1 of 1 person');
    const dm = posts(FAKE.admin);
    expect(dm).toHaveLength(1);
    expect(dm[0]?.args.text).toContain(`approved by <@${FAKE.otherAdmin}>`);
    expect(dm[0]?.args.text).toContain('Signed out 1 of 1 person');
    const updates = h.fake.callsTo('chat.update').filter((c) => c.args.ts === message.ts);
    expect(updates.map((u) => u.args.text)).toEqual([
      expect.stringContaining(`Approved by <@${FAKE.otherAdmin}>`),
      expect.stringContaining(`Approved by <@${FAKE.otherAdmin}>`),
    ]);
    // Neither update keeps the buttons: nothing is left to click.
    expect(updates.every((u) => !String(u.args.blocks).includes('approval_approve'))).toBe(true);
    expect(outcomes()).toEqual([
      ['approval_requested', FAKE.admin, undefined],
      ['approved', FAKE.admin, FAKE.otherAdmin],
      ['executed', FAKE.admin, FAKE.otherAdmin],
    ]);
    expect(h.allAudit.find((r) => r.outcome === 'started')?.approverId).toBe(FAKE.otherAdmin);
    const auditPosts = posts('C0AUDIT001').map((c) => String(c.args.text));
    expect(auditPosts.at(-1)).toContain(`Approved by <@${FAKE.otherAdmin}>, requested by <@${FAKE.admin}>.`);
  });

  it('shows an approved run’s progress in the request’s message, where the approval channel sees it', async () => {
    const { id, message } = await request(`<@${ALICE}> <@${CAROL}>`);
    // Carol's reset takes a moment, so the first result has time to show.
    h.fake.on('admin.users.session.reset', (c) =>
      c.args.user_id === CAROL ? { delayMs: 300, body: { ok: true } } : undefined,
    );
    await approve(id, message);
    const texts = h.fake
      .callsTo('chat.update')
      .filter((c) => c.args.ts === message.ts)
      .map((c) => textOf(JSON.parse(c.args.blocks ?? '[]')));
    expect(texts).toContainEqual(expect.stringContaining('Signing out 2 people… 1 of 2 finished.'));
    expect(texts.at(-1)).toContain('Signed out 2 of 2 people');
  });

  it('tells the people signed out by DM after approval, when the requester asked, with the note in the thread', async () => {
    const notify = { notify: { notify_input: { type: 'checkboxes', selected_options: [{ value: 'notify' }] } } };
    const { id, message } = await request(`<@${ALICE}>`, { ...reason('INC-8'), ...notify });
    expect(posts(ALICE)).toEqual([]);
    await approve(id, message);
    expect(posts(ALICE)).toHaveLength(1);
    const thread = posts(CHANNEL).filter((c) => c.args.thread_ts === message.ts);
    expect(thread.map((c) => String(c.args.text))).toEqual([
      expect.stringContaining('Telling the 1 person signed out by DM'),
      expect.stringContaining('Told 1 of 1 by DM'),
    ]);
    expect(h.audit.at(-1)).toMatchObject({ outcome: 'notified', approverId: FAKE.otherAdmin });
  });

  it('denies with a reason: nothing runs, the message and the requester say so, and the record names both', async () => {
    const { id, message } = await request();
    await h.click({ actionId: 'approval_deny', value: id, message }, FAKE.otherAdmin);
    const modal = h.lastView();
    expect(modal.view.callback_id).toBe('approval_deny_reason');
    await h.submit(
      modal,
      { deny_reason: { deny_reason_input: { type: 'plain_text_input', value: 'wrong person' } } },
      FAKE.otherAdmin,
    );
    expect(h.fake.adminCalls()).toEqual([]);
    // The modal said "Denying…" in the ack, then what came of it.
    expect(textOf(h.lastView().view)).toContain('Denied. Nothing will run, and the requester has been told.');
    expect(h.fake.callsTo('chat.update').at(-1)?.args.text).toContain(`Denied by <@${FAKE.otherAdmin}>`);
    expect(posts(FAKE.admin)[0]?.args.text).toContain('Reason: wrong person');
    expect(h.audit.at(-1)).toMatchObject({
      outcome: 'denied',
      invokerId: FAKE.admin,
      approverId: FAKE.otherAdmin,
      denyReason: 'wrong person',
    });
    // Denied is final: a later approval does nothing.
    await approve(id, message, THIRD);
    expect(lastResponse()).toContain(`already denied by <@${FAKE.otherAdmin}>`);
    expect(h.fake.adminCalls()).toEqual([]);
  });

  it('refuses the requester approving their own request, says so, and records it', async () => {
    const { id, message } = await request();
    await approve(id, message, FAKE.admin);
    expect(h.fake.adminCalls()).toEqual([]);
    expect(lastResponse()).toContain('You asked for this yourself');
    expect(h.audit.at(-1)).toMatchObject({ outcome: 'refused', invokerId: FAKE.admin, requestId: id });
  });

  it('lets the requester withdraw their own request, recorded as cancelled with no approver', async () => {
    const { id, message } = await request();
    await h.click({ actionId: 'approval_deny', value: id, message }, FAKE.admin);
    await h.submit(h.lastView(), {}, FAKE.admin);
    expect(h.fake.callsTo('chat.update').at(-1)?.args.text).toContain(`Withdrawn by <@${FAKE.admin}>`);
    expect(h.audit.at(-1)).toMatchObject({ outcome: 'cancelled', invokerId: FAKE.admin });
    expect(h.audit.at(-1)?.approverId).toBeUndefined();
    await approve(id, message);
    expect(h.fake.adminCalls()).toEqual([]);
  });

  it('refuses someone not on the allowlist, tells them, and records it', async () => {
    const { id, message } = await request();
    await approve(id, message, FAKE.stranger);
    expect(h.fake.adminCalls()).toEqual([]);
    await h.fake.waitForResponses(1);
    expect(lastResponse()).toBe(BUTTON_REFUSAL);
    // Refusals are recorded off the ack's path: give the record a moment.
    for (let i = 0; i < 50 && h.audit.at(-1)?.outcome !== 'refused'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(h.audit.at(-1)).toMatchObject({ outcome: 'refused', invokerId: FAKE.stranger });
  });

  it('approves at most once: a double click and a second approver are refused, and Slack sees one reset', async () => {
    const { id, message } = await request();
    await Promise.all([approve(id, message), approve(id, message), approve(id, message, THIRD)]);
    await approve(id, message, THIRD);
    expect(h.fake.adminCalls()).toHaveLength(1);
    const said = h.fake.responses.map((r) => String(r.body.text));
    expect(said.filter((t) => t.includes('already approved'))).toHaveLength(3);
    expect(h.audit.filter((r) => r.outcome === 'approved')).toHaveLength(1);
  });

  it('lets an expired request do nothing, and says so in its message and to the requester', async () => {
    const { id, message } = await request();
    const db = new Database(dbPath);
    db.prepare('UPDATE approvals SET expires_ms = ? WHERE id = ?').run(Date.now() - 1, id);
    db.close();
    await approve(id, message);
    expect(h.fake.adminCalls()).toEqual([]);
    expect(lastResponse()).toContain('This request has expired');
    expect(h.fake.callsTo('chat.update').at(-1)?.args.text).toContain('Expired');
    expect(posts(FAKE.admin)[0]?.args.text).toContain('Your approval request expired.');
    expect(outcomes().at(-1)).toEqual(['expired', FAKE.admin, undefined]);
  });

  it('refuses a tampered button value and records the attempt', async () => {
    const { message } = await request();
    await approve('00000000-0000-4000-8000-000000000000', message);
    await approve('{"order":"forged"}', message);
    expect(h.fake.adminCalls()).toEqual([]);
    expect(lastResponse()).toContain('This approval request is not known to the app');
    expect(h.audit.slice(-2).map((r) => [r.outcome, r.invokerId])).toEqual([
      ['refused', FAKE.otherAdmin],
      ['refused', FAKE.otherAdmin],
    ]);
  });

  it('keeps a pending request across a restart, and runs it when approved afterwards', async () => {
    const { id, message } = await request();
    await h.stop();
    h = await start();
    await approve(id, message);
    expect(h.fake.adminCalls()).toEqual([
      { method: 'admin.users.session.reset', token: FAKE.adminToken, args: { user_id: ALICE } },
    ]);
    expect(h.audit.map((r) => r.outcome)).toEqual(['approved', 'executed']);
  });

  it('runs at once on break-glass, with a reason required, and says so loudly in the audit channel', async () => {
    await h.stop();
    h = await start({ APPROVAL_BREAK_GLASS: 'true' });
    await h.command('/reset-sessions', `<@${ALICE}>`);
    const confirm = h.lastView();
    expect(textOf(confirm.view)).toContain('Emergency: run now, without approval');
    const noReason = await h.submit(confirm, emergency);
    expect(noReason.json).toEqual({
      response_action: 'errors',
      errors: { reason: 'An emergency run without approval needs a reason, for the record.' },
    });
    await h.submit(confirm, { ...emergency, ...reason('active phishing, INC-9') });
    expect(h.fake.adminCalls()).toHaveLength(1);
    expect(posts(CHANNEL)).toEqual([]);
    expect(h.audit.at(-1)).toMatchObject({ outcome: 'executed', breakGlass: true });
    expect(String(posts('C0AUDIT001').at(-1)?.args.text)).toContain('BREAK-GLASS');
  });

  it('asks for approval only when the policy says so: an admin target under "privileged"', async () => {
    await h.stop();
    h = await start({ APPROVAL_REQUIRED: 'privileged' });
    await h.command('/reset-sessions', `<@${ALICE}>`);
    expect(textOf(h.lastView().view)).not.toContain('needs a second admin');
    await h.submit(h.lastView());
    expect(h.fake.adminCalls()).toHaveLength(1);

    await h.command('/reset-sessions', `<@${CAROL}>`);
    expect(textOf(h.lastView().view)).toContain('This needs a second admin’s approval');
    await h.submit(h.lastView());
    expect(h.fake.adminCalls()).toHaveLength(1);
    expect(posts(CHANNEL)).toHaveLength(1);
  });
});

describe('two-person approval in Socket Mode', () => {
  it('takes the Submit and the Approve click as envelopes, and runs once', async () => {
    const h = await startHarness(
      { APPROVAL_REQUIRED: 'always', APPROVAL_CHANNEL_ID: CHANNEL },
      { setup: people, socketMode: true },
    );
    try {
      // Over a socket the ack comes back first; what follows it is waited for.
      await h.command('/reset-sessions', `<@${ALICE}>`);
      await h.fake.waitFor('views.update');
      await h.submit(h.lastView());
      await h.fake.waitFor('chat.postMessage');
      const post = h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === CHANNEL);
      const blocks = JSON.parse(post?.args.blocks ?? '[]') as { type: string; elements?: { value?: string }[] }[];
      const id = blocks.find((b) => b.type === 'actions')?.elements?.[0]?.value ?? '';
      expect(h.fake.adminCalls()).toEqual([]);
      await h.click(
        { actionId: 'approval_approve', value: id, message: { channel: CHANNEL, ts: '1.1' } },
        FAKE.otherAdmin,
      );
      await h.fake.waitFor('admin.users.session.reset');
      await h.fake.settle(100);
      expect(h.fake.adminCalls().map((c) => c.args.user_id)).toEqual([ALICE]);
    } finally {
      await h.stop();
    }
  });
});
