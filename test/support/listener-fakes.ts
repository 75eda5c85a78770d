/**
 * Fakes for calling a listener directly, with no HTTP: a `ListenerDeps` whose every port is a plain object that
 * records what reached it (the Slack surface, the admin API, the audit log) and answers as scripted, and the
 * argument bags Bolt hands a listener (a command, a view submission or close, the App Home event).
 */

import type {
  AllMiddlewareArgs,
  Logger,
  RespondFn,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';
import type { HomeView, ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { INVALIDATE_CALLBACK, INVALIDATE_INPUT } from '../../src/actions/invalidate/ids';
import type { InvalidatePlan } from '../../src/actions/invalidate/plan';
import { ACTIONS } from '../../src/actions/registry';
import { RESET_CALLBACK, RESET_INPUT } from '../../src/actions/reset/ids';
import type { PickPlan, ResetPlan } from '../../src/actions/reset/plan';
import { type ListenerDeps, listenerDeps } from '../../src/actions/shared/deps';
import { openSqliteAuditStore } from '../../src/adapters/sqlite-audit-store';
import { type Config, loadConfig } from '../../src/config';
import type { ApprovalDecision, ApprovalRequest } from '../../src/domain/approval';
import { type AuditRecord, type AuditTarget, FINAL_OUTCOMES, STILL_RUNNABLE } from '../../src/domain/audit-record';
import { type AnyPlan, decodeKept, type KeptPlan, planRef, readPlanRef } from '../../src/domain/plan';
import type { ActiveSession, Outcome, Person, ResetScope } from '../../src/domain/types';
import type { Inflight } from '../../src/inflight';
import type { AuditStore } from '../../src/ports/audit-store';
import type { AdminApi, Directory, ListResult, LookupResult, OnWait, WaitNotice } from '../../src/ports/slack';
import type { AuditLog, Message, SlackSurface } from '../../src/ports/slack-surface';
import { INPUT } from '../../src/views/ids';
import { allText } from './block-kit-limits';
import { TEAM_ID } from './fake-slack';
import { PLAN_SCHEMAS, type Plan } from './plans';
import { commandPayload, viewSubmissionPayload } from './slack-payloads';

// Obviously fake: nothing here is a real token, and no call leaves the process.
export const FAKE_TOKENS = {
  bot: 'xoxb-fake-bot-token-for-unit-tests',
  admin: 'xoxp-fake-admin-token-for-unit-tests',
  signingSecret: 'fake-signing-secret-for-unit-tests',
} as const;

export const ADMIN = 'W0ADMIN001';
export const OTHER_ADMIN = 'W0ADMIN002';
export const ALICE = 'W0ALICE001';
export const BOB = 'W0BOB00001';
export const CAROL = 'W0CAROL001';
export const BOT = 'W0BOT00009';
export const GONE = 'W0GONE0001';
export const PRIMARY = 'W0PRIME001';
export const TOKEN_OWNER = 'W0OWNER001';
export const TEAM = TEAM_ID;
export const HOME_TEAM = 'T0HOME0001';
export const REQUEST_ID = '3f2b8c1e-9d4a-4e6b-8f7c-1a2b3c4d5e6f';
export const RESPONSE_URL = 'https://hooks.slack.com/commands/T0TEAM0001/1000000001/fake-response-url';
export const TRIGGER_ID = '1337.42.fake-trigger';
export const VIEW_ID = 'V0MODAL0001';

/* ------------------------------------------------------------------ ports */

/** A logger whose every method is a jest.fn, to assert on what was logged. */
export type FakeLogger = Logger & Record<'debug' | 'info' | 'warn' | 'error', jest.Mock>;

export function fakeLogger(): FakeLogger {
  return {
    debug: jest.fn(),
    info: jest.fn(),
    warn: jest.fn(),
    error: jest.fn(),
    setLevel: jest.fn(),
    getLevel: jest.fn(),
    setName: jest.fn(),
  } as unknown as FakeLogger;
}

/** The people in the directory the bot token sees. */
export class FakeDirectory implements Directory {
  readonly people = new Map<string, Person>();
  /** Every look-up, as `id:W…` or `email:…`, in order. */
  readonly lookups: string[] = [];
  /** A Slack error code to answer for an ID or an email instead of the person. */
  readonly failing = new Map<string, string>();

  add(over: Partial<Person> & { id: string }): Person {
    const person: Person = {
      realName: `Person ${over.id}`,
      email: `${over.id.toLowerCase()}@example.com`,
      role: 'member',
      deleted: false,
      ...over,
    };
    this.people.set(person.id, person);
    return person;
  }

  async userById(id: string): Promise<LookupResult> {
    this.lookups.push(`id:${id}`);
    return this.answer(id, this.people.get(id), 'user_not_found');
  }

  async userByEmail(email: string): Promise<LookupResult> {
    this.lookups.push(`email:${email}`);
    const person = [...this.people.values()].find((p) => p.email?.toLowerCase() === email.toLowerCase());
    return this.answer(email, person, 'users_not_found');
  }

  /** User groups by id: their members. A group missing here is unknown to Slack. */
  readonly groups = new Map<string, string[]>();

  async groupMembers(groupId: string) {
    this.lookups.push(`group:${groupId}`);
    const code = this.failing.get(groupId);
    if (code) return { ok: false as const, code };
    const members = this.groups.get(groupId);
    return members ? { ok: true as const, userIds: members } : { ok: false as const, code: 'no_such_subteam' };
  }

  /** Everyone in the workspace, two pages: the listing path of a large group. */
  async workspacePeople(onPage: (people: Person[]) => boolean) {
    this.lookups.push('workspace');
    const everyone = [...this.people.values()];
    const half = Math.ceil(everyone.length / 2);
    if (onPage(everyone.slice(0, half))) onPage(everyone.slice(half));
    return { ok: true as const };
  }

  private answer(key: string, person: Person | undefined, notFound: string): LookupResult {
    const code = this.failing.get(key);
    if (code) return { ok: false, code };
    return person ? { ok: true, person } : { ok: false, code: notFound };
  }
}

/** The people most tests need: two members, an org admin, a bot, a deactivated person, the invoker, and more. */
export function addPeople(directory: FakeDirectory): void {
  directory.add({ id: ALICE, realName: 'Alice Example', email: 'alice@example.com' });
  directory.add({ id: BOB, realName: 'Bob Example', email: 'bob@example.com' });
  directory.add({ id: CAROL, realName: 'Carol Admin', role: 'org_admin' });
  directory.add({ id: BOT, realName: 'Deploy Bot', role: 'bot' });
  directory.add({ id: GONE, realName: 'Gone Person', deleted: true });
  directory.add({ id: PRIMARY, realName: 'Prime Owner', role: 'org_primary_owner' });
  directory.add({ id: TOKEN_OWNER, realName: 'Token Owner', role: 'org_owner' });
  directory.add({ id: ADMIN, realName: 'Invoking Admin' });
}

export type SurfaceCall =
  | { method: 'openModal'; triggerId: string; view: ModalView }
  | { method: 'updateModal'; viewId: string; view: ModalView }
  | { method: 'publishHome'; userId: string; view: HomeView }
  | { method: 'postEphemeral'; responseUrl: string; text: string }
  | { method: 'postMessage'; message: Message }
  | { method: 'updateMessage'; channel: string; ts: string; message: Omit<Message, 'channel' | 'threadTs'> };

/** What the admin sees of the app: every modal opened or updated and every response_url message, in order. */
export class FakeSurface implements SlackSurface {
  readonly calls: SurfaceCall[] = [];
  readonly directory = new FakeDirectory();
  /** views.open's answer; `{ ok: false, code }` as when the trigger expired. */
  open: { ok: true; viewId: string } | { ok: false; code: string } = { ok: true, viewId: VIEW_ID };
  /** Whether views.update is taken; false as when the admin closed the modal. */
  acceptUpdate: (view: ModalView) => boolean = () => true;
  /** Whether response_url messages arrive. */
  delivered = true;

  async openModal(triggerId: string, view: ModalView) {
    this.calls.push({ method: 'openModal', triggerId, view });
    return this.open;
  }

  async updateModal(viewId: string, view: ModalView) {
    this.calls.push({ method: 'updateModal', viewId, view });
    return this.acceptUpdate(view);
  }

  async publishHome(userId: string, view: HomeView) {
    this.calls.push({ method: 'publishHome', userId, view });
    return true;
  }

  async postEphemeral(responseUrl: string, text: string) {
    this.calls.push({ method: 'postEphemeral', responseUrl, text });
    return this.delivered;
  }

  /** chat.postMessage's answer for a channel (or user); by default each post gets a ts of its own. */
  post: (message: Message) => { ok: true; ts: string } | { ok: false; code: string } = () => ({
    ok: true,
    ts: `1700000000.${String(this.calls.length).padStart(6, '0')}`,
  });

  async postMessage(message: Message) {
    this.calls.push({ method: 'postMessage', message });
    return this.post(message);
  }

  async updateMessage(channel: string, ts: string, message: Omit<Message, 'channel' | 'threadTs'>) {
    this.calls.push({ method: 'updateMessage', channel, ts, message });
    return true;
  }

  posts(): Message[] {
    return this.calls.flatMap((c) => (c.method === 'postMessage' ? [c.message] : []));
  }

  /** The calls in order, by method name only: `['openModal', 'updateModal']`. */
  methods(): string[] {
    return this.calls.map((c) => c.method);
  }

  /** The views opened on a trigger. */
  opened(): ModalView[] {
    return this.calls.flatMap((c) => (c.method === 'openModal' ? [c.view] : []));
  }

  updates(): { viewId: string; view: ModalView }[] {
    return this.calls.flatMap((c) => (c.method === 'updateModal' ? [{ viewId: c.viewId, view: c.view }] : []));
  }

  messages(): { responseUrl: string; text: string }[] {
    return this.calls.flatMap((c) =>
      c.method === 'postEphemeral' ? [{ responseUrl: c.responseUrl, text: c.text }] : [],
    );
  }

  /** The view the admin sees last (opened or updated). */
  lastView(): ModalView {
    const views = this.calls.flatMap((c) => (c.method === 'openModal' || c.method === 'updateModal' ? [c.view] : []));
    const last = views.at(-1);
    if (!last) throw new Error('no modal was opened or updated');
    return last;
  }
}

export const OK: Outcome = { ok: true };
/** Slack answered with an error: certainly not done. */
export const failed = (code: string): Outcome => ({ ok: false, code, uncertain: false });
/** The call may have reached Slack (a timeout, a 5xx): unknown whether done. */
export const unknown = (code: string): Outcome => ({ ok: false, code, uncertain: true });

/** What a call waiting to be tried again tells its observer. */
export const waitNotice = (code: string, waitMs: number, method = 'admin.users.session.reset'): WaitNotice => ({
  method,
  code,
  waitMs,
});

export type AdminCall =
  | { method: 'resetSessions'; userId: string; scope: ResetScope }
  | { method: 'resetSessionsBulk'; userIds: string[]; scope: ResetScope }
  | { method: 'invalidateSession'; userId: string; teamId: string; sessionId: number }
  | { method: 'listSessions'; userId: string; teamId: string };

type ChangeCall = Exclude<AdminCall, { method: 'listSessions' }>;

/** The admin API: records each call and answers the scripted outcomes (every call succeeds past the script). */
export class FakeAdminApi implements AdminApi {
  readonly calls: AdminCall[] = [];
  /** Active sessions by user ID, listed per workspace. */
  readonly sessions = new Map<string, ActiveSession[]>();
  /** A list error code by workspace ID. */
  readonly listFailures = new Map<string, string>();
  /** Awaited inside each changing call before it answers: to report a retry, or to hold the call. */
  during?: (call: ChangeCall, onWait?: OnWait) => void | Promise<void>;
  private readonly scripts = new Map<string, Outcome[]>();

  /** Outcomes for one target, a user ID or `T…:sessionId`, answered in order. */
  answer(target: string, ...outcomes: Outcome[]): this {
    this.scripts.set(target, outcomes);
    return this;
  }

  /** The calls that change something (resets and invalidations), without the read-only lists. */
  changes(): ChangeCall[] {
    return this.calls.filter((c): c is ChangeCall => c.method !== 'listSessions');
  }

  async resetSessions(userId: string, scope: ResetScope, onWait?: OnWait): Promise<Outcome> {
    return this.change({ method: 'resetSessions', userId, scope }, userId, onWait);
  }

  /** Scripted by the first person of the batch. */
  async resetSessionsBulk(userIds: readonly string[], scope: ResetScope, onWait?: OnWait): Promise<Outcome> {
    return this.change({ method: 'resetSessionsBulk', userIds: [...userIds], scope }, `bulk:${userIds[0]}`, onWait);
  }

  async invalidateSession(s: { userId: string; teamId: string; sessionId: number }, onWait?: OnWait): Promise<Outcome> {
    return this.change({ method: 'invalidateSession', ...s }, `${s.teamId}:${s.sessionId}`, onWait);
  }

  async listSessions(userId: string, teamId: string): Promise<ListResult> {
    this.calls.push({ method: 'listSessions', userId, teamId });
    const code = this.listFailures.get(teamId);
    if (code) return { ok: false, code };
    const sessions = (this.sessions.get(userId) ?? []).filter((s) => s.teamId === teamId);
    return { ok: true, sessions, truncated: false, unreadable: 0 };
  }

  private async change(call: ChangeCall, target: string, onWait?: OnWait): Promise<Outcome> {
    this.calls.push(call);
    await this.during?.(call, onWait);
    return this.scripts.get(target)?.shift() ?? OK;
  }
}

export function activeSession(sessionId: number, over: Partial<ActiveSession> = {}): ActiveSession {
  return {
    sessionId,
    teamId: TEAM,
    userId: ALICE,
    created: { deviceHardware: 'iPhone', os: 'iOS', osVersion: '17.1', ip: '203.0.113.5' },
    ...over,
  };
}

/** The audit store in memory, with the SQLite store's rules for cooldowns and run-once. */
export class MemoryAuditStore implements AuditStore {
  async migrate(): Promise<void> {}

  readonly records: AuditRecord[] = [];
  /** Set it to make every read fail, as an unreadable database does. */
  unreadable?: Error;

  async append(record: AuditRecord): Promise<void> {
    this.records.push(structuredClone(record));
  }

  async recent(limit: number): Promise<AuditRecord[]> {
    return this.newestFirst()
      .filter((r) => !(r.outcome === 'refused' && r.targets.length === 0))
      .slice(0, limit);
  }

  async refusalsSince(since: Date): Promise<{ attempts: number; people: number }> {
    const refused = this.newestFirst().filter(
      (r) => r.outcome === 'refused' && r.targets.length === 0 && new Date(r.time) >= since,
    );
    return { attempts: refused.length, people: new Set(refused.map((r) => r.invokerId)).size };
  }

  async forTarget(userId: string, limit: number): Promise<AuditRecord[]> {
    return this.newestFirst()
      .filter((r) => r.targets.some((t) => t.userId === userId))
      .slice(0, limit);
  }

  async lastActed(
    action: string,
    userIds: readonly string[],
    since: Date,
    exceptRequestId?: string,
  ): Promise<Map<string, Date>> {
    const records = this.newestFirst().filter(
      (r) => r.action === action && new Date(r.time) >= since && r.requestId !== exceptRequestId,
    );
    const found = new Map<string, Date>();
    for (const id of userIds) {
      // Done, unknown and pending count: the reset did (or may have, or is about to) happen.
      const times = records
        .filter((r) => r.targets.some((t) => t.userId === id && ['done', 'unknown', 'pending'].includes(t.result)))
        .map((r) => new Date(r.time).getTime());
      if (times.length > 0) found.set(id, new Date(Math.max(...times)));
    }
    return found;
  }

  private readonly claims = new Set<string>();

  async unfinishedPlans(): Promise<AuditRecord[]> {
    const records = [...this.newestFirst()].reverse();
    return records.filter(
      (s) =>
        s.outcome === 'started' &&
        !records.some((f) => f.requestId === s.requestId && FINAL_OUTCOMES.includes(f.outcome)),
    );
  }

  async wasExecuted(requestId: string): Promise<boolean> {
    return this.newestFirst().some((r) => r.requestId === requestId && !STILL_RUNNABLE.includes(r.outcome));
  }

  async claim(requestId: string): Promise<boolean> {
    if ((await this.wasExecuted(requestId)) || this.claims.has(requestId)) return false;
    this.claims.add(requestId);
    return true;
  }

  private readonly throttles = new Map<string, { postedAt: number; held: number }>();

  async throttle(key: string, windowMs: number, now: Date): Promise<{ post: boolean; heldBack: number }> {
    const last = this.throttles.get(key);
    if (last && now.getTime() - last.postedAt < windowMs) {
      last.held += 1;
      return { post: false, heldBack: 0 };
    }
    this.throttles.set(key, { postedAt: now.getTime(), held: 0 });
    return { post: true, heldBack: last?.held ?? 0 };
  }

  /** Approval requests are kept as the SQLite store keeps them, in a database in memory. */
  private readonly approvals = openSqliteAuditStore(':memory:');
  createApproval = (r: ApprovalRequest) => this.approvals.createApproval(r);
  getApproval = (id: string) => this.approvals.getApproval(id);
  setApprovalMessage = (id: string, channel: string, ts: string) => this.approvals.setApprovalMessage(id, channel, ts);
  decideApproval = (id: string, d: ApprovalDecision) => this.approvals.decideApproval(id, d);
  expiredApprovals = (now: Date) => this.approvals.expiredApprovals(now);
  /** Plans kept for modals, by request ID. */
  readonly plans = new Map<string, KeptPlan>();

  async keepPlan(plan: AnyPlan, viewId: string): Promise<void> {
    this.plans.set(plan.requestId, { plan: structuredClone(plan), viewId, keptAt: new Date() });
  }

  async keptPlan(requestId: string): Promise<KeptPlan | undefined> {
    if (this.unreadable) throw this.unreadable;
    return this.plans.get(requestId);
  }

  async close(): Promise<void> {}

  private newestFirst(): AuditRecord[] {
    if (this.unreadable) throw this.unreadable;
    return [...this.records].reverse();
  }
}

/** The audit log: collects every record and, as the app's store sink does, keeps it in the store. */
export class RecordingAuditLog implements AuditLog {
  readonly records: AuditRecord[] = [];
  constructor(private readonly store: AuditStore) {}

  async record(record: AuditRecord): Promise<void> {
    this.records.push(record);
    await this.store.append(record).catch(() => undefined);
  }

  /** Records other than the "started" marker written before the admin calls. */
  final(): AuditRecord[] {
    return this.records.filter((r) => r.outcome !== 'started');
  }
}

/** A record as an earlier reset of `userId` left it, `minutes` ago. */
export function pastReset(
  userId: string,
  minutes: number,
  over: Partial<AuditRecord> & { result?: AuditTarget['result'] } = {},
): AuditRecord {
  const { result = 'done', ...rest } = over;
  return {
    time: new Date(Date.now() - minutes * 60_000).toISOString(),
    requestId: '00000000-0000-4000-8000-000000000001',
    invokerId: OTHER_ADMIN,
    action: 'reset',
    outcome: result === 'done' ? 'executed' : 'partial',
    scope: 'all',
    targets: [{ userId, result }],
    ...rest,
  };
}

/* ------------------------------------------------------------------- deps */

export function fakeConfig(env: Record<string, string> = {}): Config {
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: FAKE_TOKENS.bot,
    SLACK_ADMIN_TOKEN: FAKE_TOKENS.admin,
    SLACK_SIGNING_SECRET: FAKE_TOKENS.signingSecret,
    ADMIN_USER_IDS: `${ADMIN},${OTHER_ADMIN}`,
    AUDIT_DB_PATH: ':memory:',
    // Checking afterwards is on in production; the tests of it turn it on, the rest look at the sign-outs alone.
    VERIFY_AFTER_RESET: 'false',
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.config;
}

export interface Fakes {
  deps: ListenerDeps;
  config: Config;
  adminApi: FakeAdminApi;
  audit: RecordingAuditLog;
  store: MemoryAuditStore;
  surface: FakeSurface;
  directory: FakeDirectory;
  inflight: Inflight;
  logger: FakeLogger;
  /** `deps.slack`, to check which client and logger a listener gave it. */
  slack: jest.Mock<FakeSurface, [WebClient, Logger]>;
}

/** A ListenerDeps of fakes, with `addPeople` in the directory; `env` is passed to loadConfig. */
export function fakeDeps({
  env = {},
  tokenOwnerId = TOKEN_OWNER,
}: {
  env?: Record<string, string>;
  tokenOwnerId?: string;
} = {}): Fakes {
  const config = fakeConfig(env);
  const store = new MemoryAuditStore();
  const audit = new RecordingAuditLog(store);
  const adminApi = new FakeAdminApi();
  const surface = new FakeSurface();
  addPeople(surface.directory);
  const slack = jest.fn((_client: WebClient, _logger: Logger) => surface);
  // Wired as the app wires it: only the ports are fakes.
  const deps = listenerDeps({
    config,
    adminApi,
    audit,
    store,
    tokenOwnerId: () => tokenOwnerId,
    actions: ACTIONS,
    slack,
  });
  const { inflight } = deps;
  return {
    deps,
    config,
    adminApi,
    audit,
    store,
    surface,
    directory: surface.directory,
    inflight,
    logger: fakeLogger(),
    slack,
  };
}

/** Whether a plan is claimed as running, asked through Inflight's own `claim` (and let go at once if not). */
export function isClaimed(f: Fakes, requestId = REQUEST_ID): boolean {
  return f.inflight.isRunning(requestId);
}

/** Everything a listener can have caused outside its ack: all empty means it only answered in the ack. */
export const effects = (f: Fakes) => ({
  surface: f.surface.calls,
  admin: f.adminApi.calls,
  records: f.audit.records,
  lookups: f.directory.lookups,
});
export const NO_EFFECTS = { surface: [], admin: [], records: [], lookups: [] };

/** A refused submission: no effect at all but the one record that it was refused. */
export function expectOnlyRefused(f: Fakes): void {
  const { records, ...rest } = effects(f);
  expect(rest).toEqual({ surface: [], admin: [], lookups: [] });
  expect(records.map((r) => r.outcome)).toEqual(['refused']);
}

/* ------------------------------------------------------------------ plans */

const base = { invokerId: ADMIN, requestId: REQUEST_ID, responseUrl: RESPONSE_URL };

export const pickPlan = (over: Partial<PickPlan> = {}): PickPlan => ({ kind: 'pick', ...base, ...over });

export const resetPlan = (over: Partial<ResetPlan> = {}): ResetPlan => ({
  kind: 'reset',
  ...base,
  privileged: [],
  scope: 'all',
  userIds: [ALICE],
  skipped: [],
  skippedUnlisted: 0,
  again: [],
  ...over,
});

export const invalidatePlan = (over: Partial<InvalidatePlan> = {}): InvalidatePlan => ({
  kind: 'invalidate',
  ...base,
  privileged: [],
  userId: ALICE,
  choose: false,
  sessions: [{ teamId: TEAM, sessionId: 1001 }],
  ...over,
});

/** The plan kept for a view the app showed (its private_metadata names it), checked as a submission would check it. */
export function planOf(f: Pick<Fakes, 'store'>, view: { private_metadata?: string }): Plan {
  const kept = f.store.plans.get(readPlanRef(view.private_metadata) ?? '');
  const rules = { maxTargets: 50, isAllowedResponseUrl: () => true };
  const plan = PLAN_SCHEMAS.map((schema) => decodeKept(kept?.plan, rules, schema)).find((p) => p !== undefined);
  if (!plan) throw new Error(`no valid plan is kept for the view naming ${view.private_metadata}`);
  return plan;
}

/** All the text of a view (or the text of a message) the admin reads, joined. */
export const textOf = (view: unknown): string => (typeof view === 'string' ? view : allText(view));

/* ---------------------------------------------------------- argument bags */

export type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;
export type ViewArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs;
export type HomeArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>;

/** The listener's bot-token client: listeners only hand it to `deps.slack`, so it has nothing. */
export const CLIENT = {} as WebClient;

const ackFn = () => jest.fn(async (_response?: unknown) => undefined);

/** Bolt's `respond`: the app never uses it (every reply goes through the surface's checked postEphemeral). */
export type RespondMock = jest.Mock<Promise<undefined>, [unknown]> & RespondFn;
export const fakeRespond = (): RespondMock => jest.fn(async (_message: unknown) => undefined) as unknown as RespondMock;

/** A slash command as Bolt passes it to a listener. */
export function commandArgs(
  f: Fakes,
  text: string,
  { command = '/reset-sessions', userId = ADMIN }: { command?: string; userId?: string } = {},
) {
  const payload = commandPayload({ command, text, userId, triggerId: TRIGGER_ID, responseUrl: RESPONSE_URL });
  const ack = ackFn();
  const respond = fakeRespond();
  const args = {
    payload,
    command: payload,
    body: payload,
    ack,
    respond,
    say: jest.fn(),
    client: CLIENT,
    logger: f.logger,
    context: {},
    next: jest.fn(),
  } as unknown as CommandArgs;
  return { args, ack, respond };
}

export interface ViewOptions {
  /** The plan in private_metadata. */
  plan?: Plan;
  /** Raw private_metadata instead of a plan: to tamper with it. */
  metadata?: string;
  /** state.values: block_id → action_id → value. */
  values?: Record<string, Record<string, unknown>>;
  /** Who submits or closes it. */
  userId?: string;
  type?: 'view_submission' | 'view_closed';
}

const CALLBACKS: Record<Plan['kind'], string> = {
  pick: RESET_CALLBACK.pick,
  reset: RESET_CALLBACK.confirm,
  invalidate: INVALIDATE_CALLBACK.confirm,
};

/** A view_submission (or view_closed) of a modal the app opened, as Bolt passes it to a listener. */
export function viewArgs(
  f: Fakes,
  { plan, metadata, values = {}, userId = ADMIN, type = 'view_submission' }: ViewOptions,
) {
  // A modal the app opened: its plan is kept for it, as the confirmation keeps it.
  if (plan && metadata === undefined) f.store.plans.set(plan.requestId, { plan, viewId: VIEW_ID, keptAt: new Date() });
  const view = {
    type: 'modal',
    callback_id: plan ? CALLBACKS[plan.kind] : RESET_CALLBACK.confirm,
    private_metadata: metadata ?? (plan ? planRef(plan) : ''),
    notify_on_close: true,
    blocks: [],
  };
  const submission = viewSubmissionPayload({ viewId: VIEW_ID, view, userId, triggerId: TRIGGER_ID, values });
  const body = type === 'view_closed' ? { ...submission, type, is_cleared: false } : submission;
  const ack = ackFn();
  const args = {
    payload: body.view,
    view: body.view,
    body,
    ack,
    respond: jest.fn(),
    client: CLIENT,
    logger: f.logger,
    context: {},
    next: jest.fn(),
  } as unknown as ViewArgs;
  return { args, ack };
}

/** What a listener can answer in its ack: a message (commands), or a response_action (view submissions). */
export interface AckAnswer {
  response_type?: string;
  text?: string;
  response_action?: string;
  errors?: Record<string, string>;
  view?: ModalView;
}

/** What the one ack call answered with (undefined for an empty ack). */
export function acked(ack: jest.Mock): AckAnswer | undefined {
  expect(ack).toHaveBeenCalledTimes(1);
  return ack.mock.calls[0]?.[0];
}

/** Asserts that the ack answered a usage error: a warning saying `said`, then the command's usage. */
export function expectUsageError(ack: jest.Mock, said: string, usage: string): void {
  const answer = acked(ack);
  expect(answer).toEqual({ response_type: 'ephemeral', text: expect.stringContaining(said) });
  expect(answer?.text).toMatch(/^:warning: /);
  expect(answer?.text?.endsWith(`\n\n${usage}`)).toBe(true);
}

/** The view an ack answered with `response_action: 'update'`. */
export function ackedView(ack: jest.Mock, call = -1): ModalView {
  const response = ack.mock.calls.at(call)?.[0] as AckAnswer | undefined;
  if (response?.response_action !== 'update' || !response.view) throw new Error('the ack did not update the view');
  return response.view;
}

/* state.values as Slack sends them for this app's inputs. */
export const reasonValue = (value: string) => ({
  [INPUT.reason.block]: { [INPUT.reason.action]: { type: 'plain_text_input', value } },
});
export const cooldownTicked = {
  [RESET_INPUT.cooldown.block]: {
    [RESET_INPUT.cooldown.action]: { type: 'checkboxes', selected_options: [{ value: 'again' }] },
  },
};
export const pickedUsers = (...ids: string[]) => ({
  [RESET_INPUT.users.block]: { [RESET_INPUT.users.action]: { type: 'multi_users_select', selected_users: ids } },
});
export const pickedScope = (value: string) => ({
  [RESET_INPUT.scope.block]: { [RESET_INPUT.scope.action]: { type: 'radio_buttons', selected_option: { value } } },
});
export const pickedSessions = (...values: string[]) => ({
  [INVALIDATE_INPUT.sessions.block]: {
    [INVALIDATE_INPUT.sessions.action]: { type: 'checkboxes', selected_options: values.map((value) => ({ value })) },
  },
});

type Listener<Args> = (deps: ListenerDeps) => (args: Args) => Promise<void>;

/** Calls a command listener made from `f.deps` with `text`; resolves with its ack and respond. */
export async function runCommand(f: Fakes, listener: Listener<CommandArgs>, text: string, command?: string) {
  const bag = commandArgs(f, text, { command });
  await listener(f.deps)(bag.args);
  return bag;
}

/** Calls a view listener made from `f.deps` with a submission (or close); resolves with its ack. */
export async function runView(f: Fakes, listener: Listener<ViewArgs>, options: ViewOptions): Promise<jest.Mock> {
  const { args, ack } = viewArgs(f, options);
  await listener(f.deps)(args);
  return ack;
}

/** Asserts the admin was told, by message through the command's response_url, that views.open was refused, and why. */
export function expectToldNotOpened(f: Fakes, why: string): void {
  const messages = f.surface.messages();
  expect(messages).toHaveLength(1);
  expect(messages[0]?.responseUrl).toBe(RESPONSE_URL);
  expect(messages[0]?.text).toContain(why);
  expect(messages[0]?.text).toMatch(/^:warning: The confirmation could not be opened: .* Nothing was changed; run/);
}

/** Asserts the admin was told, by message through the command's response_url, that the modal could not be updated. */
export function expectToldNotShown(f: Fakes): void {
  expect(f.surface.messages()).toEqual([
    {
      responseUrl: RESPONSE_URL,
      text: ':warning: The confirmation could not be shown: the modal was closed or Slack refused it. Nothing was changed; run the command again.',
    },
  ]);
}

/** The app_home_opened event as Bolt passes it; `isAdmin` is what the gate put in the context. */
export function homeArgs(
  f: Fakes,
  { user = ADMIN, isAdmin = true, tab = 'home' }: { user?: string; isAdmin?: boolean; tab?: string } = {},
) {
  const publish = jest.spyOn(f.surface, 'publishHome');
  const event = { type: 'app_home_opened', user, channel: 'D0DM000001', tab, event_ts: '1700000000.000100' };
  const args = {
    payload: event,
    event,
    body: { type: 'event_callback', team_id: TEAM, api_app_id: 'A0APP00001', event },
    context: { isAdmin },
    client: {},
    logger: f.logger,
    say: jest.fn(),
    next: jest.fn(),
  } as unknown as HomeArgs;
  return { args, publish };
}
