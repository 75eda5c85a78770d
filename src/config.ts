/** Environment -> validated Config. Every problem is reported by variable name; no value is ever echoed. */
import { readFileSync } from 'node:fs';
import { STEP_IDS } from './actions/workflow-step/ids';
import type { ProxyEnv } from './adapters/keep-alive-fetch';
import type { ApiClient } from './api/authenticate';
import { readApiClients } from './api/clients';
import { USER_ID } from './domain/ids';
import type { LogFormat } from './logging/base-logger';

export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';

export interface Config {
  botToken: string;
  adminToken: string;
  /** Required in HTTP mode; unused in Socket Mode, where nothing is signed. */
  signingSecret?: string;
  /** When set the app runs in Socket Mode. */
  appToken?: string;
  adminUserIds: ReadonlySet<string>;
  port: number;
  /** Web API base URL with a trailing slash; every client uses it. */
  slackApiUrl: string;
  /** The egress proxy every call to Slack goes through (HTTPS_PROXY, HTTP_PROXY, NO_PROXY); unset: none. */
  proxy?: ProxyEnv;
  logLevel: LogLevelName;
  /** JSON lines for a log pipeline (the default), or plain text for a terminal. */
  logFormat: LogFormat;
  maxTargets: number;
  /** Above maxTargets and up to this, /reset-sessions offers a bulk reset (admin.users.session.resetBulk). */
  bulkMaxTargets: number;
  /** Milliseconds before any one Web API call is abandoned. */
  apiTimeoutMs: number;
  /** Attempts per admin call (429, 5xx, timeouts and dropped connections are tried again). */
  adminMaxAttempts: number;
  /** The longest one admin call waits in all for Slack's 429s and for backoffs. */
  adminRetryBudgetMs: number;
  /** The same for one look-up (users.info, users.lookupByEmail, usergroups.users.list) behind an open modal. */
  lookupRetryBudgetMs: number;
  /**
   * Slack's rate tiers run this many times faster: only for a fake Slack that enforces its tiers scaled (the tests
   * and the benchmark). Against Slack it is 1.
   */
  rateScale: number;
  /** SQLite file of the audit trail, when there is no databaseUrl. */
  auditDbPath: string;
  /** PostgreSQL for everything the app keeps, shared by every replica; unset means SQLite at auditDbPath. */
  databaseUrl?: string;
  /** Channel that gets a readable post of every audit record. */
  auditChannelId?: string;
  /** A person reset again within this many minutes needs an explicit "do it anyway"; 0 turns it off. */
  resetCooldownMinutes: number;
  requireReason: boolean;
  /** Everything as usual except the admin calls that change anything. */
  dryRun: boolean;
  approval: ApprovalConfig;
  notify: NotifyConfig;
  /** After a sign-out, list the person's sessions in every workspace to show what is left (VERIFY_AFTER_RESET). */
  verify: boolean;
  /** The Workflow Builder steps turned on (WORKFLOW_STEPS, by callback_id); none by default: a step is refused. */
  workflowSteps: ReadonlySet<string>;
  /** The signed API's clients (API_CLIENTS); unset: the API is off and none of its routes exist. */
  apiClients?: ReadonlyMap<string, ApiClient>;
  /** Requests each API client may send a minute, per replica (API_RATE_LIMIT_PER_MINUTE); past it, 429. */
  apiRateLimitPerMinute: number;
  /** Slack's own audit log, read with SLACK_AUDIT_TOKEN; undefined (off) without it. */
  slackAudit?: SlackAuditConfig;
}

export interface SlackAuditConfig {
  /** An Org Owner's user token with auditlogs:read: the Audit Logs API refuses admins' tokens. */
  token: string;
  /** The Audit Logs API's base URL, with a trailing slash (SLACK_AUDIT_API_URL). */
  apiUrl: string;
  /** How long Slack's log is given to show a run before its targets are said not seen. */
  confirmWaitMs: number;
  /** How often the log is scanned for session actions made outside the app; 0 never. */
  scanIntervalMs: number;
}

/** When Submit needs a second admin: never, when a target is an admin or owner, above a head count, or always. */
export type ApprovalPolicy = 'never' | 'privileged' | 'bulk' | 'always';

export interface ApprovalConfig {
  policy: ApprovalPolicy;
  /** `bulk`: more than this many people needs approval. */
  bulkThreshold: number;
  /** Where requests are posted (the bot must be in it); defaults to the audit channel. */
  channelId?: string;
  ttlMinutes: number;
  /** The requester may tick "Emergency: run now", with a reason, and skip approval (said loudly in the audit). */
  breakGlass: boolean;
}

export interface NotifyConfig {
  /** The default of the confirmation's "Tell them by DM" choice. */
  byDefault: boolean;
  /** The DM's text (mrkdwn); {when} is filled in, and {admin} with the admin who confirmed when nameAdmin is on. */
  template: string;
  nameAdmin: boolean;
}

export const DEFAULT_NOTIFY_TEMPLATE =
  'Your Slack sessions were ended by your organization’s security team at {when}, and you will need to sign in again. If you did not expect this, contact your security team.';

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

const LOG_LEVELS: readonly LogLevelName[] = ['debug', 'info', 'warn', 'error'];
/** Block Kit allows 100 blocks per view; one block per person plus headers must fit. */
const MAX_TARGETS_CEILING = 50;

export function loadConfig(
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): ConfigResult {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === '' ? undefined : raw;
  };
  const token = (name: string, prefix: string, what: string, required: boolean): string | undefined => {
    const v = value(name);
    if (v === undefined) {
      if (required) problems.push(`${name} is missing: set it to ${what} (starts with ${prefix}).`);
      return undefined;
    }
    if (!v.startsWith(prefix)) problems.push(`${name} must be ${what}, which starts with ${prefix}.`);
    return v;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}.`);
      return fallback;
    }
    return n;
  };

  const flag = (name: string): boolean => {
    const v = value(name)?.toLowerCase();
    if (v === undefined || v === 'false' || v === '0' || v === 'no') return false;
    if (v === 'true' || v === '1' || v === 'yes') return true;
    problems.push(`${name} must be true or false.`);
    return false;
  };

  const botToken = token('SLACK_BOT_TOKEN', 'xoxb-', 'the app’s bot token', true);
  const adminToken = token(
    'SLACK_ADMIN_TOKEN',
    'xoxp-',
    'the user token of an org admin or owner from an org-wide install',
    true,
  );
  const appToken = token('SLACK_APP_TOKEN', 'xapp-', 'an app-level token with connections:write', false);
  const signingSecret = value('SLACK_SIGNING_SECRET');
  if (appToken === undefined && signingSecret === undefined) {
    problems.push('SLACK_SIGNING_SECRET is missing: HTTP mode needs it to verify requests (or set SLACK_APP_TOKEN).');
  }

  const adminUserIds = new Set<string>();
  const rawIds = value('ADMIN_USER_IDS');
  if (rawIds === undefined) {
    problems.push('ADMIN_USER_IDS is missing: list the user IDs allowed to use the commands, comma-separated.');
  } else {
    const entries = rawIds
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    // Positions, not values: a token pasted into the wrong variable must not end up in the log.
    const bad = entries.flatMap((id, i) => (USER_ID.test(id) ? [] : [i + 1]));
    if (bad.length > 0) {
      problems.push(
        `ADMIN_USER_IDS has entries that are not Slack user IDs (like W012ABCDEF): number ${bad.join(', ')}.`,
      );
    }
    for (const id of entries) if (USER_ID.test(id)) adminUserIds.add(id);
    if (entries.length === 0) problems.push('ADMIN_USER_IDS is empty: list at least one user ID.');
  }

  const baseUrl = (name: string, fallback: string): string => {
    const raw = value(name) ?? fallback;
    try {
      const url = new URL(raw);
      // Tokens travel in every request: plain http only to this machine (a local proxy or a test fake).
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new Error('protocol');
    } catch {
      problems.push(`${name} must be an https URL such as ${fallback} (http only for localhost).`);
    }
    return raw.endsWith('/') ? raw : `${raw}/`;
  };
  const slackApiUrl = baseUrl('SLACK_API_URL', 'https://slack.com/api/');

  const proxy = proxyEnv(value, problems);

  const logLevel = (value('LOG_LEVEL')?.toLowerCase() ?? 'info') as LogLevelName;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`);

  const logFormat = (value('LOG_FORMAT')?.toLowerCase() ?? 'json') as LogFormat;
  if (logFormat !== 'json' && logFormat !== 'text') problems.push('LOG_FORMAT must be json or text.');

  const port = integer('PORT', 3000, 0, 65535);
  const maxTargets = integer('MAX_TARGETS', 25, 1, MAX_TARGETS_CEILING);
  // The confirmation lists a few of them and keeps the plan in the store: the ceiling is the lookups' time, not Block Kit.
  const bulkMaxTargets = integer('BULK_MAX_TARGETS', 1000, 1, 5000);
  const apiTimeoutMs = integer('SLACK_API_TIMEOUT_MS', 10_000, 100, 120_000);
  const resetCooldownMinutes = integer('RESET_COOLDOWN_MINUTES', 10, 0, 1440);
  const adminMaxAttempts = integer('ADMIN_MAX_ATTEMPTS', 3, 1, 10);
  const adminRetryBudgetMs = integer('ADMIN_RETRY_BUDGET_MS', 60_000, 0, 600_000);
  const lookupRetryBudgetMs = integer('LOOKUP_RETRY_BUDGET_MS', 60_000, 0, 600_000);
  const rateScale = integer('SLACK_RATE_SCALE', 1, 1, 1000);
  const requireReason = flag('REQUIRE_REASON');
  const dryRun = flag('DRY_RUN');
  const auditDbPath = value('AUDIT_DB_PATH') ?? './data/audit.db';
  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/\S+$/.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a PostgreSQL URL such as postgres://user@host:5432/database.');
  }
  const auditChannelId = value('AUDIT_CHANNEL_ID');
  if (auditChannelId !== undefined && !CHANNEL_ID.test(auditChannelId)) {
    problems.push('AUDIT_CHANNEL_ID must be a channel ID (like C012ABCDEF), not a name.');
  }

  const verifyRaw = value('VERIFY_AFTER_RESET');
  const verify = verifyRaw === undefined ? true : flag('VERIFY_AFTER_RESET');
  const approval = approvalConfig(value, integer, flag, problems, auditChannelId, adminUserIds);
  const notify: NotifyConfig = {
    byDefault: flag('NOTIFY_TARGETS'),
    template: value('NOTIFY_TEMPLATE') ?? DEFAULT_NOTIFY_TEMPLATE,
    nameAdmin: flag('NOTIFY_NAME_ADMIN'),
  };
  if (notify.template.length > 1000) problems.push('NOTIFY_TEMPLATE must be at most 1000 characters.');

  const auditToken = token(
    'SLACK_AUDIT_TOKEN',
    'xoxp-',
    'the user token of an Org Owner with auditlogs:read, from an app the owner installed on the organization',
    false,
  );
  const auditApiUrl = baseUrl('SLACK_AUDIT_API_URL', 'https://api.slack.com/audit/v1/');
  const confirmWaitSeconds = integer('AUDIT_CONFIRM_WAIT_SECONDS', 900, 1, 86_400);
  const scanIntervalSeconds = integer('AUDIT_SCAN_INTERVAL_SECONDS', 300, 0, 86_400);
  const slackAudit: SlackAuditConfig | undefined = auditToken
    ? {
        token: auditToken,
        apiUrl: auditApiUrl,
        confirmWaitMs: confirmWaitSeconds * 1000,
        scanIntervalMs: scanIntervalSeconds * 1000,
      }
    : undefined;
  const workflowSteps = new Set<string>();
  const steps = (value('WORKFLOW_STEPS') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknownSteps = steps.flatMap((step, i) => (STEP_IDS.includes(step as never) ? [] : [i + 1]));
  if (unknownSteps.length > 0) {
    problems.push(
      `WORKFLOW_STEPS has entries that are not steps of this app (${STEP_IDS.join(', ')}): number ${unknownSteps.join(', ')}.`,
    );
  }
  for (const step of steps) if (STEP_IDS.includes(step as never)) workflowSteps.add(step);
  // Every step's order waits for a second admin (see place-order.ts): somewhere to ask, and someone to ask.
  if (workflowSteps.size > 0 && value('APPROVAL_CHANNEL_ID') === undefined && value('AUDIT_CHANNEL_ID') === undefined) {
    problems.push(
      'WORKFLOW_STEPS needs a channel for approval requests: set APPROVAL_CHANNEL_ID (or AUDIT_CHANNEL_ID).',
    );
  }
  if (workflowSteps.size > 0 && adminUserIds.size === 1) {
    problems.push('WORKFLOW_STEPS needs at least two people on ADMIN_USER_IDS: a second admin approves every step.');
  }

  const apiSpec = value('API_CLIENTS');
  // A client's secret must be its own: none of the app's Slack secrets, nor the database's URL.
  const slackSecrets = [botToken, adminToken, appToken, signingSecret, auditToken, databaseUrl].filter(
    (t): t is string => t !== undefined,
  );
  const api = apiSpec === undefined ? undefined : readApiClients(apiSpec, readFile, slackSecrets);
  problems.push(...(api?.problems ?? []));
  const apiRateLimitPerMinute = integer('API_RATE_LIMIT_PER_MINUTE', 60, 1, 10_000);

  if (problems.length > 0 || botToken === undefined || adminToken === undefined) return { ok: false, problems };
  return {
    ok: true,
    config: {
      botToken,
      adminToken,
      signingSecret,
      appToken,
      adminUserIds,
      port,
      slackApiUrl,
      proxy,
      logLevel,
      logFormat,
      maxTargets,
      bulkMaxTargets,
      apiTimeoutMs,
      adminMaxAttempts,
      adminRetryBudgetMs,
      lookupRetryBudgetMs,
      rateScale,
      auditDbPath,
      databaseUrl,
      auditChannelId,
      resetCooldownMinutes,
      requireReason,
      dryRun,
      approval,
      notify,
      verify,
      ...(slackAudit ? { slackAudit } : {}),
      workflowSteps,
      ...(api ? { apiClients: api.clients } : {}),
      apiRateLimitPerMinute,
    },
  };
}

/**
 * The proxy variables as curl and Node.js read them (upper or lower case; NO_PROXY only matters with a proxy). A proxy
 * URL may carry a password, so a problem names the variable, never its value.
 */
function proxyEnv(value: (name: string) => string | undefined, problems: string[]): ProxyEnv | undefined {
  const read = (name: 'HTTPS_PROXY' | 'HTTP_PROXY' | 'NO_PROXY') => value(name) ?? value(name.toLowerCase());
  const proxy: ProxyEnv = {};
  for (const name of ['HTTPS_PROXY', 'HTTP_PROXY'] as const) {
    const url = read(name);
    if (url === undefined) continue;
    if (!isProxyUrl(url)) {
      problems.push(`${name} must be a proxy URL such as http://proxy.internal:3128.`);
      continue;
    }
    proxy[name] = url;
  }
  if (proxy.HTTPS_PROXY === undefined && proxy.HTTP_PROXY === undefined) return undefined;
  const noProxy = read('NO_PROXY');
  return noProxy === undefined ? proxy : { ...proxy, NO_PROXY: noProxy };
}

const isProxyUrl = (text: string): boolean => {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

const POLICIES: readonly ApprovalPolicy[] = ['never', 'privileged', 'bulk', 'always'];
const CHANNEL_ID = /^[CG][A-Z0-9]{8,20}$/;

function approvalConfig(
  value: (name: string) => string | undefined,
  integer: (name: string, fallback: number, min: number, max: number) => number,
  flag: (name: string) => boolean,
  problems: string[],
  auditChannelId: string | undefined,
  adminUserIds: ReadonlySet<string>,
): ApprovalConfig {
  const policy = (value('APPROVAL_REQUIRED')?.toLowerCase() ?? 'never') as ApprovalPolicy;
  if (!POLICIES.includes(policy)) problems.push(`APPROVAL_REQUIRED must be one of ${POLICIES.join(', ')}.`);
  const channelId = value('APPROVAL_CHANNEL_ID') ?? auditChannelId;
  if (value('APPROVAL_CHANNEL_ID') !== undefined && !CHANNEL_ID.test(value('APPROVAL_CHANNEL_ID') ?? '')) {
    problems.push('APPROVAL_CHANNEL_ID must be a channel ID (like C012ABCDEF), not a name.');
  }
  const config: ApprovalConfig = {
    policy,
    bulkThreshold: integer('APPROVAL_BULK_THRESHOLD', 10, 1, 1000),
    channelId,
    ttlMinutes: integer('APPROVAL_TTL_MINUTES', 30, 1, 1440),
    breakGlass: flag('APPROVAL_BREAK_GLASS'),
  };
  if (policy !== 'never' && POLICIES.includes(policy)) {
    if (channelId === undefined) {
      problems.push('APPROVAL_REQUIRED needs a channel for requests: set APPROVAL_CHANNEL_ID (or AUDIT_CHANNEL_ID).');
    }
    // Nobody may approve their own request: with one admin, nothing needing approval could ever run.
    if (adminUserIds.size === 1) {
      problems.push(
        'APPROVAL_REQUIRED needs at least two people on ADMIN_USER_IDS: nobody approves their own request.',
      );
    }
  }
  return config;
}
