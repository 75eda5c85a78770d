import fc from 'fast-check';
import { type ConfigResult, DEFAULT_NOTIFY_TEMPLATE, loadConfig } from '../../src/config';

const BOT = 'xoxb-fake-bot-token';
const ADMIN = 'xoxp-fake-admin-token';
const APP = 'xapp-fake-app-token';
const SECRET = 'fake-signing-secret-0123456789abcdef';

/** A complete HTTP-mode environment. */
const base = (): NodeJS.ProcessEnv => ({
  SLACK_BOT_TOKEN: BOT,
  SLACK_ADMIN_TOKEN: ADMIN,
  SLACK_SIGNING_SECRET: SECRET,
  ADMIN_USER_IDS: 'W0ADMIN0001,W0ADMIN0002',
});

function problemsOf(r: ConfigResult): string[] {
  if (r.ok) throw new Error('expected the configuration to be refused');
  return r.problems;
}
function configOf(r: ConfigResult) {
  if (!r.ok) throw new Error(`expected a configuration, got: ${r.problems.join(' | ')}`);
  return r.config;
}

describe('loadConfig', () => {
  it('reads a complete environment, with defaults', () => {
    const config = configOf(loadConfig(base()));
    expect(config).toEqual({
      botToken: BOT,
      adminToken: ADMIN,
      signingSecret: SECRET,
      appToken: undefined,
      adminUserIds: new Set(['W0ADMIN0001', 'W0ADMIN0002']),
      port: 3000,
      slackApiUrl: 'https://slack.com/api/',
      logLevel: 'info',
      logFormat: 'json',
      maxTargets: 25,
      bulkMaxTargets: 1000,
      apiTimeoutMs: 10_000,
      adminMaxAttempts: 3,
      adminRetryBudgetMs: 60_000,
      lookupRetryBudgetMs: 60_000,
      rateScale: 1,
      auditDbPath: './data/audit.db',
      auditChannelId: undefined,
      resetCooldownMinutes: 10,
      requireReason: false,
      dryRun: false,
      approval: { policy: 'never', bulkThreshold: 10, channelId: undefined, ttlMinutes: 30, breakGlass: false },
      notify: { byDefault: false, template: DEFAULT_NOTIFY_TEMPLATE, nameAdmin: false },
      verify: true,
      workflowSteps: new Set(),
      apiRateLimitPerMinute: 60,
    });
  });

  it('turns on the Workflow Builder steps WORKFLOW_STEPS names, and refuses a step it does not have, by position', () => {
    const withApprovals = { ...base(), AUDIT_CHANNEL_ID: 'C0AUDIT0001' };
    const steps = configOf(
      loadConfig({ ...withApprovals, WORKFLOW_STEPS: 'sign_people_out, change_session_settings' }),
    );
    expect(steps.workflowSteps).toEqual(new Set(['sign_people_out', 'change_session_settings']));
    expect(problemsOf(loadConfig({ ...withApprovals, WORKFLOW_STEPS: 'sign_people_out,lock_accounts' }))).toEqual([
      'WORKFLOW_STEPS has entries that are not steps of this app (sign_people_out, change_session_settings): number 2.',
    ]);
  });

  it('refuses steps with nowhere to ask a second admin, or nobody to ask: every step waits for one', () => {
    expect(problemsOf(loadConfig({ ...base(), WORKFLOW_STEPS: 'sign_people_out' }))).toEqual([
      'WORKFLOW_STEPS needs a channel for approval requests: set APPROVAL_CHANNEL_ID (or AUDIT_CHANNEL_ID).',
    ]);
    const alone = { ...base(), ADMIN_USER_IDS: 'W0ADMIN0001', APPROVAL_CHANNEL_ID: 'C0APPROVE01' };
    expect(problemsOf(loadConfig({ ...alone, WORKFLOW_STEPS: 'sign_people_out' }))).toEqual([
      'WORKFLOW_STEPS needs at least two people on ADMIN_USER_IDS: a second admin approves every step.',
    ]);
  });

  it('turns the signed API on with API_CLIENTS, each secret read from its file and never a Slack secret', () => {
    const files: Record<string, string> = {
      '/run/secrets/soar': 'fake-api-secret-for-config-tests-0123456789\n',
      '/run/secrets/slack': `${SECRET}\n`,
    };
    const read = (path: string) => {
      const text = files[path];
      if (text === undefined) throw new Error('ENOENT');
      return text;
    };
    const on = configOf(
      loadConfig({ ...base(), API_CLIENTS: 'soar:/run/secrets/soar', API_RATE_LIMIT_PER_MINUTE: '5' }, read),
    );
    expect(on.apiClients?.get('soar')).toEqual({
      name: 'soar',
      secret: 'fake-api-secret-for-config-tests-0123456789',
      actions: new Set(['sign-outs']),
    });
    expect(on.apiRateLimitPerMinute).toBe(5);
    expect(problemsOf(loadConfig({ ...base(), API_CLIENTS: 'soar:/run/secrets/slack' }, read))).toEqual([
      "API_CLIENTS entry 1: the secret of soar is one of the app's Slack secrets; give each client its own.",
    ]);
    expect(configOf(loadConfig(base(), read)).apiClients).toBeUndefined();
  });

  it('reads the approval policy, its channel (the audit channel by default), expiry and break-glass', () => {
    const env = {
      ...base(),
      APPROVAL_REQUIRED: 'Bulk',
      APPROVAL_BULK_THRESHOLD: '5',
      AUDIT_CHANNEL_ID: 'C0AUDIT001',
      APPROVAL_TTL_MINUTES: '15',
      APPROVAL_BREAK_GLASS: 'true',
    };
    expect(configOf(loadConfig(env)).approval).toEqual({
      policy: 'bulk',
      bulkThreshold: 5,
      channelId: 'C0AUDIT001',
      ttlMinutes: 15,
      breakGlass: true,
    });
    expect(configOf(loadConfig({ ...env, APPROVAL_CHANNEL_ID: 'C0APPROVE1' })).approval.channelId).toBe('C0APPROVE1');
  });

  it('refuses an approval policy nobody could satisfy, or that has nowhere to ask', () => {
    expect(problemsOf(loadConfig({ ...base(), APPROVAL_REQUIRED: 'sometimes' }))).toEqual([
      'APPROVAL_REQUIRED must be one of never, privileged, bulk, always.',
    ]);
    expect(problemsOf(loadConfig({ ...base(), APPROVAL_REQUIRED: 'always' }))).toEqual([
      'APPROVAL_REQUIRED needs a channel for requests: set APPROVAL_CHANNEL_ID (or AUDIT_CHANNEL_ID).',
    ]);
    const alone = {
      ...base(),
      ADMIN_USER_IDS: 'W0ADMIN0001',
      APPROVAL_REQUIRED: 'always',
      AUDIT_CHANNEL_ID: 'C0AUDIT001',
    };
    expect(problemsOf(loadConfig(alone))).toEqual([
      'APPROVAL_REQUIRED needs at least two people on ADMIN_USER_IDS: nobody approves their own request.',
    ]);
    expect(problemsOf(loadConfig({ ...base(), APPROVAL_CHANNEL_ID: '#security', APPROVAL_TTL_MINUTES: '0' }))).toEqual([
      'APPROVAL_CHANNEL_ID must be a channel ID (like C012ABCDEF), not a name.',
      'APPROVAL_TTL_MINUTES must be a whole number from 1 to 1440.',
    ]);
  });

  it('checks afterwards unless VERIFY_AFTER_RESET=false', () => {
    expect(configOf(loadConfig({ ...base(), VERIFY_AFTER_RESET: 'false' })).verify).toBe(false);
    expect(configOf(loadConfig({ ...base(), VERIFY_AFTER_RESET: 'true' })).verify).toBe(true);
    expect(problemsOf(loadConfig({ ...base(), VERIFY_AFTER_RESET: 'maybe' }))).toEqual([
      'VERIFY_AFTER_RESET must be true or false.',
    ]);
  });

  it('reads the notification settings', () => {
    const config = configOf(
      loadConfig({
        ...base(),
        NOTIFY_TARGETS: 'yes',
        NOTIFY_TEMPLATE: 'Signed out at {when}.',
        NOTIFY_NAME_ADMIN: '1',
      }),
    );
    expect(config.notify).toEqual({ byDefault: true, template: 'Signed out at {when}.', nameAdmin: true });
  });

  it('reads the audit and guardrail settings', () => {
    const config = configOf(
      loadConfig({
        ...base(),
        AUDIT_DB_PATH: '/var/lib/session-reset/audit.db',
        AUDIT_CHANNEL_ID: 'C0SECURITY1',
        RESET_COOLDOWN_MINUTES: '0',
        REQUIRE_REASON: 'true',
        DRY_RUN: 'yes',
      }),
    );
    expect(config).toMatchObject({
      auditDbPath: '/var/lib/session-reset/audit.db',
      auditChannelId: 'C0SECURITY1',
      resetCooldownMinutes: 0,
      requireReason: true,
      dryRun: true,
    });
  });

  it.each([
    ['AUDIT_CHANNEL_ID', '#security', 'AUDIT_CHANNEL_ID must be a channel ID'],
    ['REQUIRE_REASON', 'maybe', 'REQUIRE_REASON must be true or false'],
    ['DRY_RUN', 'on', 'DRY_RUN must be true or false'],
    ['RESET_COOLDOWN_MINUTES', '-1', 'RESET_COOLDOWN_MINUTES must be a whole number'],
  ])('names %s when it is wrong', (name, value, problem) => {
    const result = loadConfig({ ...base(), [name]: value });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.join('\n')).toContain(problem);
  });

  it('reads explicit values, trimming spaces', () => {
    const config = configOf(
      loadConfig({
        ...base(),
        ADMIN_USER_IDS: ' W0ADMIN0001 , U0123ABCDE ,',
        PORT: ' 8080 ',
        SLACK_API_URL: 'http://localhost:9999/api',
        LOG_LEVEL: 'DEBUG',
        MAX_TARGETS: '50',
        SLACK_API_TIMEOUT_MS: '2500',
      }),
    );
    expect(config).toMatchObject({
      adminUserIds: new Set(['W0ADMIN0001', 'U0123ABCDE']),
      port: 8080,
      slackApiUrl: 'http://localhost:9999/api/',
      logLevel: 'debug',
      maxTargets: 50,
      apiTimeoutMs: 2500,
    });
  });

  describe('fails closed on the allowlist', () => {
    it.each([
      ['missing', undefined, /ADMIN_USER_IDS is missing/],
      ['empty', '', /ADMIN_USER_IDS is missing/],
      ['blank', '   ', /ADMIN_USER_IDS is missing/],
      ['only commas', ' , ,', /ADMIN_USER_IDS is empty/],
      ['not user ids', 'alice,bob', /ADMIN_USER_IDS has entries that are not Slack user IDs/],
      ['one bad entry among good ones', 'W0ADMIN0001,C0123ABCDE', /ADMIN_USER_IDS has entries/],
    ])('refuses ADMIN_USER_IDS %s', (_name, value, problem) => {
      const env = { ...base(), ADMIN_USER_IDS: value };
      if (value === undefined) delete env.ADMIN_USER_IDS;
      const problems = problemsOf(loadConfig(env));
      expect(problems.join('\n')).toMatch(problem);
    });
  });

  it('names every problem by its variable, all at once', () => {
    const problems = problemsOf(
      loadConfig({
        SLACK_BOT_TOKEN: 'xoxp-wrong-kind',
        SLACK_ADMIN_TOKEN: 'xoxb-wrong-kind',
        SLACK_APP_TOKEN: 'xoxb-not-an-app-token',
        ADMIN_USER_IDS: '',
        PORT: '70000',
        SLACK_API_URL: 'ftp://example.com/',
        LOG_LEVEL: 'loud',
        MAX_TARGETS: '51',
        SLACK_API_TIMEOUT_MS: '5.5',
      }),
    );
    const named = [
      'SLACK_BOT_TOKEN',
      'SLACK_ADMIN_TOKEN',
      'SLACK_APP_TOKEN',
      'ADMIN_USER_IDS',
      'PORT',
      'SLACK_API_URL',
      'LOG_LEVEL',
      'MAX_TARGETS',
      'SLACK_API_TIMEOUT_MS',
    ];
    for (const name of named) expect(problems.some((p) => p.startsWith(name))).toBe(true);
    expect(problems).toHaveLength(named.length);
  });

  it.each([
    ['SLACK_BOT_TOKEN', 'xoxb-'],
    ['SLACK_ADMIN_TOKEN', 'xoxp-'],
  ])('requires %s, starting with %s', (name, prefix) => {
    const missing = { ...base() };
    delete missing[name];
    expect(problemsOf(loadConfig(missing))).toEqual([
      expect.stringMatching(new RegExp(`^${name} is missing.*${prefix}`)),
    ]);
    for (const wrong of ['xoxa-2-fake', 'xapp-fake', 'fake', `${prefix.toUpperCase()}fake`, ` x${prefix}fake`]) {
      expect(problemsOf(loadConfig({ ...base(), [name]: wrong }))).toEqual([
        expect.stringMatching(new RegExp(`^${name} must be .*starts with ${prefix}`)),
      ]);
    }
  });

  it('reads an egress proxy in upper or lower case, with its exceptions, and none by default', () => {
    expect(configOf(loadConfig(base())).proxy).toBeUndefined();
    expect(configOf(loadConfig({ ...base(), NO_PROXY: 'localhost' })).proxy).toBeUndefined();
    expect(
      configOf(loadConfig({ ...base(), https_proxy: 'http://proxy.internal:3128', NO_PROXY: '.internal,localhost' }))
        .proxy,
    ).toEqual({ HTTPS_PROXY: 'http://proxy.internal:3128', NO_PROXY: '.internal,localhost' });
    expect(configOf(loadConfig({ ...base(), HTTP_PROXY: 'http://u:p@proxy:8080' })).proxy).toEqual({
      HTTP_PROXY: 'http://u:p@proxy:8080',
    });
  });

  it('refuses a proxy that is not an http(s) URL, without echoing it (it may hold a password)', () => {
    const problems = problemsOf(loadConfig({ ...base(), HTTPS_PROXY: 'socks5://user:hunter2@proxy:1080' }));
    expect(problems).toEqual(['HTTPS_PROXY must be a proxy URL such as http://proxy.internal:3128.']);
    expect(problemsOf(loadConfig({ ...base(), HTTP_PROXY: 'proxy:3128' }))).toHaveLength(1);
  });

  it('refuses a bot token in place of the admin user token', () => {
    expect(problemsOf(loadConfig({ ...base(), SLACK_ADMIN_TOKEN: BOT }))).toEqual([
      expect.stringMatching(/^SLACK_ADMIN_TOKEN must be the user token of an org admin/),
    ]);
  });

  it('takes a PostgreSQL DATABASE_URL, and refuses anything else without echoing it', () => {
    const url = 'postgres://app:secret-password-1@db.internal:5432/audit';
    expect(configOf(loadConfig({ ...base(), DATABASE_URL: url })).databaseUrl).toBe(url);
    expect(configOf(loadConfig(base())).databaseUrl).toBeUndefined();
    const problems = problemsOf(loadConfig({ ...base(), DATABASE_URL: 'mysql://app:secret-password-1@db/audit' }));
    expect(problems).toEqual(['DATABASE_URL must be a PostgreSQL URL such as postgres://user@host:5432/database.']);
  });

  it('checks the app token prefix when one is given', () => {
    expect(problemsOf(loadConfig({ ...base(), SLACK_APP_TOKEN: 'xoxb-fake' }))).toEqual([
      expect.stringMatching(/^SLACK_APP_TOKEN must be .*xapp-/),
    ]);
  });

  it('needs a signing secret in HTTP mode', () => {
    const env = base();
    delete env.SLACK_SIGNING_SECRET;
    expect(problemsOf(loadConfig(env))).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET is missing/)]);
    expect(problemsOf(loadConfig({ ...base(), SLACK_SIGNING_SECRET: '  ' }))).toHaveLength(1);
  });

  it('needs no signing secret in Socket Mode', () => {
    const env: NodeJS.ProcessEnv = { ...base(), SLACK_APP_TOKEN: APP };
    delete env.SLACK_SIGNING_SECRET;
    expect(configOf(loadConfig(env))).toMatchObject({ appToken: APP, signingSecret: undefined });
  });

  it.each([
    ['PORT', '0', 0],
    ['PORT', '65535', 65535],
    ['MAX_TARGETS', '1', 1],
    ['SLACK_API_TIMEOUT_MS', '100', 100],
    ['SLACK_API_TIMEOUT_MS', '120000', 120_000],
  ])('accepts %s=%s', (name, value, expected) => {
    const config = configOf(loadConfig({ ...base(), [name]: value }));
    const key = { PORT: 'port', MAX_TARGETS: 'maxTargets', SLACK_API_TIMEOUT_MS: 'apiTimeoutMs' }[
      name
    ] as keyof typeof config;
    expect(config[key]).toBe(expected);
  });

  it.each([
    ['PORT', '-1'],
    ['PORT', '65536'],
    ['PORT', '80.5'],
    ['PORT', '0x50'],
    ['PORT', '1e3'],
    ['MAX_TARGETS', '0'],
    ['MAX_TARGETS', '51'],
    ['SLACK_API_TIMEOUT_MS', '99'],
    ['SLACK_API_TIMEOUT_MS', 'ten'],
  ])('refuses %s=%s, naming the range', (name, value) => {
    expect(problemsOf(loadConfig({ ...base(), [name]: value }))).toEqual([
      expect.stringMatching(new RegExp(`^${name} must be a whole number from \\d+ to \\d+\\.$`)),
    ]);
  });

  it.each(['not a url', 'ftp://example.com/api/', 'file:///etc/passwd', 'http://slack-proxy.internal/api/'])(
    'refuses SLACK_API_URL %s',
    (url) => {
      expect(problemsOf(loadConfig({ ...base(), SLACK_API_URL: url }))).toEqual([
        expect.stringMatching(/^SLACK_API_URL must be an https URL/),
      ]);
    },
  );

  it.each(['http://127.0.0.1:9999/api/', 'http://localhost:8080/api/'])('allows plain http to %s', (url) => {
    expect(configOf(loadConfig({ ...base(), SLACK_API_URL: url })).slackApiUrl).toBe(url);
  });

  describe('Slack’s audit log', () => {
    const OWNER = 'xoxp-fake-org-owner-token';

    it('is off without SLACK_AUDIT_TOKEN, and on with it, with its defaults', () => {
      expect(configOf(loadConfig(base())).slackAudit).toBeUndefined();
      expect(configOf(loadConfig({ ...base(), SLACK_AUDIT_TOKEN: OWNER })).slackAudit).toEqual({
        token: OWNER,
        apiUrl: 'https://api.slack.com/audit/v1/',
        confirmWaitMs: 900_000,
        scanIntervalMs: 300_000,
      });
    });

    it('reads its URL (http only to this machine), the wait and the scan interval (0 turns the scan off)', () => {
      const env = {
        ...base(),
        SLACK_AUDIT_TOKEN: OWNER,
        SLACK_AUDIT_API_URL: 'http://127.0.0.1:9999/audit/v1',
        AUDIT_CONFIRM_WAIT_SECONDS: '60',
        AUDIT_SCAN_INTERVAL_SECONDS: '0',
      };
      expect(configOf(loadConfig(env)).slackAudit).toEqual({
        token: OWNER,
        apiUrl: 'http://127.0.0.1:9999/audit/v1/',
        confirmWaitMs: 60_000,
        scanIntervalMs: 0,
      });
    });

    it.each([
      ['SLACK_AUDIT_TOKEN', 'xoxb-a-bot-token', /^SLACK_AUDIT_TOKEN must be the user token of an Org Owner/],
      [
        'SLACK_AUDIT_API_URL',
        'http://audit-proxy.internal/',
        /^SLACK_AUDIT_API_URL must be an https URL such as https:\/\/api\.slack\.com\/audit\/v1\//,
      ],
      ['AUDIT_CONFIRM_WAIT_SECONDS', '100000', /^AUDIT_CONFIRM_WAIT_SECONDS must be a whole number from 1 to 86400\.$/],
      [
        'AUDIT_SCAN_INTERVAL_SECONDS',
        'often',
        /^AUDIT_SCAN_INTERVAL_SECONDS must be a whole number from 0 to 86400\.$/,
      ],
    ])('refuses %s=%s', (name, value, problem) => {
      const problems = problemsOf(loadConfig({ ...base(), SLACK_AUDIT_TOKEN: OWNER, [name]: value }));
      expect(problems).toEqual([expect.stringMatching(problem)]);
      for (const p of problems) expect(p).not.toContain(value);
    });
  });

  describe('never echoes a value', () => {
    it('does not repeat a bogus token in any problem', () => {
      const bogus = 'not-a-token-SECRET-VALUE-123';
      const problems = problemsOf(
        loadConfig({
          ...base(),
          SLACK_BOT_TOKEN: bogus,
          SLACK_ADMIN_TOKEN: `${bogus}-admin`,
          SLACK_APP_TOKEN: `${bogus}-app`,
          SLACK_API_URL: `${bogus}-url`,
          LOG_LEVEL: `${bogus}-level`,
          PORT: `${bogus}-port`,
        }),
      );
      expect(problems.length).toBeGreaterThanOrEqual(6);
      for (const p of problems) expect(p).not.toContain('SECRET-VALUE');
    });

    it('does not repeat any value of a token variable, whatever it is (property)', () => {
      const names = [
        'SLACK_BOT_TOKEN',
        'SLACK_ADMIN_TOKEN',
        'SLACK_APP_TOKEN',
        'SLACK_AUDIT_TOKEN',
        'SLACK_API_URL',
        'SLACK_AUDIT_API_URL',
        'LOG_LEVEL',
        'PORT',
        'MAX_TARGETS',
      ];
      // Values long and distinctive enough that finding them in a sentence cannot be a coincidence.
      const value = fc.string({ minLength: 12, maxLength: 40 }).filter((v) => v.trim().length >= 12);
      fc.assert(
        fc.property(fc.constantFrom(...names), value, (name, v) => {
          const r = loadConfig({ ...base(), [name]: v });
          if (r.ok) return;
          for (const p of r.problems) expect(p).not.toContain(v.trim());
        }),
        { numRuns: 1000 },
      );
    });

    // A token pasted into the wrong variable must not land in the start-up log: entries are named by position.
    it('does not echo a bad ADMIN_USER_IDS entry, such as a token pasted into the wrong variable', () => {
      const problems = problemsOf(loadConfig({ ...base(), ADMIN_USER_IDS: `W0ADMIN0001,${ADMIN}` }));
      expect(problems.join('\n')).toMatch(/^ADMIN_USER_IDS/);
      for (const p of problems) expect(p).not.toContain(ADMIN);
    });
  });
});
