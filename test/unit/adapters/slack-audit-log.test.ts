import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AUDIT_TOKEN_RETRY_MS, AuditTokenWatch } from '../../../src/adapters/audit-token';
import { AUDIT_LOGS, RatePacer } from '../../../src/adapters/rate-tiers';
import { createSlackAuditLog } from '../../../src/adapters/slack-audit-log';
import { pacedCall } from '../../../src/adapters/slack-call';
import { FakeSlack } from '../../support/fake-slack';
import { AUDIT_OWNER_TOKEN, FakeSlackAudit } from '../../support/fake-slack-audit';
import { CapturingLogger } from '../../support/harness';

const QUERY = { actions: ['user_session_reset_by_admin'], oldest: 0, latest: 4_000_000_000 };

describe('the Audit Logs API client', () => {
  const web = new FakeSlack();
  let audit: FakeSlackAudit;
  beforeEach(async () => {
    audit = new FakeSlackAudit(web);
    audit.rateScale = 0;
    await audit.start();
  });
  afterEach(() => audit.stop());

  /**
   * A client whose waits are instant and counted, on a clock they move (the pace's and the watch's); or, with a
   * `pacer`, one that waits in real time at that pace, as the app does.
   */
  const client = (
    over: {
      token?: string;
      budgetMs?: number;
      fetch?: typeof fetch;
      baseUrl?: string;
      clock?: { now: number };
      pacer?: RatePacer;
    } = {},
  ) => {
    const clock = over.clock ?? { now: 0 };
    const slept: number[] = [];
    const logger = new CapturingLogger();
    const lost: string[] = [];
    const watch = new AuditTokenWatch(
      logger,
      async (p) => lost.push(p),
      () => clock.now,
    );
    const instant = {
      pacer: new RatePacer(1, () => clock.now),
      sleep: async (ms: number) => {
        slept.push(ms);
        clock.now += ms;
      },
    };
    const log = createSlackAuditLog({
      baseUrl: over.baseUrl ?? audit.url,
      token: over.token ?? AUDIT_OWNER_TOKEN,
      call: pacedCall({ ...(over.pacer ? { pacer: over.pacer } : instant), random: () => 0.5 }),
      timeoutMs: 2000,
      policy: { attempts: 3, budgetMs: over.budgetMs ?? 10_000 },
      watch,
      logger,
      fetch: over.fetch,
    });
    return { log, slept, logger, lost, watch };
  };
  const add = (n: number) => {
    for (let i = 0; i < n; i++) {
      audit.addEntry({
        action: 'user_session_reset_by_admin',
        actorId: 'W0MALLORY1',
        targetId: `W0P${String(i).padStart(7, '0')}`,
      });
    }
  };

  it('reads every page, newest first, with the token in a header and never in the URL', async () => {
    add(2500);
    const answer = await client().log.entries(QUERY);
    expect(answer).toMatchObject({ ok: true, truncated: false });
    expect(answer.ok && answer.entries).toHaveLength(2500);
    expect(audit.logsCalls().map((c) => c.query.limit)).toEqual(['1000', '1000', '1000']);
    expect(audit.logsCalls().every((c) => c.token === AUDIT_OWNER_TOKEN)).toBe(true);
    expect(JSON.stringify(audit.calls.map((c) => c.query))).not.toContain('xoxp');
    const first = answer.ok ? answer.entries[0] : undefined;
    expect(first).toMatchObject({
      action: 'user_session_reset_by_admin',
      actor: { type: 'user', user: { id: 'W0MALLORY1' } },
      entity: { type: 'user', user: { id: expect.stringMatching(/^W0P/) } },
      context: { ipAddress: '198.51.100.7', ua: 'Mozilla/5.0' },
    });
  });

  it('says it read only part when Slack has more pages than it reads', async () => {
    add(10_001);
    const answer = await client().log.entries(QUERY);
    expect(answer).toMatchObject({ ok: true, truncated: true });
    expect(answer.ok && answer.entries).toHaveLength(10_000);
  });

  it('waits out a 429 for Retry-After within its budget, and says ratelimited past it', async () => {
    audit.limitNext = 2;
    const { log, slept } = client();
    expect(await log.entries(QUERY)).toMatchObject({ ok: true });
    expect(slept.filter((ms) => ms >= 1000)).toEqual([1000, 1000]);
    audit.limitNext = 5;
    expect(await client({ budgetMs: 2500 }).log.entries(QUERY)).toEqual({ ok: false, code: 'ratelimited' });
  });

  it('keeps to Tier 3: 50 queries a minute, the 51st waits for the next window', async () => {
    const clock = { now: 0 };
    const sentAt: number[] = [];
    const c = client({
      clock,
      fetch: (url, init) => {
        sentAt.push(clock.now);
        return fetch(url, init);
      },
    });
    const answers = await Promise.all(Array.from({ length: 55 }, () => c.log.entries(QUERY)));
    expect(answers.every((a) => a.ok)).toBe(true);
    // A minute, and the pace's margin for a call that leaves late (see rate-tiers.ts).
    expect(sentAt).toEqual([...Array(50).fill(0), ...Array(5).fill(61_550)]);
    expect(new RatePacer().limitOf(AUDIT_LOGS)).toEqual({ calls: 50, windowMs: 60_000 });
  });

  it('shares Tier 3 across processes as Slack counts it, for the whole organization: the rest wait out 429s', async () => {
    audit.rateScale = 60;
    // A pace each, as two replicas have: together they go past the tier, and Slack's Retry-After paces the rest.
    const [one, two] = [client({ pacer: new RatePacer(60) }), client({ pacer: new RatePacer(60) })];
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => [one.log.entries(QUERY), two.log.entries(QUERY)]).flat(),
    );
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(audit.calls.filter((c) => c.status === 429).length).toBeGreaterThan(0);
  });

  it('names the token Slack refuses, tells the watch once, and stops asking for a while', async () => {
    const clock = { now: 0 };
    const admin = client({ token: 'xoxp-fake-admin-token-for-tests', clock });
    expect(await admin.log.entries(QUERY)).toEqual({ ok: false, code: 'not_allowed_token_type' });
    expect(admin.lost).toEqual([
      expect.stringContaining(
        'not_allowed_token_type): The Audit Logs API takes only the user token (xoxp-) of an Org Owner',
      ),
    ]);
    expect(admin.logger.lines.some((l) => l.startsWith('ERROR AUDIT TOKEN LOST'))).toBe(true);
    const sent = audit.calls.length;
    expect(await admin.log.entries(QUERY)).toEqual({ ok: false, code: 'not_allowed_token_type' });
    expect(audit.calls.length).toBe(sent);
    clock.now = AUDIT_TOKEN_RETRY_MS;
    await admin.log.entries(QUERY);
    expect(audit.calls.length).toBe(sent + 1);
    expect(admin.lost).toHaveLength(1);

    expect(await client({ token: 'garbage' }).log.entries(QUERY)).toEqual({ ok: false, code: 'invalid_auth' });
    audit.revoked = true;
    expect(await client().log.entries(QUERY)).toEqual({ ok: false, code: 'token_revoked' });
  });

  it('notices the token works again', async () => {
    const clock = { now: 0 };
    audit.revoked = true;
    const c = client({ clock });
    await c.log.entries(QUERY);
    expect(c.watch.refused).toBe('token_revoked');
    audit.revoked = false;
    clock.now = AUDIT_TOKEN_RETRY_MS;
    expect(await c.log.entries(QUERY)).toMatchObject({ ok: true });
    expect(c.watch.refused).toBeUndefined();
    expect(c.logger.lines.some((l) => l.includes('SLACK_AUDIT_TOKEN works again'))).toBe(true);
  });

  it('tries a 5xx and a garbled answer again, and takes Slack’s code from the body whatever the status', async () => {
    const answers = [
      new Response('<html>bad gateway</html>', { status: 502 }),
      new Response('not json', { status: 200 }),
      new Response(JSON.stringify({ entries: [], response_metadata: { next_cursor: '' } }), { status: 200 }),
    ];
    const flaky = client({ fetch: async () => answers.shift() as Response });
    expect(await flaky.log.entries(QUERY)).toEqual({ ok: true, entries: [], truncated: false });
    expect(flaky.slept).toEqual([1000, 2000]);
    const scoped = client({
      fetch: async () => new Response(JSON.stringify({ ok: false, error: 'missing_scope' }), { status: 403 }),
    });
    expect(await scoped.log.entries(QUERY)).toEqual({ ok: false, code: 'missing_scope' });
  });

  it('leaves out an entry it cannot read, and says so', async () => {
    const body = {
      entries: [
        {
          id: 'ok-1',
          date_create: 1,
          action: 'user_logout_compromised',
          actor: { type: 'user' },
          entity: { type: 'user' },
        },
        { id: '', date_create: 1, action: 'x' },
        { id: 'no-date', action: 'x' },
        'nonsense',
      ],
      response_metadata: { next_cursor: '' },
    };
    const c = client({ fetch: async () => new Response(JSON.stringify(body)) });
    const answer = await c.log.entries(QUERY);
    expect(answer.ok && answer.entries.map((e) => e.id)).toEqual(['ok-1']);
    expect(c.logger.lines).toContain('WARN 3 audit log entries in a shape the app cannot read were left out');
  });

  it('never follows a redirect with the token', async () => {
    let followed = false;
    const elsewhere = createServer((_req, res) => {
      followed = true;
      res.end('{}');
    });
    const redirecting = createServer((_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/` }).end();
    });
    await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => redirecting.listen(0, '127.0.0.1', r));
    try {
      const port = (redirecting.address() as AddressInfo).port;
      const answer = await client({ baseUrl: `http://127.0.0.1:${port}/audit/v1/` }).log.entries(QUERY);
      expect(answer).toEqual({ ok: false, code: 'network_error' });
      expect(followed).toBe(false);
    } finally {
      elsewhere.close();
      redirecting.close();
    }
  });
});
