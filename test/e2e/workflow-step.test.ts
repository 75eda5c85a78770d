import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FakeSlack, RecordedCall } from '../support/fake-slack';
import { waitUntil } from '../support/fake-socket-mode';
import {
  FAKE,
  type Harness,
  type StepRun,
  startHarness,
  textOf,
  userContext,
  WORKFLOW_TOKEN,
} from '../support/harness';

const ALICE = 'W0ALICE001';
const BOB = 'W0BOB00001';
const BOT = 'W0BOT00001';
const THIRD = 'W0ADMIN003';
const APPROVALS = 'C0APPROVE1';
const AUDIT = 'C0AUDIT001';

const people = (fake: FakeSlack) => {
  fake.addUser({ id: ALICE, real_name: 'Alice Example' });
  fake.addUser({ id: BOB, real_name: 'Bob Example' });
  fake.addUser({ id: BOT, real_name: 'Deploy Bot', is_bot: true });
  fake.addSession(ALICE, 101, { os: 'Mac OS' });
};

const signOutInputs = (over: Record<string, unknown> = {}) => ({
  people: [ALICE],
  scope: 'all',
  reason: 'EDR alert 4711',
  notify: false,
  requester: userContext(FAKE.admin),
  ...over,
});

/**
 * The Workflow Builder step "Sign people out of Slack" end to end, with function_executed sent as Slack sends it
 * (signed over HTTP; an events_api envelope over Socket Mode), against the fake Slack that completes and fails steps
 * as Slack does and refuses any workflow token on an admin method.
 */
describe('the Workflow Builder step', () => {
  let h: Harness;
  let dbPath: string;
  const start = (env: Record<string, string> = {}, socketMode = false) =>
    startHarness(
      {
        WORKFLOW_STEPS: 'sign_people_out,change_session_settings',
        AUDIT_CHANNEL_ID: AUDIT,
        APPROVAL_CHANNEL_ID: APPROVALS,
        ADMIN_USER_IDS: `${FAKE.admin},${FAKE.otherAdmin},${THIRD}`,
        AUDIT_DB_PATH: dbPath,
        ...env,
      },
      { setup: people, socketMode, processBeforeResponse: !socketMode },
    );
  beforeEach(() => {
    dbPath = join(mkdtempSync(join(tmpdir(), 'step-')), 'audit.db');
  });
  afterEach(async () => {
    // Whatever a test did, the workflow token Slack sent was never used for anything.
    expect(h.fake.workflowTokenCalls).toEqual([]);
    await h.stop();
  });

  const execution = (run: StepRun) => h.fake.executions.get(run.functionExecutionId);
  const settled = (run: StepRun) =>
    waitUntil(() => execution(run)?.state !== 'running', 5000, `step ${run.functionExecutionId} to end`);
  const posts = (channel: string) => h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
  const buttonsOf = (call: RecordedCall) => {
    const blocks = JSON.parse(call.args.blocks ?? '[]') as { type: string; elements?: Record<string, unknown>[] }[];
    return blocks.find((b) => b.type === 'actions')?.elements ?? [];
  };
  const tsOf = (call: RecordedCall) => `1700000000.${String(h.fake.calls.indexOf(call) + 1).padStart(6, '0')}`;
  /**
   * A second admin approves the latest request in the approval channel: every step's order waits for one, since the
   * admin who used the workflow may not have chosen whom it names.
   */
  const approveLatest = async (by: string = FAKE.otherAdmin) => {
    await waitUntil(() => posts(APPROVALS).length > 0, 5000, 'the approval request');
    const post = posts(APPROVALS).at(-1) as RecordedCall;
    await h.click(
      {
        actionId: 'approval_approve',
        value: String(buttonsOf(post)[0]?.value),
        message: { channel: APPROVALS, ts: tsOf(post) },
      },
      by,
    );
  };

  it('signs the people out for an admin who used the workflow, and completes the step with the result', async () => {
    h = await start();
    const { answer, run } = await h.step('sign_people_out', signOutInputs({ people: [ALICE, BOT] }));
    expect(answer.status).toBe(200);
    await waitUntil(() => posts(APPROVALS).length > 0, 5000, 'the approval request');
    // Nobody is signed out before a second admin, shown whom the workflow names, approves.
    expect(h.fake.adminCalls()).toEqual([]);
    expect(textOf(JSON.parse(posts(APPROVALS)[0]?.args.blocks ?? '[]'))).toContain(
      'a Workflow Builder step asked for it, with the people its workflow names',
    );
    await approveLatest();
    await settled(run);
    expect(h.fake.adminCalls()).toEqual([
      { method: 'admin.users.session.reset', token: FAKE.adminToken, args: { user_id: ALICE } },
    ]);
    expect(execution(run)).toMatchObject({
      state: 'completed',
      outputs: {
        outcome: 'partial',
        done: 1,
        not_done: 1,
        unknown: 0,
        request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        result: expect.stringContaining('Signed out 1 of 2 people'),
      },
    });
    // Completed through the app's bot token, never the workflow token.
    expect(h.fake.callsTo('functions.completeSuccess').map((c) => c.token)).toEqual([FAKE.botToken]);
    // The person who used the workflow is told it waits, then reads the result, person by person.
    expect(posts(FAKE.admin).at(-1)?.args.text).toContain(`<@${BOT}>`);
    const requestId = execution(run)?.outputs?.request_id;
    expect(h.audit.map((r) => [r.outcome, r.invokerId, r.requestId])).toEqual([
      ['approval_requested', FAKE.admin, requestId],
      ['approved', FAKE.admin, requestId],
      ['partial', FAKE.admin, requestId],
    ]);
    expect(h.audit.at(-1)).toMatchObject({
      reason: 'EDR alert 4711',
      origin: {
        kind: 'workflow',
        step: 'sign_people_out',
        functionExecutionId: run.functionExecutionId,
        workflowExecutionId: run.workflowExecutionId,
      },
    });
    // The audit channel names the step's run.
    const post = String(posts(AUDIT).at(-1)?.args.text);
    expect(post).toContain(
      `Asked for by a Workflow Builder step (\`sign_people_out\`, execution \`${run.functionExecutionId}\``,
    );
  });

  it('refuses a workflow used by someone not on the allowlist: the step fails, and the attempt is recorded once', async () => {
    h = await start();
    const { run } = await h.step('sign_people_out', signOutInputs({ requester: userContext(FAKE.stranger) }));
    await settled(run);
    expect(execution(run)).toMatchObject({ state: 'failed', error: expect.stringContaining('not one of the admins') });
    expect(h.fake.adminCalls()).toEqual([]);
    expect(h.fake.callsTo('users.info')).toEqual([]);
    await waitUntil(() => h.audit.length > 0, 2000, 'the refusal record');
    expect(h.audit).toEqual([
      expect.objectContaining({
        outcome: 'refused',
        invokerId: FAKE.stranger,
        action: 'reset',
        origin: expect.objectContaining({ functionExecutionId: run.functionExecutionId }),
      }),
    ]);
    // Slack delivers it again: nothing more is recorded or answered.
    await h.step('sign_people_out', signOutInputs({ requester: userContext(FAKE.stranger) }), run);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.audit).toHaveLength(1);
    expect(h.fake.callsTo('functions.completeError')).toHaveLength(1);
  });

  it('refuses a requester it cannot read, and one who tries to pass an ID of their own as the requester', async () => {
    h = await start();
    for (const requester of [undefined, FAKE.admin, { id: '<!channel>' }]) {
      const { run } = await h.step('sign_people_out', signOutInputs({ requester }));
      await settled(run);
      expect(execution(run)?.state).toBe('failed');
    }
    expect(h.fake.adminCalls()).toEqual([]);
  });

  it('is off until WORKFLOW_STEPS names it: the step fails and nothing is looked up', async () => {
    h = await start({ WORKFLOW_STEPS: '' });
    const { run } = await h.step('sign_people_out', signOutInputs());
    await settled(run);
    expect(execution(run)).toMatchObject({ state: 'failed', error: expect.stringContaining('WORKFLOW_STEPS') });
    expect(h.fake.callsTo('users.info')).toEqual([]);
    expect(h.fake.adminCalls()).toEqual([]);
  });

  it('fails a step whose inputs cannot be read, saying which, with nothing done', async () => {
    h = await start();
    const { run } = await h.step('sign_people_out', signOutInputs({ reason: '  ', scope: 'desktop' }));
    await settled(run);
    expect(execution(run)?.error).toContain('Reason is required');
    expect(execution(run)?.error).toContain('Which sessions must be all, mobile or web');
    expect(h.fake.callsTo('users.info')).toEqual([]);
  });

  it('runs once however often Slack delivers the same run, at once or later', async () => {
    h = await start({}, false);
    const run = h.fake.startExecution('sign_people_out');
    await Promise.all([1, 2, 3].map(() => h.step('sign_people_out', signOutInputs({ people: [ALICE, BOB] }), run)));
    await approveLatest();
    await settled(run);
    await h.step('sign_people_out', signOutInputs({ people: [ALICE, BOB] }), run);
    expect(h.fake.adminCalls()).toHaveLength(2);
    expect(h.fake.callsTo('functions.completeSuccess')).toHaveLength(1);
    expect(h.fake.callsTo('functions.completeError')).toEqual([]);
    expect(h.audit.filter((r) => r.outcome === 'executed')).toHaveLength(1);
    // One approval request for the one run (the other post is its result, in the request's thread).
    expect(posts(APPROVALS).filter((c) => c.args.thread_ts === undefined)).toHaveLength(1);
  });

  describe('with approval required', () => {
    const requested = async (inputs = signOutInputs()) => {
      const { run } = await h.step('sign_people_out', inputs);
      await waitUntil(() => posts(APPROVALS).length > 0, 5000, 'the approval request');
      const post = posts(APPROVALS)[0] as RecordedCall;
      const id = String(buttonsOf(post)[0]?.value);
      return { run, id, message: { channel: APPROVALS, ts: tsOf(post) } };
    };
    const approvalEnv = { APPROVAL_REQUIRED: 'always', APPROVAL_CHANNEL_ID: APPROVALS };

    it('waits for a second admin, then runs and completes the step; the requester cannot approve it', async () => {
      h = await start(approvalEnv);
      const { run, id, message } = await requested();
      expect(execution(run)?.state).toBe('running');
      expect(h.fake.adminCalls()).toEqual([]);
      expect(textOf(JSON.parse(posts(APPROVALS)[0]?.args.blocks ?? '[]'))).toContain('Workflow Builder step');
      expect(posts(FAKE.admin).at(-1)?.args.text).toContain('waits for a second admin');
      // Nobody approves their own request: the admin who used the workflow asked for it.
      await h.click({ actionId: 'approval_approve', value: id, message }, FAKE.admin);
      expect(execution(run)?.state).toBe('running');
      await h.click({ actionId: 'approval_approve', value: id, message }, FAKE.otherAdmin);
      await settled(run);
      expect(h.fake.adminCalls()).toEqual([
        { method: 'admin.users.session.reset', token: FAKE.adminToken, args: { user_id: ALICE } },
      ]);
      expect(execution(run)).toMatchObject({ state: 'completed', outputs: { outcome: 'executed', done: 1 } });
      expect(h.audit.map((r) => [r.outcome, r.approverId])).toEqual([
        ['approval_requested', undefined],
        ['refused', undefined],
        ['approved', FAKE.otherAdmin],
        ['executed', FAKE.otherAdmin],
      ]);
      // The request's own records name the step's run; the refused click is the clicker's.
      const own = h.audit.filter((r) => r.outcome !== 'refused');
      expect(own.every((r) => r.origin?.kind === 'workflow')).toBe(true);
    });

    it('fails the step with the reason when a second admin denies it', async () => {
      h = await start(approvalEnv);
      const { run, id, message } = await requested();
      await h.click({ actionId: 'approval_deny', value: id, message }, FAKE.otherAdmin);
      await h.submit(
        h.lastView(),
        { deny_reason: { deny_reason_input: { type: 'plain_text_input', value: 'false positive' } } },
        FAKE.otherAdmin,
      );
      await settled(run);
      expect(execution(run)).toMatchObject({
        state: 'failed',
        error: `A second admin (${FAKE.otherAdmin}) denied the request: false positive. Nothing was done.`,
      });
      expect(h.fake.adminCalls()).toEqual([]);
      expect(h.audit.at(-1)).toMatchObject({ outcome: 'denied', denyReason: 'false positive' });
    });

    it('fails the step once its approval request expired', async () => {
      h = await start(approvalEnv);
      const { run, id, message } = await requested();
      const db = new Database(dbPath);
      db.prepare('UPDATE approvals SET expires_ms = ? WHERE id = ?').run(Date.now() - 1, id);
      db.close();
      await h.click({ actionId: 'approval_approve', value: id, message }, FAKE.otherAdmin);
      await settled(run);
      expect(execution(run)).toMatchObject({ state: 'failed', error: expect.stringContaining('expired') });
      expect(h.fake.adminCalls()).toEqual([]);
      expect(h.audit.at(-1)?.outcome).toBe('expired');
    });
  });

  it('changes session settings as the second step, through the admin token', async () => {
    h = await start();
    const { run } = await h.step('change_session_settings', {
      people: [ALICE],
      duration: '12h',
      reason: 'INC-9',
      requester: userContext(FAKE.otherAdmin),
    });
    await approveLatest(THIRD);
    await settled(run);
    expect(h.fake.callsTo('admin.users.session.setSettings').map((c) => [c.token, c.args.duration])).toEqual([
      [FAKE.adminToken, '43200'],
    ]);
    expect(execution(run)).toMatchObject({ state: 'completed', outputs: { outcome: 'executed', done: 1 } });
    expect(h.fake.sessionSettings.get(ALICE)).toEqual({ duration: 43_200 });
  });

  it('works over Socket Mode too', async () => {
    h = await start({}, true);
    const { answer, run } = await h.step('sign_people_out', signOutInputs());
    // Acknowledged on the socket at once, with nothing in it.
    expect(answer).toEqual({ status: 200, text: '', json: undefined });
    await approveLatest();
    await settled(run);
    expect(h.fake.adminCalls()).toEqual([
      { method: 'admin.users.session.reset', token: FAKE.adminToken, args: { user_id: ALICE } },
    ]);
    expect(execution(run)?.state).toBe('completed');
    // Socket Mode logs every message it receives at debug, the event and its workflow token with it: masked.
    expect(h.logs.lines.some((l) => l.includes('function_executed'))).toBe(true);
    for (const line of h.logs.lines) expect(line).not.toContain(WORKFLOW_TOKEN);
  });
});
