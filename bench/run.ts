/**
 * `npm run bench [-- --quick]`: the app against a bare Bolt 5 app, both in child processes against the test
 * suite's fake Slack on loopback. Prints tables and writes bench/results.json. Figures only: nothing is asserted.
 *
 * 1. ack latency of signed `/reset-sessions <@W…>` at several concurrency levels, app vs bare Bolt;
 * 2. command -> views.open (trigger window) with users.info answering at once and after 2.5 s;
 * 3. signing out 100 people through the real modals against a scaled Tier 2 limit (429 + Retry-After);
 * 4. time to a healthy /healthz and resident memory, app vs bare Bolt.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CALLBACK, INPUT } from '../src/views/ids';
import { BenchFake, SlidingWindowLimiter } from './bench-fake';
import { type Child, type Kind, type MemorySample, startChild } from './children';
import type { LoadJob, LoadResult, LoadSample } from './load-worker';
import { clock, commandBody, postSigned, viewSubmissionBody } from './slack-requests';
import { median, mib, ms, ratio, round, type Summary, summarize, table } from './stats';

const QUICK = process.argv.includes('--quick');
/** --profile: each child writes a V8 CPU profile to bench/dist/profiles when it stops (for finding causes). */
const PROFILE_DIR = resolve(__dirname, '..', 'profiles');
const NODE_ARGS = process.argv.includes('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
const P = {
  mode: QUICK ? 'quick' : 'full',
  /**
   * Ack benchmark, run as bare/app/app/bare halves. Requests per server at a level: a fixed floor, and enough for
   * every client to send several (a closed loop that ends before each client has sent twice measures start-up).
   */
  ackRequests: (c: number) => Math.max(QUICK ? 60 : 200, (QUICK ? 6 : 10) * c),
  levels: [
    // Diagnostic: one command at a time with room in between, so post-ack work never overlaps the next ack.
    { concurrency: 1, gapMs: 25, diagnostic: true },
    { concurrency: 1, gapMs: 0, diagnostic: false },
    { concurrency: 10, gapMs: 0, diagnostic: false },
    { concurrency: 50, gapMs: 0, diagnostic: false },
  ],
  startupTrials: QUICK ? 2 : 4,
  /** Trigger-window benchmark: commands per case, sent open-loop at this interval. */
  modalCommands: QUICK ? 15 : 40,
  modalIntervalMs: 50,
  lookupDelays: [0, 2500],
  triggerWindowMs: 3000,
  /** Bulk: people to sign out, the app's per-confirmation cap, and the scaled Tier 2 limit. */
  bulkUsers: 100,
  maxTargets: 50,
  rateLimit: 20,
  rateWindowMs: QUICK ? 1000 : 2000,
  /** Slack's real Tier 2 window, to project the scaled run back onto it. */
  realWindowMs: 60_000,
  /** The app's retry budget for one admin call (src/slack/admin-api.ts defaults). */
  appMaxAttempts: 3,
  appMaxWaitMs: 60_000,
  /** The whole run is abandoned after this long, children included. */
  watchdogMs: QUICK ? 55_000 : 290_000,
} as const;

/** Made-up credentials the fake accepts; the admin is the only one on ADMIN_USER_IDS. */
const FAKE = {
  botToken: 'xoxb-bench-bot-token',
  adminToken: 'xoxp-bench-admin-token',
  signingSecret: 'bench-signing-secret-0123456789abcdef',
  admin: 'W0ADMIN001',
} as const;
const TARGET = 'W0TARGET01';
/** A separate set of people per bulk run, so no run meets the reset cooldown of the one before. */
const bulkIds = (set: string) =>
  Array.from({ length: P.bulkUsers }, (_, i) => `W0BULK${set}${String(i + 1).padStart(3, '0')}`);
const BULK_SETS = { parallel: bulkIds('A'), sequential: bulkIds('B') } as const;
const RESULTS = resolve(__dirname, '..', '..', 'results.json');

const STARTED = clock();
const sleep = (t: number) => new Promise<void>((r) => setTimeout(r, t));
const log = (line: string) => process.stderr.write(`[bench ${((clock() - STARTED) / 1000).toFixed(1)}s] ${line}\n`);

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = clock() + timeoutMs;
  while (!condition()) {
    if (clock() > deadline) return false;
    await sleep(10);
  }
  return true;
}

const fake = new BenchFake();
const children: Partial<Record<Kind, Child>> = {};
/** Confirmation modals the app must show (one per /reset-sessions it was sent); the drain waits for them. */
let expectedConfirmations = 0;

const isConfirmation = (view: Record<string, unknown>) => view.callback_id === CALLBACK.resetConfirm;
/** What the admin types in the confirmation's reason field (required when REQUIRE_REASON is on). */
const REASON = { [INPUT.reason.block]: { [INPUT.reason.action]: { type: 'plain_text_input', value: 'benchmark' } } };

function sectionTexts(view: Record<string, unknown>): string[] {
  const blocks = Array.isArray(view.blocks) ? (view.blocks as { text?: { text?: unknown } }[]) : [];
  return blocks.map((b) => (typeof b.text?.text === 'string' ? b.text.text : ''));
}

const resultSummary = (view: Record<string, unknown>) => /Signed out (\d+) of (\d+)/.exec(sectionTexts(view)[0] ?? '');

function baseEnv(): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: FAKE.botToken,
    SLACK_ADMIN_TOKEN: FAKE.adminToken,
    SLACK_SIGNING_SECRET: FAKE.signingSecret,
    ADMIN_USER_IDS: FAKE.admin,
    SLACK_API_URL: fake.fake.url,
    MAX_TARGETS: String(P.maxTargets),
    LOG_LEVEL: 'info',
    BENCH_MAX_LIFETIME_MS: String(P.watchdogMs + 10_000),
  };
}

function must(kind: Kind): Child {
  const child = children[kind];
  if (!child) throw new Error(`${kind} is not running`);
  return child;
}

// ---------------------------------------------------------------------------------------------------------------
// 4a. Start-up: time to a healthy /healthz, alternating bare and app; the last of each keeps running.

interface StartupResult {
  healthyMs: number[];
  readyUptimeMs: number[];
  idle?: MemorySample;
  afterAckLoad?: MemorySample;
  afterAll?: MemorySample;
}

async function startup(): Promise<Record<Kind, StartupResult>> {
  const out: Record<Kind, StartupResult> = {
    bare: { healthyMs: [], readyUptimeMs: [] },
    app: { healthyMs: [], readyUptimeMs: [] },
  };
  for (let trial = 0; trial < P.startupTrials; trial++) {
    for (const kind of ['bare', 'app'] as const) {
      const child = await startChild(kind, baseEnv(), NODE_ARGS);
      out[kind].healthyMs.push(child.healthyMs);
      out[kind].readyUptimeMs.push(child.readyUptimeMs);
      if (trial < P.startupTrials - 1) await child.stop();
      else children[kind] = child;
    }
  }
  await sleep(300);
  for (const kind of ['bare', 'app'] as const) out[kind].idle = await must(kind).memory();
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Ack latency.

/** The load generator: one worker thread for the whole run, so its keep-alive connections are reused. */
class LoadGenerator {
  private worker?: Worker;
  private nextId = 0;
  private readonly waiting = new Map<number, (result: LoadResult) => void>();

  run(job: LoadJob): Promise<LoadResult> {
    if (!this.worker) {
      this.worker = new Worker(join(__dirname, 'load-worker.js'));
      this.worker.on('message', (m: { id: number; result: LoadResult }) => {
        this.waiting.get(m.id)?.(m.result);
        this.waiting.delete(m.id);
      });
      this.worker.on('error', (error) => log(`load worker failed: ${error.message}`));
    }
    const id = ++this.nextId;
    const worker = this.worker;
    return new Promise((done, fail) => {
      const timer = setTimeout(
        () => {
          this.waiting.delete(id);
          fail(new Error(`load run ${job.triggerPrefix} did not finish in time`));
        },
        30_000 + job.requests * (200 + job.gapMs),
      );
      this.waiting.set(id, (result) => {
        clearTimeout(timer);
        done(result);
      });
      worker.postMessage({ id, job });
    });
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
  }
}

const load = new LoadGenerator();

function loadJob(kind: Kind, requests: number, level: Level, prefix: string): LoadJob {
  return {
    url: `${must(kind).url}/slack/events`,
    secret: FAKE.signingSecret,
    requests,
    concurrency: level.concurrency,
    gapMs: level.gapMs,
    command: '/reset-sessions',
    text: `<@${TARGET}>`,
    userId: FAKE.admin,
    triggerPrefix: prefix,
    responseUrlBase: fake.fake.responseUrl(''),
    timeoutMs: 10_000,
  };
}

/** Runs load against one server; commands sent to the app each owe a confirmation modal. */
async function drive(kind: Kind, requests: number, level: Level, prefix: string): Promise<LoadResult> {
  const result = await load.run(loadJob(kind, requests, level, prefix));
  if (kind === 'app') expectedConfirmations += requests;
  return result;
}

/** Waits until the app has finished the post-ack work of every command sent so far (its confirmation is shown). */
async function drain(timeoutMs = 30_000): Promise<boolean> {
  const ok = await waitUntil(() => fake.confirmations >= expectedConfirmations, timeoutMs);
  if (!ok) log(`drain timed out: ${fake.confirmations} of ${expectedConfirmations} confirmations shown`);
  return ok;
}

interface Level {
  concurrency: number;
  /** Each client pauses this long after an answer: 0 is a closed loop (the next request at once). */
  gapMs: number;
  /** Diagnostic levels are reported but not judged against the target. */
  diagnostic: boolean;
}

const levelName = (l: Level) => (l.gapMs > 0 ? `${l.concurrency}, ${l.gapMs} ms apart` : String(l.concurrency));

interface Side {
  ack: Summary;
  rps: number;
  errors: number;
  /** CPU the server process used per command, including the app's post-ack work (its drain). */
  cpuMsPerCommand: number;
  /** CPU the benchmark process (fake Slack + load generator) used per command meanwhile. */
  benchCpuMsPerCommand: number;
}

const benchCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

interface AckLevel {
  level: string;
  concurrency: number;
  gapMs: number;
  diagnostic: boolean;
  app: Side;
  bare: Side;
  /** CPU per command, app / bare: the cost of a command, less sensitive to a shared, noisy machine than latency. */
  cpuRatio: number;
  /** Web API calls the app made per command (the fake counts them). */
  apiCallsPerCommand: Record<string, number>;
  p99Ratio: number;
  p50Ratio: number;
  rpsRatio: number;
  /** Command -> views.open for the app's commands at this level. */
  open: Summary;
  openMissing: number;
  openOver3s: number;
  confirm: Summary;
  drained: boolean;
}

async function ackBenchmark(): Promise<AckLevel[]> {
  const levels: AckLevel[] = [];
  for (const level of P.levels) {
    const c = level.concurrency;
    const total = P.ackRequests(c);
    const half = Math.ceil(total / 2);
    // Untimed: opens `c` keep-alive connections to each server and warms its code paths.
    for (const kind of ['bare', 'app'] as const) await drive(kind, Math.max(2 * c, 20), level, `warm.${kind}.c${c}`);
    let drained = await drain();
    const samples: Record<Kind, LoadSample[]> = { app: [], bare: [] };
    const wall: Record<Kind, number> = { app: 0, bare: 0 };
    const cpu: Record<Kind, number> = { app: 0, bare: 0 };
    const benchCpu: Record<Kind, number> = { app: 0, bare: 0 };
    const apiCalls = new Map<string, number>();
    // bare, app, app, bare: slow drift of the machine weighs on both sides alike.
    for (const [i, kind] of (['bare', 'app', 'app', 'bare'] as const).entries()) {
      const calls0 = fake.fake.calls.length;
      const cpu0 = await must(kind).cpuMs();
      const bench0 = benchCpuMs();
      const result = await drive(kind, half, level, `ack.${kind}.${levelName(level)}.${i}`);
      samples[kind].push(...result.samples);
      wall[kind] += result.wallMs;
      if (kind === 'app') drained = (await drain()) && drained;
      cpu[kind] += (await must(kind).cpuMs()) - cpu0;
      if (kind === 'app')
        for (const call of fake.fake.calls.slice(calls0))
          apiCalls.set(call.method, (apiCalls.get(call.method) ?? 0) + 1);
      benchCpu[kind] += benchCpuMs() - bench0;
    }
    const side = (kind: Kind): Side => ({
      ack: summarize(samples[kind].map((s) => s.ackMs)),
      rps: (samples[kind].length / wall[kind]) * 1000,
      errors: samples[kind].filter((s) => s.status !== 200).length,
      cpuMsPerCommand: cpu[kind] / samples[kind].length,
      benchCpuMsPerCommand: benchCpu[kind] / samples[kind].length,
    });
    const app = side('app');
    const bare = side('bare');
    const opens: number[] = [];
    const confirms: number[] = [];
    let openMissing = 0;
    for (const s of samples.app) {
      const opened = fake.opened.get(s.triggerId);
      if (!opened) {
        openMissing += 1;
        continue;
      }
      opens.push(opened.at - s.sentAt);
      const confirmed = fake.findUpdate(opened.viewId, isConfirmation);
      if (confirmed) confirms.push(confirmed.at - s.sentAt);
    }
    levels.push({
      level: levelName(level),
      concurrency: c,
      gapMs: level.gapMs,
      diagnostic: level.diagnostic,
      app,
      bare,
      p99Ratio: app.ack.p99 / bare.ack.p99,
      p50Ratio: app.ack.p50 / bare.ack.p50,
      rpsRatio: app.rps / bare.rps,
      cpuRatio: app.cpuMsPerCommand / bare.cpuMsPerCommand,
      apiCallsPerCommand: Object.fromEntries([...apiCalls].map(([m, n]) => [m, n / samples.app.length])),
      open: summarize(opens),
      openMissing,
      openOver3s: opens.filter((t) => t > P.triggerWindowMs).length,
      confirm: summarize(confirms),
      drained,
    });
    log(
      `ack ${levelName(level)}: app p99 ${ms(app.ack.p99)} ms, bare p99 ${ms(bare.ack.p99)} ms, ratio ${ratio(app.ack.p99 / bare.ack.p99)}`,
    );
  }
  return levels;
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Command -> views.open with slow look-ups.

interface ModalCase {
  lookupDelayMs: number;
  commands: number;
  ack: Summary;
  open: Summary;
  openMissing: number;
  openOver3s: number;
  confirm: Summary;
  confirmMissing: number;
}

async function modalCase(lookupDelayMs: number): Promise<ModalCase> {
  fake.lookupDelayMs = lookupDelayMs;
  const app = must('app');
  const sent: { triggerId: string; sentAt: number; ackMs: number; status: number }[] = [];
  const pending: Promise<void>[] = [];
  for (let i = 0; i < P.modalCommands; i++) {
    const triggerId = `modal.d${lookupDelayMs}.${i}`;
    const body = commandBody({
      command: '/reset-sessions',
      text: `<@${TARGET}>`,
      userId: FAKE.admin,
      triggerId,
      responseUrl: fake.fake.responseUrl(triggerId),
    });
    const sentAt = clock();
    pending.push(
      postSigned(`${app.url}/slack/events`, body, FAKE.signingSecret, 10_000).then((a) => {
        sent.push({ triggerId, sentAt, ackMs: clock() - sentAt, status: a.status });
      }),
    );
    await sleep(P.modalIntervalMs);
  }
  await Promise.all(pending);
  expectedConfirmations += P.modalCommands;
  await drain(lookupDelayMs + 20_000);
  fake.lookupDelayMs = 0;
  const opens: number[] = [];
  const confirms: number[] = [];
  for (const s of sent) {
    const opened = fake.opened.get(s.triggerId);
    if (!opened) continue;
    opens.push(opened.at - s.sentAt);
    const confirmed = fake.findUpdate(opened.viewId, isConfirmation);
    if (confirmed) confirms.push(confirmed.at - s.sentAt);
  }
  const result = {
    lookupDelayMs,
    commands: sent.length,
    ack: summarize(sent.map((s) => s.ackMs)),
    open: summarize(opens),
    openMissing: sent.length - opens.length,
    openOver3s: opens.filter((t) => t > P.triggerWindowMs).length,
    confirm: summarize(confirms),
    confirmMissing: sent.length - confirms.length,
  };
  log(
    `modal users.info +${lookupDelayMs} ms: open max ${ms(result.open.max)} ms, confirm p50 ${ms(result.confirm.p50)}`,
  );
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Bulk sign-out against the scaled rate limit.

interface BulkRun {
  mode: 'parallel' | 'sequential';
  users: number;
  confirmations: number;
  limit: string;
  wallMs: number;
  lastResetMs: number;
  idealMs: number;
  pacedMs: number;
  efficiency: number;
  calls: number;
  rateLimited: number;
  /** Users whose reset never succeeded, and users reset more than once. */
  lost: string[];
  repeated: string[];
  maxCallsForOneUser: number;
  /** What the admin was told: "Signed out X of Y" summed over the result modals, ✅ lines, message, audit. */
  toldSummaryDone: number;
  toldSummaryOf: number;
  toldModalDoneLines: number;
  toldModalFailedLines: number;
  toldMessageDoneLines: number;
  auditDone: number;
  resultsShown: number;
  messagesPosted: number;
  submitAcks: number[];
  /** Users who got through here but whose waits, scaled to Slack's real 60 s window, exceed the app's budget. */
  projectedLostAtRealTier2: number;
}

async function bulkRun(mode: 'parallel' | 'sequential'): Promise<BulkRun> {
  const app = must('app');
  const events = `${app.url}/slack/events`;
  fake.limiter = undefined;
  fake.resets.clear();
  const auditStart = app.jsonLines.length;
  const bulkUsers = BULK_SETS[mode];
  const batches: string[][] = [];
  for (let i = 0; i < bulkUsers.length; i += P.maxTargets) batches.push(bulkUsers.slice(i, i + P.maxTargets));

  // The admin runs one command per batch and each confirmation is shown: look-ups only, nothing rate limited yet.
  const prepared: { triggerId: string; viewId: string; view: Record<string, unknown> }[] = [];
  for (const [b, ids] of batches.entries()) {
    const triggerId = `bulk.${mode}.${b}`;
    const text = ids.map((id) => `<@${id}>`).join(' ');
    const body = commandBody({
      command: '/reset-sessions',
      text,
      userId: FAKE.admin,
      triggerId,
      responseUrl: fake.fake.responseUrl(triggerId),
    });
    const answer = await postSigned(events, body, FAKE.signingSecret, 10_000);
    if (answer.status !== 200 || answer.text !== '') {
      throw new Error(`bulk command ${triggerId} was answered ${answer.status}: ${answer.text.slice(0, 300)}`);
    }
    expectedConfirmations += 1;
    const shown = await waitUntil(() => {
      const opened = fake.opened.get(triggerId);
      return opened !== undefined && fake.findUpdate(opened.viewId, isConfirmation) !== undefined;
    }, 15_000);
    const opened = fake.opened.get(triggerId);
    const confirmation = opened && fake.findUpdate(opened.viewId, isConfirmation);
    if (!shown || !opened || !confirmation) throw new Error(`no confirmation was shown for ${triggerId}`);
    prepared.push({ triggerId, viewId: opened.viewId, view: confirmation.view });
  }

  fake.limiter = new SlidingWindowLimiter(P.rateLimit, P.rateWindowMs);
  const idealMs = (Math.ceil(bulkUsers.length / P.rateLimit) - 1) * P.rateWindowMs;
  const resultTimeoutMs = Math.max(30_000, idealMs * 6);
  const submitAcks: number[] = [];
  const resultAt: number[] = [];
  const t0 = clock();
  const submit = async (p: (typeof prepared)[number]) => {
    const body = viewSubmissionBody({
      viewId: p.viewId,
      view: p.view,
      userId: FAKE.admin,
      triggerId: `${p.triggerId}.submit`,
      values: REASON,
    });
    const sentAt = clock();
    const answer = await postSigned(events, body, FAKE.signingSecret, 10_000);
    submitAcks.push(clock() - sentAt);
    if (answer.status !== 200) throw new Error(`submission ${p.triggerId} was answered ${answer.status}`);
    await waitUntil(() => fake.findUpdate(p.viewId, (v) => resultSummary(v) !== null) !== undefined, resultTimeoutMs);
    const shown = fake.findUpdate(p.viewId, (v) => resultSummary(v) !== null);
    if (shown) resultAt.push(shown.at);
  };
  if (mode === 'parallel') await Promise.all(prepared.map(submit));
  else for (const p of prepared) await submit(p);
  const wallMs = (resultAt.length > 0 ? Math.max(...resultAt) : clock()) - t0;
  fake.limiter = undefined;

  const paths = new Set(prepared.map((p) => new URL(fake.fake.responseUrl(p.triggerId)).pathname));
  const messages = () => fake.fake.responses.filter((r) => paths.has(r.path));
  await waitUntil(() => messages().length >= prepared.length, 5000);
  await waitUntil(() => app.jsonLines.length - auditStart >= prepared.length, 2000);

  let toldSummaryDone = 0;
  let toldSummaryOf = 0;
  let toldModalDoneLines = 0;
  let toldModalFailedLines = 0;
  for (const p of prepared) {
    const shown = fake.findUpdate(p.viewId, (v) => resultSummary(v) !== null);
    if (!shown) continue;
    const m = resultSummary(shown.view);
    toldSummaryDone += Number(m?.[1] ?? 0);
    toldSummaryOf += Number(m?.[2] ?? 0);
    const texts = sectionTexts(shown.view);
    toldModalDoneLines += texts.filter((t) => t.startsWith(':white_check_mark: <@')).length;
    toldModalFailedLines += texts.filter((t) => t.startsWith(':x: <@') || t.startsWith(':grey_question: <@')).length;
  }
  const toldMessageDoneLines = messages()
    .flatMap((r) => String(r.body.text ?? '').split('\n'))
    .filter((l) => l.startsWith(':white_check_mark: <@')).length;
  const auditDone = app.jsonLines
    .slice(auditStart)
    .filter((r) => r.type === 'session_audit' && r.action === 'reset')
    .flatMap((r) => (Array.isArray(r.targets) ? (r.targets as { result?: string }[]) : []))
    .filter((t) => t.result === 'done').length;

  const stats = bulkUsers.map((id) => ({ id, s: fake.resets.get(id) }));
  const okTimes = stats.flatMap(({ s }) => s?.okAt ?? []);
  const scale = P.realWindowMs / P.rateWindowMs;
  const projectedLostAtRealTier2 = stats.filter(({ s }) => {
    if (!s || s.ok === 0) return false;
    // The waits Slack would have asked for at its real pace, in whole seconds, against the app's budget.
    let waited = 0;
    for (const [i, need] of s.neededWaitMs.entries()) {
      const wait = Math.max(1, Math.ceil((need * scale) / 1000)) * 1000;
      if (i + 1 >= P.appMaxAttempts || waited + wait > P.appMaxWaitMs) return true;
      waited += wait;
    }
    return false;
  }).length;

  const run: BulkRun = {
    mode,
    users: bulkUsers.length,
    confirmations: prepared.length,
    limit: `${P.rateLimit} per ${P.rateWindowMs / 1000} s`,
    wallMs,
    lastResetMs: okTimes.length > 0 ? Math.max(...okTimes) - t0 : Number.NaN,
    idealMs,
    pacedMs: (bulkUsers.length / P.rateLimit) * P.rateWindowMs,
    efficiency: idealMs / wallMs,
    calls: stats.reduce((n, { s }) => n + (s?.calls ?? 0), 0),
    rateLimited: stats.reduce((n, { s }) => n + (s?.limited ?? 0), 0),
    lost: stats.filter(({ s }) => (s?.ok ?? 0) === 0).map(({ id }) => id),
    repeated: stats.filter(({ s }) => (s?.ok ?? 0) > 1).map(({ id }) => id),
    maxCallsForOneUser: Math.max(0, ...stats.map(({ s }) => s?.calls ?? 0)),
    toldSummaryDone,
    toldSummaryOf,
    toldModalDoneLines,
    toldModalFailedLines,
    toldMessageDoneLines,
    auditDone,
    resultsShown: resultAt.length,
    messagesPosted: messages().length,
    submitAcks,
    projectedLostAtRealTier2,
  };
  log(
    `bulk ${mode}: ${(wallMs / 1000).toFixed(2)} s (ideal ${(idealMs / 1000).toFixed(1)} s), 429s ${run.rateLimited}, lost ${run.lost.length}`,
  );
  return run;
}

// ---------------------------------------------------------------------------------------------------------------
// Report.

const yes = (ok: boolean) => (ok ? 'MET' : 'MISSED');

interface Target {
  target: string;
  result: string;
  detail: string;
}

function report(
  ack: AckLevel[],
  modal: ModalCase[],
  bulk: BulkRun[],
  proc: Record<Kind, StartupResult>,
): { text: string; targets: Target[] } {
  const out: string[] = [];
  out.push(
    `Benchmark (${P.mode}) — Node ${process.version}, ${cpus().length} CPU(s), ${new Date().toISOString()}`,
    'App and bare Bolt 5 each run in a child process against the fake Slack (loopback); load comes from a worker thread.',
    '',
  );

  out.push(
    '1. Ack latency of signed /reset-sessions <@W…> (ms); n = requests per server, sent as bare/app/app/bare halves',
    table(
      [
        'conc',
        'server',
        'n',
        'p50',
        'p95',
        'p99',
        'max',
        'req/s',
        'errors',
        'CPU ms/cmd',
        'p99 app/bare',
        'p50 app/bare',
        'CPU app/bare',
      ],
      ack.flatMap((l) => [
        [
          l.diagnostic ? `${l.level} (diag.)` : l.level,
          'app',
          String(l.app.ack.n),
          ms(l.app.ack.p50),
          ms(l.app.ack.p95),
          ms(l.app.ack.p99),
          ms(l.app.ack.max),
          l.app.rps.toFixed(0),
          String(l.app.errors),
          l.app.cpuMsPerCommand.toFixed(2),
          ratio(l.p99Ratio),
          ratio(l.p50Ratio),
          ratio(l.cpuRatio),
        ],
        [
          '',
          'bare Bolt',
          String(l.bare.ack.n),
          ms(l.bare.ack.p50),
          ms(l.bare.ack.p95),
          ms(l.bare.ack.p99),
          ms(l.bare.ack.max),
          l.bare.rps.toFixed(0),
          String(l.bare.errors),
          l.bare.cpuMsPerCommand.toFixed(2),
          '',
          '',
          '',
        ],
      ]),
    ),
    "  CPU ms/cmd: CPU time of the server process per command (process.cpuUsage()), the app's post-ack work included.",
    `  Web API calls the app made per command: ${Object.entries(ack[0]?.apiCallsPerCommand ?? {})
      .map(([m, n]) => `${m} ${n.toFixed(2)}`)
      .join(', ')}; bare Bolt makes none.`,
    '',
  );

  out.push(
    `2. Command -> views.open (trigger window ${P.triggerWindowMs} ms) and command -> confirmation shown (ms)`,
    table(
      ['case', 'n', 'open p50', 'open p99', 'open max', '> 3 s', 'missing', 'confirm p50', 'confirm p99', 'ack p99'],
      [
        ...modal.map((m) => [
          `users.info +${m.lookupDelayMs} ms, ${1000 / P.modalIntervalMs}/s`,
          String(m.commands),
          ms(m.open.p50),
          ms(m.open.p99),
          ms(m.open.max),
          String(m.openOver3s),
          String(m.openMissing),
          ms(m.confirm.p50),
          ms(m.confirm.p99),
          ms(m.ack.p99),
        ]),
        ...ack.map((l) => [
          `during ack load, conc ${l.level}`,
          String(l.app.ack.n),
          ms(l.open.p50),
          ms(l.open.p99),
          ms(l.open.max),
          String(l.openOver3s),
          String(l.openMissing),
          ms(l.confirm.p50),
          ms(l.confirm.p99),
          ms(l.app.ack.p99),
        ]),
      ],
    ),
    '',
  );

  out.push(
    `3. Bulk: sign out ${P.bulkUsers} people via ${Math.ceil(P.bulkUsers / P.maxTargets)} confirmations (MAX_TARGETS ${P.maxTargets}), ` +
      `reset limited to ${P.rateLimit} per ${P.rateWindowMs / 1000} s (429 + Retry-After)`,
    table(
      [
        'submitted',
        'wall s',
        'ideal s',
        'efficiency',
        'calls',
        '429s',
        'lost',
        'repeated',
        'told done: modal/msg/audit',
        'at real 20/min: wall s',
        'lost (proj.)',
      ],
      bulk.map((b) => [
        b.mode,
        (b.wallMs / 1000).toFixed(2),
        (b.idealMs / 1000).toFixed(1),
        b.efficiency.toFixed(2),
        String(b.calls),
        String(b.rateLimited),
        String(b.lost.length),
        String(b.repeated.length),
        `${b.toldSummaryDone}/${b.toldMessageDoneLines}/${b.auditDone} of ${b.users}`,
        ((b.wallMs * (P.realWindowMs / P.rateWindowMs)) / 1000).toFixed(0),
        String(b.projectedLostAtRealTier2),
      ]),
    ),
    `  ideal = (ceil(${P.bulkUsers}/${P.rateLimit}) - 1) x window, the limit-bound lower bound (a full burst per window); ` +
      `evenly paced it is ${((P.bulkUsers / P.rateLimit) * P.rateWindowMs) / 1000} s.`,
    '  "at real 20/min": the same run scaled to Slack\'s 60 s window; "lost (proj.)": people whose 429 waits, so scaled,',
    `  would break the app's budget of ${P.appMaxAttempts} attempts / ${P.appMaxWaitMs / 1000} s per call (src/slack/admin-api.ts).`,
    '',
  );

  const peak = (k: Kind) => proc[k].afterAckLoad?.vmHwm ?? Number.NaN;
  const of = (k: Kind, pick: (m: MemorySample) => number, when: 'idle' | 'afterAckLoad' | 'afterAll') => {
    const m = proc[k][when];
    return m ? pick(m) : Number.NaN;
  };
  const procRow = (k: Kind): string[] => [
    k === 'app' ? 'app' : 'bare Bolt',
    ms(median(proc[k].healthyMs)),
    `${ms(Math.min(...proc[k].healthyMs))}-${ms(Math.max(...proc[k].healthyMs))}`,
    mib(of(k, (m) => m.rss, 'idle')),
    mib(peak(k)),
    mib(of(k, (m) => m.rss, 'afterAckLoad')),
    mib(of(k, (m) => m.rssAfterGc, 'afterAckLoad')),
    mib(of(k, (m) => m.heapAfterGc, 'idle')),
    mib(of(k, (m) => m.heapAfterGc, 'afterAckLoad')),
    mib(of(k, (m) => m.heapAfterGc, 'afterAll')),
    mib(of(k, (m) => m.vmHwm, 'afterAll')),
  ];
  const ratioRow = (pick: (k: Kind) => number) => ratio(pick('app') / pick('bare'));
  out.push(
    `4. Start-up (${P.startupTrials} starts each) and memory in MiB ("load" = section 1, the same requests for both)`,
    table(
      [
        'server',
        'healthy ms',
        'range',
        'RSS idle',
        'peak RSS',
        'RSS load',
        'RSS load, GC',
        'heap idle',
        'heap load',
        'heap end',
        'peak RSS end',
      ],
      [
        procRow('app'),
        procRow('bare'),
        [
          'app/bare',
          ratioRow((k) => median(proc[k].healthyMs)),
          '',
          ratioRow((k) => of(k, (m) => m.rss, 'idle')),
          ratioRow(peak),
          ratioRow((k) => of(k, (m) => m.rss, 'afterAckLoad')),
          ratioRow((k) => of(k, (m) => m.rssAfterGc, 'afterAckLoad')),
          ratioRow((k) => of(k, (m) => m.heapAfterGc, 'idle')),
          ratioRow((k) => of(k, (m) => m.heapAfterGc, 'afterAckLoad')),
          '',
          '',
        ],
      ],
    ),
    '  healthy = spawn to the first 200 from GET /healthz. peak RSS = VmHWM (/proc/<pid>/status) after the load; RSS and',
    '  heap = process.memoryUsage() from the child over IPC; "GC" and heap figures are after a forced full collection;',
    '  "end" = after sections 2 and 3 too (the app only).',
    '',
  );

  const worstOpen = Math.max(...modal.map((m) => m.open.max), ...ack.map((l) => l.open.max));
  const missingOpens = modal.reduce((n, m) => n + m.openMissing, 0) + ack.reduce((n, l) => n + l.openMissing, 0);
  const memRatio = peak('app') / peak('bare');
  const targets: Target[] = [
    {
      target: 'ack p99 within 1.2x of bare Bolt at every concurrency',
      result: yes(ack.filter((l) => !l.diagnostic).every((l) => l.p99Ratio <= 1.2)),
      detail: ack
        .filter((l) => !l.diagnostic)
        .map((l) => `c${l.level} ${ratio(l.p99Ratio)}`)
        .join(', '),
    },
    {
      target: 'modal opens inside the 3 s trigger window in every case',
      result: yes(worstOpen <= P.triggerWindowMs && missingOpens === 0),
      detail: `worst ${ms(worstOpen)} ms, ${missingOpens} never opened`,
    },
    ...bulk.map((b) => ({
      target: `bulk (${b.mode}) efficiency >= 0.9, nothing lost or repeated`,
      result: yes(b.efficiency >= 0.9 && b.lost.length === 0 && b.repeated.length === 0),
      detail: `efficiency ${b.efficiency.toFixed(2)}, lost ${b.lost.length}, repeated ${b.repeated.length}, told ${b.toldSummaryDone} of ${b.users} done`,
    })),
    {
      target: 'peak RSS within 1.5x of bare Bolt',
      result: yes(memRatio <= 1.5),
      detail: `${mib(peak('app'))} vs ${mib(peak('bare'))} MiB = ${ratio(memRatio)}`,
    },
  ];
  out.push(
    'Targets',
    table(
      ['target', 'result', 'measured'],
      targets.map((t) => [t.target, t.result, t.detail]),
    ),
  );
  return { text: out.join('\n'), targets };
}

function roundDeep(value: unknown): unknown {
  if (typeof value === 'number') return round(value);
  if (Array.isArray(value)) return value.map(roundDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v)]));
  }
  return value;
}

/** Which code was measured: the commit, and whether src had uncommitted changes at the time. */
function gitState(): { commit?: string; srcChanges?: number } {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: resolve(__dirname, '..', '..', '..') }).toString();
    return {
      commit: git('rev-parse', '--short', 'HEAD').trim(),
      srcChanges: git('status', '--porcelain', '--', 'src')
        .split('\n')
        .filter((l) => l.trim() !== '').length,
    };
  } catch {
    return {};
  }
}

async function stopAll(): Promise<void> {
  await load.stop();
  await Promise.all(Object.values(children).map((c) => c?.stop()));
  await fake.stop().catch(() => undefined);
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench: gave up after ${P.watchdogMs / 1000} s\n`);
    process.exit(2);
  }, P.watchdogMs);
  watchdog.unref();

  await fake.start();
  fake.fake.addUser({ id: TARGET });
  for (const id of [...BULK_SETS.parallel, ...BULK_SETS.sequential]) fake.fake.addUser({ id });
  log(`fake Slack on ${fake.fake.origin}; starting servers (${P.mode})`);
  try {
    const proc = await startup();
    log(`healthy: app ${ms(median(proc.app.healthyMs))} ms, bare ${ms(median(proc.bare.healthyMs))} ms`);
    const ack = await ackBenchmark();
    for (const kind of ['bare', 'app'] as const) proc[kind].afterAckLoad = await must(kind).memory();
    const modal: ModalCase[] = [];
    for (const delay of P.lookupDelays) modal.push(await modalCase(delay));
    const bulk: BulkRun[] = [];
    for (const mode of ['parallel', 'sequential'] as const) bulk.push(await bulkRun(mode));
    for (const kind of ['bare', 'app'] as const) proc[kind].afterAll = await must(kind).memory();
    const appWarnings = must('app').warnings();
    const appTail = must('app').tail.slice(-10);

    const { text, targets } = report(ack, modal, bulk, proc);
    process.stdout.write(`\n${text}\n`);
    if (appWarnings > 0)
      process.stdout.write(`\nThe app logged ${appWarnings} WARN/ERROR line(s); last lines:\n${appTail.join('\n')}\n`);
    const results = {
      meta: {
        mode: P.mode,
        ...gitState(),
        node: process.version,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        date: new Date().toISOString(),
        durationS: (clock() - STARTED) / 1000,
      },
      params: { ...P, ackRequestsPerLevel: P.levels.map((l) => [levelName(l), P.ackRequests(l.concurrency)]) },
      targets,
      ackLatency: ack,
      modalOpen: modal,
      bulk,
      process: proc,
      appWarnings,
    };
    writeFileSync(RESULTS, `${JSON.stringify(roundDeep(results), null, 2)}\n`);
    process.stdout.write(`\nWrote ${RESULTS}\n`);
  } finally {
    await stopAll();
  }
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    for (const child of Object.values(children))
      if (child) process.stderr.write(`${child.kind} log tail:\n${child.tail.join('\n')}\n`);
    await stopAll().catch(() => undefined);
    process.exit(1);
  },
);
