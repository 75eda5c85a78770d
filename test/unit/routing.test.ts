import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTIONS } from '../../src/actions/registry';
import { createApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { AuditRecord } from '../../src/domain/audit-record';
import { REFUSAL } from '../../src/middleware/require-admin';
import { FakeReceiver } from '../support/fake-receiver';
import { ENTERPRISE_ID, FakeSlack, TEAM_ID } from '../support/fake-slack';
import { CapturingLogger, FAKE, textOf } from '../support/harness';
import { commandPayload, viewSubmissionPayload } from '../support/slack-payloads';

/**
 * The app as Bolt routes it, in-process: each body goes through the global middleware (the allowlist gate) to the
 * listener its command or callback_id names, with no HTTP and no signature in between.
 */
describe('routing through the allowlist gate', () => {
  let fake: FakeSlack;
  let receiver: FakeReceiver;
  let running: RunningApp;
  let records: AuditRecord[];
  /** Refusals are recorded off the ack's path (src/refusals.ts): a moment after the answer. */
  const written = async () => {
    for (let i = 0; i < 100 && records.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  };

  beforeEach(async () => {
    fake = new FakeSlack();
    await fake.start();
    const loaded = loadConfig({
      SLACK_BOT_TOKEN: FAKE.botToken,
      SLACK_ADMIN_TOKEN: FAKE.adminToken,
      SLACK_SIGNING_SECRET: FAKE.signingSecret,
      ADMIN_USER_IDS: FAKE.admin,
      SLACK_API_URL: fake.url,
      AUDIT_DB_PATH: join(mkdtempSync(join(tmpdir(), 'routing-')), 'audit.db'),
    });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    receiver = new FakeReceiver();
    records = [];
    running = createApp(loaded.config, {
      receiver,
      logger: new CapturingLogger(),
      audit: { name: 'test', write: (r) => void records.push(r) },
    });
  });

  afterEach(async () => {
    await running.stop();
    await fake.stop();
  });

  const command = (name: string, text: string, userId: string) =>
    receiver.send(
      commandPayload({ command: name, text, userId, triggerId: '1337.1.abc', responseUrl: fake.responseUrl() }),
    );
  const submission = (callbackId: string, userId: string) =>
    receiver.send(
      viewSubmissionPayload({
        viewId: 'V0000000001',
        view: { type: 'modal', callback_id: callbackId, private_metadata: 'not a plan' },
        userId,
        triggerId: '1337.2.abc',
      }),
    );
  /** Web API calls besides the bot token's auth.test, which Bolt makes to authorize any event. */
  const callsBeyondAuth = () => fake.calls.filter((c) => c.method !== 'auth.test');

  it('records a refusal off the request’s path: after its answer, never within it', async () => {
    const answer = await command('/reset-sessions', '<@W0ALICE001>', FAKE.stranger);
    expect(answer.response).toEqual({ response_type: 'ephemeral', text: REFUSAL });
    // The request is done, and its record not written yet: a flood of refusals holds no one's ack.
    expect(records).toEqual([]);
    await written();
    expect(records.map((r) => r.outcome)).toEqual(['refused']);
  });

  it.each(ACTIONS.all.map((a) => [a.command, a.audit] as const))(
    'refuses %s from someone not on the allowlist, records it, and calls nothing',
    async (name, audit) => {
      const answer = await command(name, '<@W0ALICE0001>', FAKE.stranger);
      expect(answer.response).toEqual({ response_type: 'ephemeral', text: REFUSAL });
      expect(callsBeyondAuth()).toEqual([]);
      await written();
      expect(records).toEqual([
        expect.objectContaining({ invokerId: FAKE.stranger, action: audit, outcome: 'refused' }),
      ]);
    },
  );

  it.each(ACTIONS.all.map((a) => [a.command] as const))('routes %s from an admin to its listener', async (name) => {
    const answer = await command(name, 'help', FAKE.admin);
    expect(answer.response).toEqual({ response_type: 'ephemeral', text: expect.stringContaining(`${name} `) });
    expect(records).toEqual([]);
  });

  it.each(ACTIONS.all.flatMap((a) => a.modals.map((m) => [m.callbackId] as const)))(
    'refuses a %s submission from someone not on the allowlist',
    async (callbackId) => {
      const answer = await submission(callbackId, FAKE.stranger);
      expect(answer.response).toMatchObject({ response_action: 'update' });
      expect(textOf(answer.response)).toContain('You are not allowed');
      expect(callsBeyondAuth()).toEqual([]);
      await written();
      expect(records).toEqual([expect.objectContaining({ invokerId: FAKE.stranger, outcome: 'refused' })]);
    },
  );

  it.each(ACTIONS.all.flatMap((a) => a.modals.map((m) => [m.callbackId] as const)))(
    'routes a %s submission from an admin to its listener, which checks the plan',
    async (callbackId) => {
      const answer = await submission(callbackId, FAKE.admin);
      expect(answer.response).toMatchObject({ response_action: 'update' });
      expect(textOf(answer.response)).toContain('This confirmation’s data is not valid; nothing was changed.');
      expect(fake.adminCalls()).toEqual([]);
    },
  );

  it('refuses a block action from someone not on the allowlist with a bare ack', async () => {
    const answer = await receiver.send({
      type: 'block_actions',
      team: { id: TEAM_ID, enterprise_id: ENTERPRISE_ID },
      user: { id: FAKE.stranger, team_id: TEAM_ID },
      api_app_id: 'A0APP00001',
      actions: [{ action_id: 'anything', block_id: 'b', type: 'button', value: 'x', action_ts: '1' }],
    });
    expect(answer).toEqual({ acked: true, response: undefined });
    expect(callsBeyondAuth()).toEqual([]);
    await written();
    expect(records).toEqual([expect.objectContaining({ invokerId: FAKE.stranger, action: 'other' })]);
  });

  const homeOpened = (userId: string) =>
    receiver.send({
      token: 'deprecated-verification-token',
      team_id: TEAM_ID,
      enterprise_id: ENTERPRISE_ID,
      api_app_id: 'A0APP00001',
      type: 'event_callback',
      event_id: 'Ev1',
      event_time: 1,
      authorizations: [{ team_id: TEAM_ID, user_id: 'W0BOTUSER1', is_bot: true, is_enterprise_install: false }],
      event: { type: 'app_home_opened', user: userId, channel: 'D0HOME0001', tab: 'home' },
    });

  it('lets App Home through for anyone, with the trail for admins only', async () => {
    await homeOpened(FAKE.stranger);
    await homeOpened(FAKE.admin);
    const published = fake.callsTo('views.publish');
    expect(published.map((c) => c.args.user_id)).toEqual([FAKE.stranger, FAKE.admin]);
    expect(published.map((c) => c.args.view?.includes('Recent session actions'))).toEqual([false, true]);
  });
});
