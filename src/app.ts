import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type CustomRoute, HTTPReceiver, type Logger, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { ConsoleLogger } from '@slack/logger';
import { WebClient } from '@slack/web-api';
import { type AuditSink, stdoutAuditSink } from './audit/audit-record';
import type { Config, LogLevelName } from './config';
import { registerListeners } from './listeners';
import { RedactingLogger } from './logging/redacting-logger';
import { requireAdmin } from './middleware/require-admin';
import { createAdminApi } from './slack/admin-api';
import { callFailure } from './slack/call-outcome';
import { describeSlackError } from './slack/error-messages';
import { responseUrlPolicy } from './slack/response-url';

export interface AppOptions {
  logger?: Logger;
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

  app.use(requireAdmin(config.adminUserIds));
  registerListeners(app, {
    config,
    adminApi: createAdminApi(adminClient),
    planRules: { maxTargets: config.maxTargets, isAllowedResponseUrl: responseUrlPolicy(config.slackApiUrl) },
    audit: options.audit ?? stdoutAuditSink,
  });
  app.error(async (error) => {
    logger.error(`listener failed: ${error.message}`);
  });

  return {
    app,
    logger,
    async start() {
      await checkAdminToken(adminClient, logger);
      const server = (await app.start(config.port)) as Server | undefined;
      ready = true;
      const address = server?.address?.();
      return address && typeof address === 'object' ? (address as AddressInfo).port : config.port;
    },
    async stop() {
      ready = false;
      await app.stop();
    },
  };
}

/** Fails start-up with a clear sentence when the admin token is unusable, instead of failing at 3 a.m. */
async function checkAdminToken(client: WebClient, logger: Logger): Promise<void> {
  try {
    const who = await client.auth.test();
    logger.info(`admin token belongs to ${who.user_id} (${who.enterprise_id ?? who.team_id ?? 'no team'})`);
  } catch (error) {
    const { code } = callFailure(error);
    throw new Error(`SLACK_ADMIN_TOKEN was refused by Slack (${code}): ${describeSlackError(code)}`);
  }
}
