import type { Logger } from '@slack/bolt';
import type { Registry } from '../actions/registry';
import { AuditTokenWatch } from '../adapters/audit-token';
import type { RatePacer } from '../adapters/rate-tiers';
import { createSlackAuditLog } from '../adapters/slack-audit-log';
import { pacedCall, type SlackCallOptions } from '../adapters/slack-call';
import type { SlackAuditConfig } from '../config';
import type { AuditStore } from '../ports/audit-store';
import { type AuditLog, postOrThrow, type SlackSurface } from '../ports/slack-surface';
import { scanForOutsideActions } from './outside-session-actions';
import { confirmWithSlack } from './slack-confirmations';

export interface SlackAuditJobsDeps {
  config: SlackAuditConfig;
  /** The app's one pace: the Audit Logs API's Tier 3 is shared by both jobs and every query. */
  pacer: RatePacer;
  observe: SlackCallOptions['observe'];
  timeoutMs: number;
  /** How the Audit Logs API is reached: the app's own fetch, through the egress proxy when there is one. */
  fetch: typeof fetch;
  /** The app's stop signal: no new query starts once it stops. */
  stopSignal: AbortSignal;
  store: AuditStore;
  audit: AuditLog;
  actions: Registry;
  /** The app's own voice (its bot): DMs to admins, and posts in the audit channel. */
  slack: Pick<SlackSurface, 'postMessage'>;
  auditChannelId?: string;
  /** The admin token's owner, once auth.test has answered. */
  ownerId(): string | undefined;
  logger: Logger;
}

/** Each query's page may wait this long for Slack's 429s and retries: it is a background job, not an admin's wait. */
const QUERY_BUDGET_MS = 60_000;

/**
 * Slack's own audit log, read with SLACK_AUDIT_TOKEN: each run checked against it (slack-confirmations.ts), and the
 * log scanned for session actions made outside the app (outside-session-actions.ts). Both run on every replica and
 * take turns in the store; neither is ever on a Submit's path. `checkToken` asks the log once at start: a refused
 * token is reported (log, audit channel) and the app starts anyway, since sign-outs do not need it.
 */
export function slackAuditJobs(deps: SlackAuditJobsDeps) {
  const { config, store, audit, actions, slack, auditChannelId, ownerId, logger } = deps;
  const say = (channel: string, text: string) => postOrThrow(slack, { channel, text });
  const post = auditChannelId ? (text: string) => say(auditChannelId, text) : undefined;
  const watch = new AuditTokenWatch(logger, async (problem) =>
    post?.(
      `:warning: Slack’s audit log can no longer be read, so runs are not confirmed by Slack and sign-outs made outside this app are not reported (sign-outs themselves go on): ${problem}`,
    ),
  );
  const log = createSlackAuditLog({
    baseUrl: config.apiUrl,
    token: config.token,
    call: pacedCall({ pacer: deps.pacer, observe: deps.observe }),
    timeoutMs: deps.timeoutMs,
    fetch: deps.fetch,
    policy: { attempts: 3, budgetMs: QUERY_BUDGET_MS, stopSignal: deps.stopSignal },
    watch,
    logger,
  });
  const declarations = actions.all.flatMap((a) => (a.slackAudit ? [a.slackAudit] : []));
  const declarationOf = (name: string) => actions.named(name)?.slackAudit;
  const waitMs = config.confirmWaitMs;

  const confirm = () =>
    confirmWithSlack({
      store,
      audit,
      log,
      declarationOf,
      wordsOf: actions.wordsOf,
      ownerId,
      waitMs,
      tell: say,
      logger,
    }).catch((error: unknown) => logger.error(`could not check runs with Slack’s audit log: ${String(error)}`));
  const scan = () =>
    scanForOutsideActions({
      store,
      log,
      declarations,
      declarationOf,
      ownerId,
      waitMs,
      intervalMs: config.scanIntervalMs,
      post,
      logger,
    }).catch((error: unknown) => logger.error(`could not scan Slack’s audit log: ${String(error)}`));

  // A run's first check comes a fifteenth of the wait after it ends: look about that often (at most every 10 s).
  const confirmEveryMs = Math.min(10_000, Math.max(500, waitMs / 15));
  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, job: () => Promise<unknown>) => {
    const timer = setInterval(() => void job(), ms);
    timer.unref();
    timers.push(timer);
  };
  return {
    async checkToken(): Promise<void> {
      const now = Date.now() / 1000;
      const answer = await log.entries({
        actions: declarations.flatMap((d) => d.actions),
        oldest: now - 60,
        latest: now,
      });
      if (answer.ok)
        logger.info('SLACK_AUDIT_TOKEN is accepted by Slack’s Audit Logs API: runs are confirmed by Slack');
      else if (!watch.refused) logger.warn(`Slack’s Audit Logs API could not be reached at start: ${answer.code}`);
    },
    start(): void {
      every(confirmEveryMs, confirm);
      if (config.scanIntervalMs > 0) {
        every(config.scanIntervalMs, scan);
        void scan();
      }
    },
    stop(): void {
      for (const timer of timers) clearInterval(timer);
    },
  };
}
