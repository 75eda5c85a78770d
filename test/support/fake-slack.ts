import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blockKitProblems, LIMITS, messageProblems } from './block-kit-limits';
import { outputProblems } from './manifest';

/** One call the app made to the fake Web API. */
export interface RecordedCall {
  method: string;
  token?: string;
  args: Record<string, string>;
}

/** What the fake answers: a JSON body by default, or any status, headers, delay or a dropped connection. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
  drop?: boolean;
  /** Slack does the work (the default answer, with its effect) and only then is the answer delayed or dropped. */
  afterEffect?: boolean;
}

type Handler = (call: RecordedCall) => Reply | undefined | Promise<Reply | undefined>;

export interface FakeUser {
  id: string;
  team_id?: string;
  name: string;
  real_name: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  is_restricted?: boolean;
  enterprise_user?: { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean; teams?: string[] };
  profile: { email?: string; real_name?: string };
}

export interface FakeSession {
  session_id: number;
  team_id: string;
  user_id: string;
  created: Record<string, string>;
  recent?: Record<string, string>;
}

export const TEAM_ID = 'T0TEAM0001';

/**
 * How many times faster than Slack the fake runs Slack's rate tiers in the tests: Tier 2's 20 calls a minute become
 * 20 a second. The harness starts the app with the same SLACK_RATE_SCALE.
 */
export const TEST_RATE_SCALE = 60;

/**
 * Slack's rate tiers (calls a minute) for every method the app calls, from Slack's method reference. Written here
 * on their own, not imported from the app: a tier the app gets wrong is then a test that fails.
 */
const TIERS: Record<string, number> = {
  'admin.users.session.reset': 20,
  'admin.users.session.resetBulk': 20,
  'admin.users.session.invalidate': 20,
  'admin.users.session.list': 20,
  'admin.users.session.getSettings': 100,
  'admin.users.session.setSettings': 100,
  'admin.users.session.clearSettings': 100,
  'usergroups.users.list': 20,
  'users.list': 20,
  'users.lookupByEmail': 50,
  'users.info': 100,
  'views.open': 100,
  'views.update': 100,
  'views.push': 100,
  'views.publish': 100,
  'chat.update': 50,
  'conversations.open': 50,
  'functions.completeSuccess': 50,
  'functions.completeError': 50,
};

/** At most `limit` accepted calls in any window of `windowMs`, as Slack counts them: on arrival. */
export class SlidingWindow {
  private accepted: number[] = [];
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** undefined when the call may go ahead (it is counted); otherwise the whole seconds of Retry-After (>= 1). */
  check(now: number): number | undefined {
    while (this.accepted.length > 0 && (this.accepted[0] ?? 0) <= now - this.windowMs) this.accepted.shift();
    if (this.accepted.length < this.limit) {
      this.accepted.push(now);
      return undefined;
    }
    return Math.max(1, Math.ceil(((this.accepted[0] ?? now) + this.windowMs - now) / 1000));
  }
}
/**
 * admin.users.session.setSettings' `duration`, in seconds: "The minimum value is 28800, which represents 8 hours; the
 * max value is 315569520 or 10 years" (Slack's method reference). Written here on its own, not imported from the app:
 * the fake refuses what Slack's reference says it refuses, so a limit the app gets wrong is a test that fails.
 */
const SESSION_DURATION = { min: 28_800, max: 315_569_520 };

/** One person's own session settings, as admin.users.session.getSettings returns them. */
export interface FakeSessionSettings {
  duration?: number;
  desktop_app_browser_quit?: boolean;
}

/** One run of a Workflow Builder step, as Slack keeps it: running until the app completes or fails it, once. */
export interface FakeExecution {
  callbackId: string;
  workflowExecutionId: string;
  state: 'running' | 'completed' | 'failed';
  outputs?: Record<string, unknown>;
  error?: string;
}

export const ENTERPRISE_ID = 'E0ORG00001';
export const ADMIN_TOKEN_OWNER = 'W0OWNER001';

/**
 * What Slack did for an admin call, when it did something: what its audit log then records (see fake-slack-audit.ts).
 * A bulk reset's job names who it signed out and who it failed for.
 */
export interface AdminEffect {
  /** When Slack took the call (epoch ms). */
  at: number;
  method: string;
  token?: string;
  args: Record<string, string>;
  succeeded?: string[];
  failed?: string[];
}

/**
 * A small Web API double on loopback: it records every call with its token and arguments, keeps users and
 * sessions like Slack does, and lets a test replace any method's answer (errors, 429s, 5xx, delays, drops).
 * It also takes response_url posts at /respond/<id>.
 */
export class FakeSlack {
  /** Every call Slack took; one its rate limit refused is in `limited` instead. */
  readonly calls: RecordedCall[] = [];
  /** Calls answered 429 because they came past their method's tier. */
  readonly limited: RecordedCall[] = [];
  /** Slack's tiers run this many times faster; 0 turns the limits off (a bench section that brings its own). */
  rateScale = TEST_RATE_SCALE;
  private readonly windows = new Map<string, SlidingWindow>();
  /** People per users.list page at most. */
  usersListPage = 200;
  /** Lists whose first page comes back empty but with a cursor, as Slack's paging allows (and does in large orgs). */
  readonly emptyFirstPages = new Set(['users.list']);
  readonly responses: { path: string; body: Record<string, unknown> }[] = [];
  readonly users = new Map<string, FakeUser>();
  readonly sessions = new Map<string, FakeSession[]>();
  /** User groups by id: their members, or `disabled`. */
  readonly groups = new Map<string, string[] | 'disabled'>();
  /** Tokens an owner revoked (or whose installer left): Slack answers token_revoked to them, whatever the method. */
  readonly revoked = new Set<string>();
  /** People's own session settings; anyone not here is on the organization's default. */
  readonly sessionSettings = new Map<string, FakeSessionSettings>();
  /** What Slack did for each admin call that took effect, in order: the truth its audit log records. */
  readonly effects: AdminEffect[] = [];
  /** People a bulk reset's job fails for, later: the call says queued, and its audit log entry lists them as failed. */
  readonly bulkFailures = new Set<string>();
  /** Runs of Workflow Builder steps by function_execution_id (see startExecution). */
  readonly executions = new Map<string, FakeExecution>();
  /**
   * Every call that carried a workflow token (xwfp-), whatever its method: Slack's docs say such a token cannot call
   * the Admin API, and the app should never send one at all. Tests assert this stays empty.
   */
  readonly workflowTokenCalls: RecordedCall[] = [];
  private readonly overrides = new Map<string, Handler>();
  private server?: Server;
  private viewCount = 0;
  origin = '';

  get url(): string {
    return `${this.origin}/api/`;
  }

  responseUrl(id = 'r1'): string {
    return `${this.origin}/respond/${id}`;
  }

  /** Replaces a method's answer; a handler returning undefined falls through to the default. */
  on(method: string, handler: Handler): this {
    this.overrides.set(method, handler);
    return this;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  adminCalls(): RecordedCall[] {
    return this.calls.filter((c) => c.method.startsWith('admin.'));
  }

  /** Resolves once `count` calls to `method` have arrived (or rejects after `timeoutMs`). */
  async waitFor(method: string, count = 1, timeoutMs = 5000): Promise<RecordedCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.callsTo(method).length < count) {
      if (Date.now() > deadline) {
        throw new Error(`waited ${timeoutMs} ms for ${count} call(s) to ${method}; got ${this.callsTo(method).length}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.callsTo(method);
  }

  async waitForResponses(count = 1, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.responses.length < count) {
      if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${count} response_url post(s)`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  addUser(user: Partial<FakeUser> & { id: string }): FakeUser {
    const full: FakeUser = {
      name: user.id.toLowerCase(),
      real_name: `Person ${user.id}`,
      profile: { email: `${user.id.toLowerCase()}@example.com` },
      ...user,
    };
    this.users.set(full.id, full);
    return full;
  }

  /** A step's run starting in Workflow Builder: its function_execution_id, running until the app answers. */
  startExecution(callbackId: string): { functionExecutionId: string; workflowExecutionId: string } {
    const n = String(this.executions.size + 1).padStart(9, '0');
    const run = { functionExecutionId: `Fx${n}`, workflowExecutionId: `Wx${n}` };
    this.executions.set(run.functionExecutionId, {
      callbackId,
      workflowExecutionId: run.workflowExecutionId,
      state: 'running',
    });
    return run;
  }

  addSession(
    userId: string,
    sessionId: number,
    device: Partial<Record<string, string>> = {},
    recent?: Record<string, string>,
    teamId: string = TEAM_ID,
  ) {
    const list = this.sessions.get(userId) ?? [];
    list.push({
      session_id: sessionId,
      team_id: teamId,
      user_id: userId,
      created: {
        device_hardware: 'iPhone',
        os: 'iOS',
        os_version: '17.1',
        slack_client_version: '24.01',
        ip: '203.0.113.5',
        ...device,
      },
      ...(recent ? { recent } : {}),
    });
    this.sessions.set(userId, list);
  }

  /**
   * Resolves once no request has been open for `quietMs`: a test that stops the fake after a failed start must not
   * cut off a call the app already made (Bolt checks the bot token as soon as the app is built).
   */
  async settle(quietMs = 30): Promise<void> {
    let quietSince = Date.now();
    while (Date.now() - quietSince < quietMs) {
      if (this.open > 0) quietSince = Date.now();
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private open = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.open += 1;
      res.on('close', () => {
        this.open -= 1;
      });
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '/';

    if (path.startsWith('/respond/')) {
      const body = JSON.parse(raw) as Record<string, unknown>;
      if (body.blocks !== undefined && messageProblems({ text: 'x', blocks: body.blocks }).length > 0) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_blocks');
        return;
      }
      if (typeof body.text === 'string' && Array.from(body.text).length > LIMITS.messageText) {
        body.text = Array.from(body.text).slice(0, LIMITS.messageText).join('');
      }
      this.responses.push({ path, body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = path.replace(/^\/api\//, '').split('?')[0] ?? '';
    const args = Object.fromEntries(new URLSearchParams(raw));
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : args.token;
    const call: RecordedCall = { method, token, args };
    const retryAfter = this.rateLimited(method, args);
    if (retryAfter !== undefined) {
      this.limited.push(call);
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfter) });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    // Slack keeps the first 40,000 characters of a message's text: what the test reads is what a reader would see.
    if (typeof args.text === 'string' && Array.from(args.text).length > LIMITS.messageText) {
      args.text = Array.from(args.text).slice(0, LIMITS.messageText).join('');
    }
    this.calls.push(call);
    if (token?.startsWith('xwfp-')) this.workflowTokenCalls.push(call);

    const override = await this.overrides.get(method)?.(call);
    const reply = override?.afterEffect
      ? { ...this.defaultReply(call), ...override }
      : (override ?? this.defaultReply(call));
    // Unref'd: a reply held for a process the test killed must not keep the test run alive.
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs).unref());
    if (reply.drop) {
      req.socket.destroy();
      return;
    }
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  }

  /** Whole seconds of Retry-After when this call comes past its method's tier (per channel for chat.postMessage). */
  private rateLimited(method: string, args: Record<string, string>): number | undefined {
    if (this.rateScale <= 0) return undefined;
    const perMinute = TIERS[method];
    // chat.postMessage is about one a second per channel.
    const [key, limit, windowMs] =
      method === 'chat.postMessage'
        ? [`${method}:${args.channel}`, 1, 1000 / this.rateScale]
        : [method, perMinute ?? 0, 60_000 / this.rateScale];
    if (limit === 0) return undefined;
    let window = this.windows.get(key);
    if (!window) {
      window = new SlidingWindow(limit, windowMs);
      this.windows.set(key, window);
    }
    return window.check(Date.now());
  }

  /**
   * The three settings methods as Slack's reference describes them: `user_ids` of 1 to 1,000 people (an array; web-api
   * sends it JSON-encoded, other clients comma-separated), `user_not_found` when one of them does not exist and
   * `bots_not_allowed` for a bot, changing nobody then; setSettings needs `duration` (28800–315569520 s) or
   * `desktop_app_browser_quit`, or says `at_least_one_session_setting_required`. getSettings lists each person's own
   * settings, and in `no_settings_applied` those on the organization's default.
   */
  private settingsReply(method: string, args: Record<string, string>): Reply {
    const fail = (error: string) => ({ body: { ok: false, error } });
    const ids = userIdsOf(args.user_ids);
    if (!ids || ids.length === 0 || ids.length > 1000) return fail('invalid_arguments');
    if (ids.some((id) => !this.users.has(id))) return fail('user_not_found');
    if (ids.some((id) => this.users.get(id)?.is_bot)) return fail('bots_not_allowed');
    if (method === 'admin.users.session.getSettings') {
      const settings = ids.flatMap((id) => {
        const own = this.sessionSettings.get(id);
        return own ? [{ user_id: id, ...own }] : [];
      });
      const none = ids.filter((id) => !this.sessionSettings.has(id));
      return { body: { ok: true, session_settings: settings, no_settings_applied: none } };
    }
    if (method === 'admin.users.session.clearSettings') {
      for (const id of ids) this.sessionSettings.delete(id);
      return { body: { ok: true } };
    }
    const { duration, desktop_app_browser_quit: quit } = args;
    if (duration === undefined && quit === undefined) return fail('at_least_one_session_setting_required');
    const seconds = Number(duration);
    if (
      duration !== undefined &&
      !(/^\d+$/.test(duration) && seconds >= SESSION_DURATION.min && seconds <= SESSION_DURATION.max)
    ) {
      return fail('invalid_arguments');
    }
    if (quit !== undefined && quit !== 'true' && quit !== 'false') return fail('invalid_arguments');
    for (const id of ids) {
      this.sessionSettings.set(id, {
        ...this.sessionSettings.get(id),
        ...(duration !== undefined ? { duration: seconds } : {}),
        ...(quit !== undefined ? { desktop_app_browser_quit: quit === 'true' } : {}),
      });
    }
    return { body: { ok: true } };
  }

  /**
   * functions.completeSuccess / completeError as Slack's reference describes them: a bot token (no scope needed) or
   * the step's workflow token; `function_execution_not_found` for a run Slack never started,
   * `execution_not_in_running_state` once it was completed or failed, and for completeSuccess
   * `parameter_validation_failed` when the outputs do not match the output_parameters manifest.yml declares.
   */
  private stepReply(method: string, token: string, args: Record<string, string>): Reply {
    const fail = (error: string, messages?: string[]) => ({
      body: { ok: false, error, ...(messages ? { response_metadata: { messages } } : {}) },
    });
    if (!token.startsWith('xoxb-') && !token.startsWith('xwfp-')) return fail('not_allowed_token_type');
    const run = this.executions.get(args.function_execution_id ?? '');
    if (!run) return fail('function_execution_not_found');
    if (run.state !== 'running') return fail('execution_not_in_running_state');
    if (method === 'functions.completeError') {
      if (!args.error) return fail('invalid_arguments');
      run.state = 'failed';
      run.error = args.error;
      return { body: { ok: true } };
    }
    let outputs: Record<string, unknown>;
    try {
      outputs = JSON.parse(args.outputs ?? '{}') as Record<string, unknown>;
    } catch {
      return fail('invalid_arguments');
    }
    const problems = outputProblems(run.callbackId, outputs);
    if (problems.length > 0) return fail('parameter_validation_failed', problems);
    run.state = 'completed';
    run.outputs = outputs;
    return { body: { ok: true } };
  }

  private defaultReply({ method, token, args }: RecordedCall): Reply {
    const ok = (body: Record<string, unknown> = {}) => ({ body: { ok: true, ...body } });
    const fail = (error: string) => ({ body: { ok: false, error } });
    if (!token) return fail('not_authed');
    if (this.revoked.has(token)) return fail('token_revoked');
    if (method.startsWith('admin.') && !token.startsWith('xoxp-')) return fail('not_allowed_token_type');

    switch (method) {
      case 'functions.completeSuccess':
      case 'functions.completeError':
        return this.stepReply(method, token, args);
      case 'auth.test':
        return token.startsWith('xoxp-')
          ? {
              ...ok({ user_id: ADMIN_TOKEN_OWNER, team_id: TEAM_ID, enterprise_id: ENTERPRISE_ID }),
              // Slack names a token's scopes in this header; web-api exposes them as response_metadata.scopes.
              headers: { 'x-oauth-scopes': 'admin.users:read,admin.users:write' },
            }
          : ok({ user_id: 'W0BOTUSER1', bot_id: 'B0BOT00001', team_id: TEAM_ID, enterprise_id: ENTERPRISE_ID });
      case 'users.info': {
        const user = this.users.get(args.user ?? '');
        return user ? ok({ user }) : fail('user_not_found');
      }
      case 'users.lookupByEmail': {
        const user = [...this.users.values()].find((u) => u.profile.email === args.email);
        return user ? ok({ user }) : fail('users_not_found');
      }
      case 'views.open':
      case 'views.update':
      case 'views.publish': {
        const problems = blockKitProblems(JSON.parse(args.view ?? 'null'));
        if (problems.length > 0)
          return { body: { ok: false, error: 'invalid_arguments', response_metadata: { messages: problems } } };
        if (method === 'views.publish') return ok();
        if (method === 'views.update') return ok({ view: { id: args.view_id } });
        this.viewCount += 1;
        return ok({ view: { id: `V${String(this.viewCount).padStart(9, '0')}` } });
      }
      case 'chat.postMessage':
      case 'chat.update': {
        const blocks = args.blocks === undefined ? undefined : JSON.parse(args.blocks);
        const problems = messageProblems({ text: args.text, blocks });
        // A cut text is Slack's doing, not a refusal; anything else wrong is.
        if (problems.some((p) => !p.includes('Slack cuts it'))) {
          return { body: { ok: false, error: 'invalid_blocks', response_metadata: { messages: problems } } };
        }
        if (method === 'chat.update') return ok({ channel: args.channel, ts: args.ts });
        // Each message its own ts, as Slack gives: a request's thread and updates name it.
        return ok({ channel: args.channel, ts: `1700000000.${String(this.calls.length).padStart(6, '0')}` });
      }
      case 'users.list': {
        // An org-level token lists one workspace at a time, and must say which.
        if (!args.team_id) return fail('missing_argument');
        const members = [...this.users.values()].filter(
          (u) => (u.team_id ?? TEAM_ID) === args.team_id || u.enterprise_user?.teams?.includes(args.team_id ?? ''),
        );
        if (this.emptyFirstPages.has(method) && !args.cursor) {
          return ok({ members: [], response_metadata: { next_cursor: 'start:0' } });
        }
        const start = Number((args.cursor ?? 'start:0').split(':')[1]);
        const limit = Math.min(Number(args.limit ?? this.usersListPage), this.usersListPage);
        const page = members.slice(start, start + limit);
        const next = start + limit < members.length ? `start:${start + limit}` : '';
        return ok({ members: page, response_metadata: { next_cursor: next } });
      }
      case 'usergroups.users.list': {
        // "team_id: Required if org token is used": the app's bot token from an org-wide install is one.
        if (!args.team_id) return fail('missing_argument');
        const group = this.groups.get(args.usergroup ?? '');
        if (group === undefined) return fail('no_such_subteam');
        if (group === 'disabled') return fail('subteam_disabled');
        return ok({ users: group });
      }
      case 'admin.users.session.reset': {
        const user = this.users.get(args.user_id ?? '');
        if (!user) return fail('user_not_found');
        if (user.is_bot) return fail('cannot_reset_bot');
        if (user.enterprise_user?.is_primary_owner) return fail('cannot_reset_primary_owner');
        if (args.mobile_only === 'true' && args.web_only === 'true') return fail('invalid_arguments');
        // The person's sessions of that kind end, in every workspace (a phone's OS marks a mobile session here).
        const mobile = (session: FakeSession) => ['iOS', 'Android'].includes(session.created.os ?? '');
        const kept = (this.sessions.get(user.id) ?? []).filter((session) =>
          args.mobile_only === 'true' ? !mobile(session) : args.web_only === 'true' ? mobile(session) : false,
        );
        this.sessions.set(user.id, kept);
        this.effects.push({ at: Date.now(), method, token, args });
        return ok();
      }
      case 'admin.users.session.resetBulk': {
        // web-api sends an array argument JSON-encoded.
        const ids = JSON.parse(args.user_ids ?? '[]') as string[];
        if (!Array.isArray(ids) || ids.length === 0 || ids.length > 1000) return fail('invalid_arguments');
        // Slack queues the job for the people it can sign out, and says only that some were refused. Its job may
        // still fail for some it queued; only its audit log says whom.
        const known = ids.filter((id) => this.users.has(id) && !this.users.get(id)?.is_bot);
        const succeeded = known.filter((id) => !this.bulkFailures.has(id));
        for (const id of succeeded) this.sessions.set(id, []);
        const failed = ids.filter((id) => !succeeded.includes(id));
        this.effects.push({ at: Date.now(), method, token, args, succeeded, failed });
        return known.length < ids.length ? fail('failed_for_some_users') : ok();
      }
      case 'admin.users.session.invalidate': {
        const list = this.sessions.get(args.user_id ?? '') ?? [];
        const index = list.findIndex((s) => String(s.session_id) === args.session_id && s.team_id === args.team_id);
        if (index < 0) return fail('session_not_found');
        list.splice(index, 1);
        this.effects.push({ at: Date.now(), method, token, args });
        return ok();
      }
      case 'admin.users.session.getSettings':
        return this.settingsReply(method, args);
      case 'admin.users.session.setSettings':
      case 'admin.users.session.clearSettings': {
        const reply = this.settingsReply(method, args);
        if ((reply.body as { ok?: boolean }).ok) this.effects.push({ at: Date.now(), method, token, args });
        return reply;
      }
      case 'admin.users.session.list': {
        if (!args.user_id !== !args.team_id) return fail(args.user_id ? 'missing_team' : 'missing_user');
        const all = (this.sessions.get(args.user_id ?? '') ?? []).filter((s) => s.team_id === args.team_id);
        if (all.length === 0) return fail('no_active_sessions');
        if (this.emptyFirstPages.has(method) && !args.cursor)
          return ok({ active_sessions: [], response_metadata: { next_cursor: '0' } });
        const start = Number(args.cursor ?? 0);
        const limit = Number(args.limit ?? 100);
        const page = all.slice(start, start + limit);
        const next = start + limit < all.length ? String(start + limit) : '';
        return ok({ active_sessions: page, response_metadata: { next_cursor: next } });
      }
      default:
        return fail('unknown_method');
    }
  }
}

/** An array argument as Slack reads it: JSON-encoded (as web-api sends it) or comma-separated; undefined if neither. */
function userIdsOf(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.startsWith('[')) {
    try {
      const parsed = JSON.parse(raw) as unknown;
      return Array.isArray(parsed) && parsed.every((id) => typeof id === 'string') ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return raw.split(',').map((id) => id.trim());
}
