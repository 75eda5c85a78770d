import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type CustomRoute, HTTPReceiver, type Logger, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { ConsoleLogger } from '@slack/logger';
import { WebClient } from '@slack/web-api';
import { noActionRecord } from './audit/audit-record';
import { type AuditSink, AuditTrail, stdoutSink } from './audit/audit-trail';
import { openSqliteAuditStore } from './audit/sqlite-audit-store';
import type { Config, LogLevelName } from './config';
import { registerListeners } from './listeners';
import { RedactingLogger } from './logging/redacting-logger';
import { requireAdmin } from './middleware/require-admin';
import { dryRunAdminApi } from './sessions/dry-run-admin-api';
import { createAdminApi } from './slack/admin-api';
import { channelSink } from './slack/audit-channel-sink';
import { callFailure } from './slack/call-outcome';
import { describeSlackError } from './slack/error-messages';
import { responseUrlPolicy } from './slack/response-url';

export interface AppOptions {
  logger?: Logger;
  /** Replaces the stdout sink of the audit trail (tests collect records instead of printing them). */
  audit?: AuditSink;
  /** HTTP mode: answer only after the listener finishes. Tests use it; production keeps acks immediate. */
  processBeforeResponse?: boolean;
}

export interface RunningApp {
  app: App;
  logger: Logger;
  /** Starts listening; resolves with the HTTP port (the health port in Socket Mode). */
  start(): Promise<number>;
  stop(): Promise<void>;
}

const LEVELS: Record<LogLevelName, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/** Builds the Bolt app with its listeners. The seam tests and the entry point share. */
export function createApp(config: Config, options: AppOptions = {}): RunningApp {
  const secrets = [config.botToken, config.adminToken, config.appToken, config.signingSecret].filter(
    (s): s is string => s !== undefined,
  );
  const logger = new RedactingLogger(options.logger ?? new ConsoleLogger(), secrets);
  logger.setLevel(LEVELS[config.logLevel]);

  let ready = false;
  const health: CustomRoute = {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: ready }));
    },
  };

  const receiver = config.appToken
    ? new SocketModeReceiver({
        appToken: config.appToken,
        logger,
        customRoutes: [health],
        installerOptions: { port: config.port },
      })
    : new HTTPReceiver({
        // loadConfig guarantees a signing secret whenever there is no app token.
        signingSecret: config.signingSecret ?? '',
        endpoints: '/slack/events',
        customRoutes: [health],
        logger,
        processBeforeResponse: options.processBeforeResponse ?? false,
      });

  // Web API calls fail fast: a retry loop of half an hour is no use to an admin waiting on a modal.
  const clientOptions = { slackApiUrl: config.slackApiUrl, timeout: config.apiTimeoutMs, retryConfig: { retries: 0 } };
  const app = new App({ token: config.botToken, receiver, logger, clientOptions });
  // admin.* methods need the org admin's user token: a client of their own, never the listeners' bot client.
  const adminClient = new WebClient(config.adminToken, { ...clientOptions, logger, rejectRateLimitedCalls: true });

  const store = openSqliteAuditStore(config.auditDbPath);
  const sinks: AuditSink[] = [options.audit ?? stdoutSink, { name: 'store', write: (r) => store.append(r) }];
  if (config.auditChannelId) sinks.push(channelSink(app.client, config.auditChannelId));
  const audit = new AuditTrail(sinks, logger);
  let tokenOwnerId: string | undefined;

  app.use(
    requireAdmin(config.adminUserIds, ({ userId, action }) =>
      audit.record(noActionRecord({ requestId: randomUUID(), invokerId: userId ?? 'unknown' }, 'refused', action)),
    ),
  );
  const realAdminApi = createAdminApi(adminClient);
  registerListeners(app, {
    config,
    adminApi: config.dryRun ? dryRunAdminApi(realAdminApi) : realAdminApi,
    planRules: { maxTargets: config.maxTargets, isAllowedResponseUrl: responseUrlPolicy(config.slackApiUrl) },
    audit,
    store,
    tokenOwnerId: () => tokenOwnerId,
  });
  app.error(async (error) => {
    logger.error(`listener failed: ${error.message}`);
  });

  return {
    app,
    logger,
    async start() {
      tokenOwnerId = await checkAdminToken(adminClient, logger);
      if (config.dryRun) logger.warn('DRY_RUN is on: no session will be reset or invalidated');
      const server = (await app.start(config.port)) as Server | undefined;
      ready = true;
      const address = server?.address?.();
      return address && typeof address === 'object' ? (address as AddressInfo).port : config.port;
    },
    async stop() {
      ready = false;
      try {
        await app.stop();
      } finally {
        await store.close();
      }
    },
  };
}

/** Fails start-up with a clear sentence when the admin token is unusable, instead of failing at 3 a.m. */
async function checkAdminToken(client: WebClient, logger: Logger): Promise<string | undefined> {
  try {
    const who = await client.auth.test();
    logger.info(`admin token belongs to ${who.user_id} (${who.enterprise_id ?? who.team_id ?? 'no team'})`);
    return who.user_id;
  } catch (error) {
    const { code } = callFailure(error);
    throw new Error(`SLACK_ADMIN_TOKEN was refused by Slack (${code}): ${describeSlackError(code)}`);
  }
}
