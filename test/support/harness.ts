import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger, LogLevel } from '@slack/bolt';
import type { Registry } from '../../src/actions/registry';
import { createApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { AuditRecord } from '../../src/domain/audit-record';
import { FAKE } from './fake-credentials';
import { ENTERPRISE_ID, FakeSlack, TEAM_ID } from './fake-slack';
import { AUDIT_OWNER_TOKEN, FakeSlackAudit } from './fake-slack-audit';
import { FakeSocketMode } from './fake-socket-mode';
import { stepDefinition } from './manifest';
import { payloadBody, postSigned, type SlackAnswer } from './signed-request';
import {
  blockActionsBody,
  blockActionsPayload,
  commandBody,
  commandPayload,
  viewSubmissionBody,
  viewSubmissionPayload,
} from './slack-payloads';

// The tests take FAKE from here, with the rest of the harness.
export { FAKE };

/** Collects every log line the app writes, to assert on (and to check no secret is in them). */
export class CapturingLogger implements Logger {
  readonly lines: string[] = [];
  private level = 'debug' as LogLevel;
  debug(...m: unknown[]) {
    this.lines.push(`DEBUG ${m.join(' ')}`);
  }
  info(...m: unknown[]) {
    this.lines.push(`INFO ${m.join(' ')}`);
  }
  warn(...m: unknown[]) {
    this.lines.push(`WARN ${m.join(' ')}`);
  }
  error(...m: unknown[]) {
    this.lines.push(`ERROR ${m.join(' ')}`);
  }
  setLevel(level: LogLevel) {
    this.level = level;
  }
  getLevel() {
    return this.level;
  }
  setName() {}
}

/** A step's run: what functions.completeSuccess / completeError name, and the workflow's. */
export interface StepRun {
  functionExecutionId: string;
  workflowExecutionId: string;
}

/** The workflow token Slack sends with each step's run: short-lived, and never to be used for admin calls. */
export const WORKFLOW_TOKEN = 'xwfp-fake-workflow-token-for-tests';

/** The `slack#/types/user_context` Workflow Builder fills in with the person who used the workflow. */
export const userContext = (id: string) => ({ id, secret: 'fake-user-context-secret-for-tests' });

export interface ViewRef {
  id: string;
  view: Record<string, unknown>;
}

export interface Harness {
  fake: FakeSlack;
  /** Slack's Socket Mode side, when the harness runs the app in Socket Mode. */
  socket?: FakeSocketMode;
  /** Slack's Audit Logs API, when the harness gives the app SLACK_AUDIT_TOKEN. */
  slackAudit?: FakeSlackAudit;
  running: RunningApp;
  logs: CapturingLogger;
  /** Final records (every outcome but the "started" marker written before admin calls). */
  audit: AuditRecord[];
  /** Every record, in order, "started" markers included. */
  allAudit: AuditRecord[];
  baseUrl: string;
  /** A slash command; `responseUrl` replaces the fake's own (a payload names any URL it likes). */
  command(command: string, text: string, userId?: string, responseUrl?: string): Promise<SlackAnswer>;
  submit(view: ViewRef, values?: Record<string, Record<string, unknown>>, userId?: string): Promise<SlackAnswer>;
  /** Cancel: the view_closed Slack sends for a view with notify_on_close. */
  close(view: ViewRef, userId?: string): Promise<SlackAnswer>;
  /** An Events API callback, JSON-encoded and signed. */
  event(event: Record<string, unknown>): Promise<SlackAnswer>;
  /**
   * A Workflow Builder step's run, as Slack sends `function_executed`: the function as manifest.yml declares it, the
   * inputs, a workflow token, and a run the fake starts (or `run`, to deliver one again).
   */
  step(
    callbackId: string,
    inputs: Record<string, unknown>,
    run?: StepRun,
  ): Promise<{ answer: SlackAnswer; run: StepRun }>;
  /** A click on a button in a message the app posted, as Slack sends block_actions. */
  click(
    button: { actionId: string; value: string; message?: { channel: string; ts: string }; responseUrl?: string },
    userId?: string,
  ): Promise<SlackAnswer>;
  /** The view the app last sent with views.open or views.update. */
  lastView(): ViewRef;
  stop(): Promise<void>;
}

/**
 * The real app in HTTP mode on a free port, against a fresh fake Slack. `processBeforeResponse` makes each HTTP
 * answer wait for its listener, so a test sees everything a request caused once the answer arrives.
 */
export async function startHarness(
  env: Record<string, string> = {},
  {
    processBeforeResponse = true,
    setup,
    orgWide = false,
    socketMode = false,
    socketHealthGraceMs,
    actions,
    slackAudit: withAuditLog,
  }: {
    processBeforeResponse?: boolean;
    setup?: (fake: FakeSlack) => void;
    /** Slack's Audit Logs API, read with an Org Owner's token (SLACK_AUDIT_TOKEN): set it up here. */
    slackAudit?: (audit: FakeSlackAudit) => void;
    /** Payloads as an org-wide (Enterprise) install receives them: no workspace on views, is_enterprise_install. */
    orgWide?: boolean;
    /** Socket Mode against a fake of Slack's WebSocket side, instead of signed HTTP. */
    socketMode?: boolean;
    socketHealthGraceMs?: number;
    /** A registry of actions other than the app's own (the contract test's). */
    actions?: Registry;
  } = {},
): Promise<Harness> {
  const fake = new FakeSlack();
  const socket = socketMode ? new FakeSocketMode(fake) : undefined;
  const slackAudit = withAuditLog ? new FakeSlackAudit(fake) : undefined;
  setup?.(fake);
  if (slackAudit) withAuditLog?.(slackAudit);
  await fake.start();
  await socket?.start();
  await slackAudit?.start();
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: FAKE.botToken,
    SLACK_ADMIN_TOKEN: FAKE.adminToken,
    ...(socketMode ? { SLACK_APP_TOKEN: FAKE.appToken } : { SLACK_SIGNING_SECRET: FAKE.signingSecret }),
    ADMIN_USER_IDS: `${FAKE.admin},${FAKE.otherAdmin}`,
    PORT: '0',
    SLACK_API_URL: fake.url,
    // The fake runs Slack's tiers faster; the app paces to the same scale.
    SLACK_RATE_SCALE: String(fake.rateScale),
    LOG_LEVEL: 'debug',
    // A store of its own per app: records (and cooldowns) never leak between tests.
    AUDIT_DB_PATH: join(mkdtempSync(join(tmpdir(), 'audit-')), 'audit.db'),
    // Checking afterwards is on in production; the tests of it turn it on, the rest look at the sign-outs alone.
    VERIFY_AFTER_RESET: 'false',
    ...(slackAudit ? { SLACK_AUDIT_TOKEN: AUDIT_OWNER_TOKEN, SLACK_AUDIT_API_URL: slackAudit.url } : {}),
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const logs = new CapturingLogger();
  const audit: AuditRecord[] = [];
  const allAudit: AuditRecord[] = [];
  const running = createApp(loaded.config, {
    logger: logs,
    audit: {
      name: 'test',
      write: (r) => {
        allAudit.push(r);
        if (r.outcome !== 'started') audit.push(r);
      },
    },
    processBeforeResponse,
    socketHealthGraceMs,
    actions,
  });
  const port = await running.start().catch(async (error: unknown) => {
    await fake.settle();
    await socket?.stop();
    await slackAudit?.stop();
    await fake.stop();
    throw error;
  });
  // Start-up calls (auth.test for both tokens) are not what a test's requests caused.
  fake.calls.splice(0);
  const baseUrl = `http://127.0.0.1:${port}`;
  const events = `${baseUrl}/slack/events`;
  let triggers = 0;
  // Over a socket, Slack sends the same payloads as envelopes and the answer is the ack's payload.
  const send = async (
    type: 'slash_commands' | 'interactive' | 'events_api',
    payload: unknown,
    httpBody: string,
    contentType?: string,
  ): Promise<SlackAnswer> => {
    if (!socket) return postSigned(events, httpBody, { secret: FAKE.signingSecret, contentType });
    const answer = (await socket.deliver(type, payload)) as Record<string, unknown> | undefined;
    const empty = !answer || Object.keys(answer).length === 0;
    return { status: 200, text: empty ? '' : JSON.stringify(answer), json: empty ? undefined : answer };
  };

  const sendEvent = (event: Record<string, unknown>) => {
    const callback = {
      token: 'deprecated-verification-token',
      team_id: TEAM_ID,
      enterprise_id: ENTERPRISE_ID,
      api_app_id: 'A0APP00001',
      type: 'event_callback',
      event_id: `Ev${++triggers}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: TEAM_ID, user_id: 'W0BOTUSER1', is_bot: true, is_enterprise_install: false }],
      event,
    };
    return send('events_api', callback, JSON.stringify(callback), 'application/json');
  };

  return {
    fake,
    socket,
    slackAudit,
    running,
    logs,
    audit,
    allAudit,
    baseUrl,
    command(command, text, userId = FAKE.admin, responseUrl?: string) {
      triggers += 1;
      const fields = {
        command,
        text,
        userId,
        orgWide,
        responseUrl: responseUrl ?? fake.responseUrl(`r${triggers}`),
        triggerId: `1337.${triggers}.abcdef`,
      };
      return send('slash_commands', commandPayload(fields), commandBody(fields));
    },
    submit(view, values = {}, userId = FAKE.admin) {
      const fields = {
        viewId: view.id,
        view: view.view,
        userId,
        values,
        orgWide,
        triggerId: `1337.${++triggers}.submit`,
      };
      return send('interactive', viewSubmissionPayload(fields), viewSubmissionBody(fields));
    },
    close(view, userId = FAKE.admin) {
      const payload = {
        type: 'view_closed',
        team: { id: TEAM_ID, domain: 'acme', enterprise_id: ENTERPRISE_ID },
        user: { id: userId, team_id: TEAM_ID },
        api_app_id: 'A0APP00001',
        view: { ...view.view, id: view.id, team_id: TEAM_ID, state: { values: {} } },
        is_cleared: false,
        is_enterprise_install: false,
      };
      return send('interactive', payload, payloadBody(payload));
    },
    event: sendEvent,
    async step(callbackId, inputs, run = fake.startExecution(callbackId)) {
      const fn = stepDefinition(callbackId);
      const params = (declared: typeof fn.input_parameters) =>
        Object.entries(declared).map(([name, p]) => ({ name, is_required: p.is_required ?? false, ...p }));
      const answer = await sendEvent({
        type: 'function_executed',
        function: {
          id: 'Fn0STEP0001',
          callback_id: callbackId,
          title: fn.title,
          description: fn.description,
          type: 'app',
          input_parameters: params(fn.input_parameters),
          output_parameters: params(fn.output_parameters),
          app_id: 'A0APP00001',
          date_created: 1_700_000_000,
          date_updated: 1_700_000_000,
          date_deleted: 0,
        },
        inputs,
        function_execution_id: run.functionExecutionId,
        workflow_execution_id: run.workflowExecutionId,
        event_ts: `${Math.floor(Date.now() / 1000)}.000100`,
        bot_access_token: WORKFLOW_TOKEN,
      });
      return { answer, run };
    },
    click({ actionId, value, message, responseUrl }, userId = FAKE.admin) {
      triggers += 1;
      const fields = {
        userId,
        actionId,
        value,
        triggerId: `1337.${triggers}.click`,
        responseUrl: responseUrl ?? fake.responseUrl(`click${triggers}`),
        message: message ?? { channel: 'C0APPROVE1', ts: '1700000000.000001' },
      };
      return send('interactive', blockActionsPayload(fields), blockActionsBody(fields));
    },
    lastView() {
      const call = fake.calls.filter((c) => c.method === 'views.open' || c.method === 'views.update').at(-1);
      if (!call) throw new Error('the app opened no view');
      const view = JSON.parse(call.args.view ?? '{}') as Record<string, unknown>;
      const id = call.method === 'views.update' ? (call.args.view_id ?? '') : viewIdOf(fake, call);
      return { id, view };
    },
    async stop() {
      await running.stop();
      await socket?.stop();
      await slackAudit?.stop();
      await fake.stop();
    },
  };
}

/** The id the fake gave the view a views.open call opened (V + its 1-based position, zero-padded). */
function viewIdOf(fake: FakeSlack, call: { method: string }): string {
  const index = fake.callsTo('views.open').indexOf(call as never) + 1;
  return `V${String(index).padStart(9, '0')}`;
}

/** All the text of a view or message, joined, for plain assertions on what the admin reads. */
export function textOf(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, inner] of Object.entries(v)) if (k === 'text' || typeof inner === 'object') walk(inner);
    }
  };
  walk(value);
  return out.join('\n');
}
