import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type CustomRoute, type Logger, LogLevel, type Receiver } from '@slack/bolt';
import { ConsoleLogger } from '@slack/logger';
import { WebClient } from '@slack/web-api';
import { ACTIONS, type Registry } from './actions/registry';
import { listenerDeps } from './actions/shared/deps';
import { channelSink } from './adapters/audit-channel-sink';
import { type AuditSink, AuditTrail, stdoutSink } from './adapters/audit-trail';
import { checkAdminToken } from './adapters/check-admin-token';
import { dryRunAdminApi } from './adapters/dry-run-admin-api';
import { keepAliveFetch } from './adapters/keep-alive-fetch';
import { openPostgresAuditStore } from './adapters/postgres-audit-store';
import { RatePacer } from './adapters/rate-tiers';
import { createAdminApi } from './adapters/slack-admin-api';
import { slackCall } from './adapters/slack-call';
import { slackSurface } from './adapters/slack-surface';
import { openSqliteAuditStore } from './adapters/sqlite-audit-store';
import { watchStore } from './adapters/watched-store';
import type { Config, LogLevelName } from './config';
import { noActionRecord } from './domain/audit-record';
import { responseUrlPolicy } from './domain/response-url';
import { sweeps } from './jobs/sweeps';
import { registerListeners } from './listeners';
import { listenerErrorHandler } from './listeners/listener-error';
import { RedactingLogger } from './logging/redacting-logger';
import { BUTTON_REFUSAL, requireAdmin } from './middleware/require-admin';
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
    config.signingSecret,
    config.databaseUrl,
    databasePassword(config.databaseUrl),
  ].filter((s): s is string => s !== undefined && s !== '');
  const actions = options.actions ?? ACTIONS;
  const logger = new RedactingLogger(options.logger ?? new ConsoleLogger(), secrets);
  logger.setLevel(LEVELS[config.logLevel]);

  let ready = false;
  const health: CustomRoute = {
    path: '/healthz',
    method: ['GET'],
    // A database outage is reported, not failed on: a restart cannot bring the database back, and a process that
    // starts without it refuses to run, so a supervisor acting on 503 would turn "degraded" into "down".
    handler: async (_req, res) => {
      const ok = ready && canReceive(receiver);
      const storeState = await watched.probe();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok, store: storeState }));
    },
  };
  const { processBeforeResponse, socketHealthGraceMs } = options;
  const receiver =
    options.receiver ?? createReceiver(config, { logger, health, processBeforeResponse, socketHealthGraceMs });

  // Web API calls fail fast: a retry loop of half an hour is no use to an admin waiting on a modal. A 429 is
  // answered at once too: web-api would otherwise pause the whole shared client (every admin's views.open) for
  // Retry-After seconds, past Slack's 3-second trigger window (slack-call.ts waits it out, per method).
  // Connections to Slack are kept warm between an admin's commands (see keep-alive-fetch.ts), for both clients.
  const clientOptions = {
    slackApiUrl: config.slackApiUrl,
    timeout: config.apiTimeoutMs,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    fetch: keepAliveFetch(),
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
  });
  // admin.* methods need the org admin's user token: a client of their own, never the listeners' bot client.
  const adminClient = new WebClient(config.adminToken, { ...clientOptions, logger });

  const watched = watchStore(
    config.databaseUrl ? openPostgresAuditStore(config.databaseUrl) : openSqliteAuditStore(config.auditDbPath),
    { logger, deadlineMs: STORE_DEADLINE_MS, retryAfterMs: STORE_RETRY_MS },
  );
  const store = watched.store;
  const sinks: AuditSink[] = [options.audit ?? stdoutSink, { name: 'store', write: (r) => store.append(r) }];
  const stopping = new AbortController();
  // One pace for the whole process: every plan, look-up and message shares each method's tier.
  const pacer = new RatePacer(config.rateScale);
  const call = slackCall({ pacer });
  const isAllowedResponseUrl = responseUrlPolicy(config.slackApiUrl);
  const slack = (client: WebClient, listenerLogger: Logger) =>
    slackSurface(client, listenerLogger, {
      call,
      timeoutMs: config.apiTimeoutMs,
      lookupBudgetMs: config.lookupRetryBudgetMs,
      isAllowedResponseUrl,
    });
  // The app's own voice (the audit channel, refusals, errors, the sweeps' DMs), over its bot client.
  const appSlack = slack(app.client, logger);
  if (config.auditChannelId) sinks.push(channelSink(appSlack, config.auditChannelId, actions.wordsOf, store));
  const audit = new AuditTrail(sinks, logger);
  let tokenOwnerId: string | undefined;

  const refusals = new RefusalRecorder((r) => audit.record(r), logger);
  app.use(
    requireAdmin(config.adminUserIds, async ({ userId, command, responseUrl }) => {
      const action = actions.forCommand(command)?.audit ?? 'other';
      refusals.record(noActionRecord({ requestId: randomUUID(), invokerId: userId ?? 'unknown' }, 'refused', action));
      if (responseUrl) await appSlack.postEphemeral(responseUrl, BUTTON_REFUSAL);
    }),
  );
  const realAdminApi = createAdminApi(adminClient, {
    call,
    maxAttempts: config.adminMaxAttempts,
    budgetMs: config.adminRetryBudgetMs,
    stopSignal: stopping.signal,
  });
  const deps = listenerDeps({
    config,
    adminApi: config.dryRun ? dryRunAdminApi(realAdminApi) : realAdminApi,
    audit,
    store,
    tokenOwnerId: () => tokenOwnerId,
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

  return {
    app,
    logger,
    async start() {
      await store.migrate().catch((error: unknown) => {
        throw new Error(`DATABASE_URL: PostgreSQL could not be reached or prepared: ${String(error)}`);
      });
      tokenOwnerId = await checkAdminToken(adminClient, logger);
      if (config.dryRun) logger.warn('DRY_RUN is on: no session will be reset or invalidated');
      const server = (await app.start(config.port)) as Server | undefined;
      // Plans a previous run (or another replica) left unfinished are reported now, then every few seconds.
      await jobs.once();
      jobs.start();
      ready = true;
      const address = server?.address?.();
      return address && typeof address === 'object' ? (address as AddressInfo).port : config.port;
    },
    /**
     * Stops taking requests and lets submitted plans go on for most of `drainMs`; then no new admin call starts (the
     * rest are reported "not attempted") and the plans report. Resolves with how many were still running; the store
     * stays open for them then, since their "started" records are all that is left of them.
     */
    async stop(drainMs = 10_000) {
      ready = false;
      jobs.stop();
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

/** A password in DATABASE_URL is a secret of its own: masked wherever it shows up, even apart from the URL. */
function databasePassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
