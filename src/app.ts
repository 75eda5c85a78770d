import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { App, type Logger, LogLevel, type Receiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { ACTIONS, type Registry } from './actions/registry';
import { listenerDeps } from './actions/shared/deps';
import { stepRefused } from './actions/workflow-step/refused';
import { AdminTokenWatch } from './adapters/admin-token';
import { channelSink } from './adapters/audit-channel-sink';
import { type AuditSink, AuditTrail, stdoutSink } from './adapters/audit-trail';
import { dryRunAdminApi } from './adapters/dry-run-admin-api';
import { keepAliveFetch } from './adapters/keep-alive-fetch';
import { openPostgresAuditStore } from './adapters/postgres-audit-store';
import { RatePacer } from './adapters/rate-tiers';
import { NewerSchemaError } from './adapters/shared-sql';
import { createAdminApi } from './adapters/slack-admin-api';
import { type SlackCall, slackCall } from './adapters/slack-call';
import { slackSurface } from './adapters/slack-surface';
import { openSqliteAuditStore } from './adapters/sqlite-audit-store';
import { watchStore } from './adapters/watched-store';
import { ClientRateLimit } from './api/authenticate';
import { apiRoutes } from './api/routes';
import type { Config, LogLevelName } from './config';
import { noActionRecord } from './domain/audit-record';
import { responseUrlPolicy } from './domain/response-url';
import { probeRoutes } from './http/probes';
import { slackAuditJobs } from './jobs/slack-audit';
import { sweeps } from './jobs/sweeps';
import { registerListeners } from './listeners';
import { listenerErrorHandler } from './listeners/listener-error';
import { baseLogger, withLogContext } from './logging/base-logger';
import { RedactingLogger } from './logging/redacting-logger';
import { AppMetrics } from './metrics';
import { BUTTON_REFUSAL, requireAdmin } from './middleware/require-admin';
import { postOrThrow } from './ports/slack-surface';
import { canReceive, createReceiver } from './receiver';
import { RefusalRecorder } from './refusals';

export interface AppOptions {
  logger?: Logger;
  /** Replaces the stdout sink of the audit trail (tests collect records instead of printing them). */
  audit?: AuditSink;
  /** HTTP mode: answer only after the listener finishes. Tests use it; production keeps acks immediate. */
  processBeforeResponse?: boolean;
  /** Socket Mode: how long without a connection before /healthz says 503 (tests shorten it). */
  socketHealthGraceMs?: number;
  /** Replaces the HTTP or Socket Mode receiver: routing tests feed events straight into the app, as bolt-js does. */
  receiver?: Receiver;
  /** Replaces the registry of actions: the contract test adds an action of its own. */
  actions?: Registry;
}

export interface RunningApp {
  app: App;
  logger: Logger;
  /** Starts listening; resolves with the HTTP port (the health port in Socket Mode). */
  start(): Promise<number>;
  stop(drainMs?: number): Promise<number>;
}

/** A store read or claim gets this long before Submit goes on without it; after a failure, calls fail fast for a while. */
const STORE_DEADLINE_MS = 1_000;
const STORE_RETRY_MS = 5_000;

const LEVELS: Record<LogLevelName, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/** Builds the Bolt app with its listeners. The seam tests and the entry point share. */
export function createApp(config: Config, options: AppOptions = {}): RunningApp {
  const secrets = [
    config.botToken,
    config.adminToken,
    config.appToken,
    config.slackAudit?.token,
    config.signingSecret,
    config.databaseUrl,
    urlPassword(config.databaseUrl),
    urlPassword(config.proxy?.HTTPS_PROXY),
    urlPassword(config.proxy?.HTTP_PROXY),
    ...[...(config.apiClients?.values() ?? [])].map((client) => client.secret),
  ].filter((s): s is string => s !== undefined && s !== '');
  const actions = options.actions ?? ACTIONS;
  const logger = new RedactingLogger(options.logger ?? baseLogger(config.logFormat), secrets);
  logger.setLevel(LEVELS[config.logLevel]);

  let ready = false;
  const metrics = new AppMetrics({
    pendingApprovals: () => store.pendingApprovals(),
    storeUp: async () => (await watched.probe()) === 'ok',
    adminTokenValid: () => tokenWatch.valid,
    busyAnswers: () => deps.admission.turnedAway,
  });
  const routes = probeRoutes({
    started: () => ready,
    receiving: () => canReceive(receiver),
    store: () => watched.probe(),
    tokenProblem: () => tokenWatch.why,
    metrics,
  });
  // The signed API only with API_CLIENTS: otherwise none of its routes exist.
  if (config.apiClients) {
    routes.push(
      ...apiRoutes({
        clients: config.apiClients,
        limit: new ClientRateLimit(config.apiRateLimitPerMinute),
        wired: () => ({ deps, slack: appSlack }),
        logger,
        count: (route, status) => metrics.apiRequest(route, status),
      }),
    );
  }
  const { processBeforeResponse, socketHealthGraceMs } = options;
  const receiver =
    options.receiver ?? createReceiver(config, { logger, routes, processBeforeResponse, socketHealthGraceMs });

  // Web API calls fail fast: a retry loop of half an hour is no use to an admin waiting on a modal. A 429 is
  // answered at once too: web-api would otherwise pause the whole shared client (every admin's views.open) for
  // Retry-After seconds, past Slack's 3-second trigger window (slack-call.ts waits it out, per method).
  // Connections to Slack are kept warm between an admin's commands (see keep-alive-fetch.ts), for both clients.
  // Through the egress proxy when HTTPS_PROXY is set, as response_url posts are.
  const slackFetch = keepAliveFetch(config.proxy);
  const clientOptions = {
    slackApiUrl: config.slackApiUrl,
    timeout: config.apiTimeoutMs,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    fetch: slackFetch,
  };

  // No conversation store: the app keeps no per-conversation state, and it would run on every request.
  const app = new App({
    token: config.botToken,
    receiver,
    logger,
    // Without it Bolt sets the shared logger back to info, whatever LOG_LEVEL says.
    logLevel: LEVELS[config.logLevel],
    clientOptions,
    convoStore: false,
    extendedErrorHandler: true,
    // A Workflow Builder step's event carries a short-lived workflow token (xwfp-); Bolt would hand it to the step's
    // listener as its client. The app never uses it: a step is answered through the bot token (functions.complete*
    // take bot tokens) and admin calls always use the admin token, so the workflow token is never kept or sent.
    attachFunctionToken: false,
  });
  // admin.* methods need the org admin's user token: a client of their own, never the listeners' bot client.
  const adminClient = new WebClient(config.adminToken, { ...clientOptions, logger });

  const watched = watchStore(
    config.databaseUrl ? openPostgresAuditStore(config.databaseUrl) : openSqliteAuditStore(config.auditDbPath),
    { logger, deadlineMs: STORE_DEADLINE_MS, retryAfterMs: STORE_RETRY_MS },
  );
  const store = watched.store;
  const sinks: AuditSink[] = [
    options.audit ?? stdoutSink,
    { name: 'store', write: (r) => store.append(r) },
    { name: 'metrics', write: (r) => metrics.record(r) },
  ];
  const stopping = new AbortController();
  // One pace for the whole process: every plan, look-up and message shares each method's tier.
  const pacer = new RatePacer(config.rateScale);
  const observe = (method: string, outcome: string, seconds: number) => metrics.slackCall(method, outcome, seconds);
  const call = slackCall({ pacer, observe });
  const isAllowedResponseUrl = responseUrlPolicy(config.slackApiUrl);
  const slack = (client: WebClient, listenerLogger: Logger) =>
    slackSurface(client, listenerLogger, {
      call,
      timeoutMs: config.apiTimeoutMs,
      fetch: slackFetch,
      lookupBudgetMs: config.lookupRetryBudgetMs,
      isAllowedResponseUrl,
    });
  // The app's own voice (the audit channel, refusals, errors, the sweeps' DMs), over its bot client.
  const appSlack = slack(app.client, logger);
  if (config.auditChannelId) sinks.push(channelSink(appSlack, config.auditChannelId, actions.wordsOf, store));
  const audit = new AuditTrail(sinks, logger, (sink) => metrics.sinkFailure(sink.split(' ')[0] ?? sink));
  const tokenWatch = new AdminTokenWatch(adminClient, logger, async (problem) => {
    if (!config.auditChannelId) return;
    await postOrThrow(appSlack, {
      channel: config.auditChannelId,
      text: `:rotating_light: The admin token no longer works, so no sign-out can run: ${problem}`,
    });
  });
  // Every admin call's answer tells the watch whether the token still works: a revoked one is seen at its first use.
  const adminCall: SlackCall = async (client, method, args, policy) => {
    const answer = await call(client, method, args, policy);
    if (!answer.ok) tokenWatch.heard(answer.failure.code);
    return answer;
  };

  // Every line a request logs names what it is about (its command, view or button; its plan's request ID later).
  app.use(async ({ body, next }) => withLogContext({ action: requestKind(body) }, next));

  const refusals = new RefusalRecorder((r) => audit.record(r), logger);
  app.use(
    requireAdmin(config.adminUserIds, async ({ userId, command, responseUrl, step }) => {
      if (step) {
        metrics.step(step.callbackId, 'refused');
        return stepRefused(step, userId, deps, appSlack, logger);
      }
      if (command) metrics.command(command, 'refused');
      const action = actions.forCommand(command)?.audit ?? 'other';
      refusals.record(noActionRecord({ requestId: randomUUID(), invokerId: userId ?? 'unknown' }, 'refused', action));
      if (responseUrl) await appSlack.postEphemeral(responseUrl, BUTTON_REFUSAL);
    }),
  );
  app.use(async ({ body, next }) => {
    const { command, event } = body as {
      command?: unknown;
      event?: { type?: unknown; function?: { callback_id?: unknown } };
    };
    if (typeof command === 'string') metrics.command(command, 'accepted');
    const step = event?.type === 'function_executed' ? event.function?.callback_id : undefined;
    if (typeof step === 'string') metrics.step(step, 'accepted');
    await next();
  });
  const realAdminApi = createAdminApi(adminClient, {
    call: adminCall,
    maxAttempts: config.adminMaxAttempts,
    budgetMs: config.adminRetryBudgetMs,
    stopSignal: stopping.signal,
  });
  const deps = listenerDeps({
    config,
    adminApi: config.dryRun ? dryRunAdminApi(realAdminApi) : realAdminApi,
    audit,
    store,
    tokenOwnerId: () => tokenWatch.ownerId,
    actions,
    slack,
  });
  const { inflight } = deps;
  registerListeners(app, deps);
  app.error(
    listenerErrorHandler({
      logger,
      store,
      tell: (url, text) => appSlack.postEphemeral(url, text),
    }),
  );

  const jobs = sweeps(
    deps,
    appSlack,
    {
      attempts: config.adminMaxAttempts,
      timeoutMs: config.apiTimeoutMs,
      budgetMs: config.adminRetryBudgetMs,
      tier: pacer.paceOf('admin.users.session.reset'),
    },
    logger,
  );
  // Slack's own audit log (SLACK_AUDIT_TOKEN): each run confirmed by Slack, and sign-outs made elsewhere reported.
  const slackAudit =
    config.slackAudit &&
    slackAuditJobs({
      config: config.slackAudit,
      pacer,
      observe,
      timeoutMs: config.apiTimeoutMs,
      fetch: slackFetch,
      stopSignal: stopping.signal,
      store,
      audit,
      actions,
      slack: appSlack,
      auditChannelId: config.auditChannelId,
      ownerId: () => tokenWatch.ownerId,
      logger,
    });

  return {
    app,
    logger,
    async start() {
      const schemaVersion = await store.migrate().catch((error: unknown) => {
        if (error instanceof NewerSchemaError) throw error;
        throw new Error(`DATABASE_URL: PostgreSQL could not be reached or prepared: ${String(error)}`);
      });
      await tokenWatch.checkAtStart();
      if (config.dryRun) logger.warn('DRY_RUN is on: no session will be reset or invalidated');
      const server = (await app.start(config.port)) as Server | undefined;
      tokenWatch.start();
      // Plans a previous run (or another replica) left unfinished are reported now, then every few seconds.
      await jobs.once();
      jobs.start();
      // Not awaited: sign-outs never wait for Slack's audit log, and neither does start-up.
      void slackAudit?.checkToken();
      slackAudit?.start();
      ready = true;
      const address = server?.address?.();
      const port = address && typeof address === 'object' ? (address as AddressInfo).port : config.port;
      logger.info(startLine(config, port, schemaVersion));
      return port;
    },
    /**
     * Stops taking requests and lets submitted plans go on for most of `drainMs`; then no new admin call starts (the
     * rest are reported "not attempted") and the plans report. Resolves with how many were still running; the store
     * stays open for them then, since their "started" records are all that is left of them.
     */
    async stop(drainMs = 10_000) {
      ready = false;
      jobs.stop();
      slackAudit?.stop();
      tokenWatch.stop();
      let left = 0;
      try {
        await app.stop();
        await refusals.idle();
      } finally {
        left = await inflight.drain(drainMs * 0.7);
        if (left > 0) {
          stopping.abort();
          left = await inflight.drain(drainMs * 0.3);
        }
        if (left > 0) logger.error(`stopped with ${left} submitted plan(s) still running: see their "started" records`);
        else await store.close();
      }
      return left;
    },
  };
}

/**
 * The password inside a URL (DATABASE_URL's, a proxy's) is a secret of its own: masked wherever it shows up, even
 * apart from the URL.
 */
function urlPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * This release's version, from the package.json above the running code: `dist/` in production, `src/` under the unit
 * tests, a deeper folder when the bench or the demo compile the app into their own `dist/`.
 */
function releaseVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'slack-session-reset' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // No package.json here: look one folder up.
    }
  }
  return 'unknown';
}
const VERSION = releaseVersion();

/** The one line that says what is running: version, mode, store (never its password), schema and approval policy. */
function startLine(config: Config, port: number, schemaVersion: number): string {
  const mode = config.appToken ? `Socket Mode (probes on port ${port})` : `HTTP on port ${port} (POST /slack/events)`;
  const store = config.databaseUrl ? `PostgreSQL ${postgresWhere(config.databaseUrl)}` : `SQLite ${config.auditDbPath}`;
  const slackLog = config.slackAudit ? '; Slack’s audit log read' : '';
  return `slack-session-reset ${VERSION} started: ${mode}; store ${store} at schema ${schemaVersion}; approval ${config.approval.policy}${slackLog}${config.dryRun ? '; DRY_RUN' : ''}`;
}

const postgresWhere = (url: string): string => {
  try {
    const { hostname, port, pathname } = new URL(url);
    return `${hostname}${port ? `:${port}` : ''}${pathname}`;
  } catch {
    return '(unreadable URL)';
  }
};

/** What a request from Slack is, in the app's own log words: the command, the view's callback, the button, the event. */
function requestKind(body: unknown): string | undefined {
  const b = body as {
    command?: unknown;
    view?: { callback_id?: unknown };
    actions?: { action_id?: unknown }[];
    event?: { type?: unknown };
  };
  const kind = b.command ?? b.actions?.[0]?.action_id ?? b.view?.callback_id ?? b.event?.type;
  return typeof kind === 'string' ? kind.slice(0, 64) : undefined;
}
