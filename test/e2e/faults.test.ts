import type { Reply } from '../support/fake-slack';
import { FAKE, type Harness, startHarness, textOf } from '../support/harness';

/**
 * Fault injection: for each scenario the fake answers the admin method with a scripted series of replies, and the
 * test checks what reached Slack (nothing lost, nothing repeated after a success) and what the admin was told.
 */

const ALICE = 'W0ALICE001';
const SESSION = 4001;
const OK: Reply = { body: { ok: true } };
const fail = (error: string): Reply => ({ body: { ok: false, error } });
const status = (code: number): Reply => ({ status: code, body: { ok: false, error: 'upstream' } });
const limited = (seconds: number): Reply => ({ status: 429, headers: { 'retry-after': String(seconds) }, body: {} });
const DROP: Reply = { drop: true };
// Longer than SLACK_API_TIMEOUT_MS below: the call reaches Slack and takes effect, but its answer is lost.
const AFTER_EFFECT_SLOW: Reply = { afterEffect: true, delayMs: 1500 };
const AFTER_EFFECT_DROP: Reply = { afterEffect: true, drop: true };

type Told = 'done' | 'not done' | 'unknown';

interface Scenario {
  name: string;
  replies: Reply[];
  calls: number;
  told: Told;
  /** For invalidate, whether the fake still holds the session afterwards. */
  sessionLeft?: boolean;
}

const RESET: Scenario[] = [
  { name: 'ok at once', replies: [OK], calls: 1, told: 'done' },
  { name: '429 then ok', replies: [limited(1), OK], calls: 2, told: 'done' },
  { name: '429 with Retry-After beyond the budget', replies: [limited(120)], calls: 1, told: 'not done' },
  { name: '500 then ok', replies: [status(500), OK], calls: 2, told: 'done' },
  { name: '502, 503, ok', replies: [status(502), status(503), OK], calls: 3, told: 'done' },
  { name: '503 every time', replies: [status(503), status(503), status(503)], calls: 3, told: 'unknown' },
  { name: 'dropped connection then ok', replies: [DROP, OK], calls: 2, told: 'done' },
  { name: 'dropped every time', replies: [DROP, DROP, DROP], calls: 3, told: 'unknown' },
  { name: 'timeout then ok', replies: [AFTER_EFFECT_SLOW, OK], calls: 2, told: 'done' },
  {
    name: 'internal_error then a certain error',
    replies: [fail('internal_error'), fail('user_session_reset_failed')],
    calls: 2,
    told: 'unknown',
  },
  { name: 'a certain error', replies: [fail('user_session_reset_failed')], calls: 1, told: 'not done' },
  { name: 'not_allowed_token_type', replies: [fail('not_allowed_token_type')], calls: 1, told: 'not done' },
  {
    name: 'ok:false ratelimited without Retry-After, then ok',
    replies: [fail('ratelimited'), OK],
    calls: 2,
    told: 'done',
  },
];

const INVALIDATE: Scenario[] = [
  { name: 'ok at once', replies: [], calls: 1, told: 'done', sessionLeft: false },
  {
    name: 'timeout after it took effect: the retry finds it gone',
    replies: [AFTER_EFFECT_SLOW],
    calls: 2,
    told: 'done',
    sessionLeft: false,
  },
  {
    name: 'dropped after it took effect: the retry finds it gone',
    replies: [AFTER_EFFECT_DROP],
    calls: 2,
    told: 'done',
    sessionLeft: false,
  },
  { name: '500 without effect, then ok', replies: [status(500)], calls: 2, told: 'done', sessionLeft: false },
  { name: 'dropped without effect, then ok', replies: [DROP], calls: 2, told: 'done', sessionLeft: false },
  {
    name: 'session_not_found at once',
    replies: [fail('session_not_found')],
    calls: 1,
    told: 'not done',
    sessionLeft: true,
  },
  { name: '429 twice then ok', replies: [limited(1), limited(1)], calls: 3, told: 'done', sessionLeft: false },
  {
    name: '503 every time',
    replies: [status(503), status(503), status(503)],
    calls: 3,
    told: 'unknown',
    sessionLeft: true,
  },
];

/** Replies in order; past the script the fake answers as Slack would. */
function script(h: Harness, method: string, replies: Reply[]): void {
  let n = 0;
  h.fake.on(method, () => replies[n++]);
}

/** What one result line says; undefined when it carries none of the result icons (so no result was shown). */
function told(text: string): Told | undefined {
  if (text.includes(':white_check_mark:')) return 'done';
  if (text.includes(':grey_question:')) return 'unknown';
  if (text.includes(':x:')) return 'not done';
  return undefined;
}

// Generous against a loaded CI machine, well below the slow replies above.
const ENV = { SLACK_API_TIMEOUT_MS: '1000', RESET_COOLDOWN_MINUTES: '0' };

describe('fault injection: admin.users.session.reset', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(ENV, { setup: (fake) => fake.addUser({ id: ALICE, real_name: 'Alice Example' }) });
  });
  afterEach(() => h.stop());

  it.each(RESET)('$name', async ({ replies, calls, told: expected }) => {
    script(h, 'admin.users.session.reset', replies);
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    const sent = h.fake.callsTo('admin.users.session.reset');
    expect(sent).toHaveLength(calls);
    for (const c of sent) expect(c).toMatchObject({ token: FAKE.adminToken, args: { user_id: ALICE } });

    // Nothing lost: one line for Alice in the modal, in the message and in the record.
    const line = textOf(h.lastView().view)
      .split('\n')
      .filter((l) => l.includes(`<@${ALICE}>`));
    expect(line).toHaveLength(1);
    expect(told(line[0] ?? '')).toBe(expected);
    await h.fake.waitForResponses(1);
    expect(told(String(h.fake.responses[0]?.body.text))).toBe(expected);
    expect(h.audit).toHaveLength(1);
    expect(h.audit[0]?.targets).toHaveLength(1);
    expect(h.audit[0]?.targets[0]?.result).toBe(expected === 'not done' ? 'failed' : expected);
  });
});

describe('fault injection: admin.users.session.invalidate', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(ENV, {
      setup: (fake) => {
        fake.addUser({ id: ALICE, real_name: 'Alice Example' });
        fake.addSession(ALICE, SESSION);
      },
    });
  });
  afterEach(() => h.stop());

  it.each(INVALIDATE)('$name', async ({ replies, calls, told: expected, sessionLeft }) => {
    script(h, 'admin.users.session.invalidate', replies);
    await h.command('/invalidate-session', `<@${ALICE}> ${SESSION}`);
    await h.submit(h.lastView());
    expect(h.fake.callsTo('admin.users.session.invalidate')).toHaveLength(calls);
    expect(h.fake.sessions.get(ALICE)?.some((s) => s.session_id === SESSION)).toBe(sessionLeft);
    const line = textOf(h.lastView().view)
      .split('\n')
      .filter((l) => l.includes(`Session ${SESSION} of`));
    expect(line).toHaveLength(1);
    expect(told(line[0] ?? '')).toBe(expected);
    await h.fake.waitForResponses(1);
    expect(told(String(h.fake.responses[0]?.body.text))).toBe(expected);
    expect(h.audit.map((r) => r.targets.map((t) => [t.sessionId, t.result]))).toEqual([
      [[SESSION, expected === 'not done' ? 'failed' : expected]],
    ]);
  });
});

describe('fault injection: the calls around the admin calls', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(ENV, {
      setup: (fake) => {
        fake.addUser({ id: ALICE, real_name: 'Alice Example' });
        fake.addSession(ALICE, SESSION);
      },
    });
  });
  afterEach(() => h.stop());

  it('a 5xx while listing sessions is retried, and the list still shows', async () => {
    script(h, 'admin.users.session.list', [status(502)]);
    await h.command('/invalidate-session', `<@${ALICE}>`);
    expect(h.fake.callsTo('admin.users.session.list')).toHaveLength(2);
    expect(textOf(h.lastView().view)).toContain(`*Session ${SESSION}*`);
  });

  it('a 429 on a look-up is waited out, in the loading modal, and nobody is left out', async () => {
    script(h, 'users.lookupByEmail', [limited(1)]);
    await h.command('/reset-sessions', 'w0alice001@example.com');
    expect(h.fake.callsTo('users.lookupByEmail')).toHaveLength(2);
    const shown = h.fake.callsTo('views.update').map((c) => textOf(JSON.parse(c.args.view ?? '{}')));
    expect(shown.some((t) => t.includes('Slack asks us to wait 1 s (rate limit on `users.lookupByEmail`)'))).toBe(true);
    expect(textOf(h.lastView().view)).toContain('Alice Example');
  });

  it('a look-up whose 429 asks for more than LOOKUP_RETRY_BUDGET_MS is said at once, and pauses nobody else', async () => {
    h.fake.on('users.lookupByEmail', () => limited(120));
    await h.command('/reset-sessions', 'alice@example.com');
    expect(h.fake.callsTo('users.lookupByEmail')).toHaveLength(1);
    expect(textOf(h.lastView().view)).toContain('longer than LOOKUP_RETRY_BUDGET_MS allows');
    // Another method is not held: the next admin's modal opens at once and Alice is found by ID.
    await h.command('/reset-sessions', `<@${ALICE}>`, FAKE.otherAdmin);
    expect(h.fake.callsTo('views.open')).toHaveLength(2);
    expect(textOf(h.lastView().view)).toContain('Alice Example');
  });

  it('tells the admin, in the modal, while a call waits out a 429', async () => {
    script(h, 'admin.users.session.reset', [limited(2)]);
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    const progress = h.fake.callsTo('views.update').map((c) => textOf(JSON.parse(c.args.view ?? '{}')));
    expect(
      progress.some((t) => t.includes('Slack asks us to wait 2 s (rate limit on `admin.users.session.reset`)')),
    ).toBe(true);
    expect(progress.at(-1)).toContain('Signed out 1 of 1 person');
  });

  it('a look-up that fails once is asked again; one that keeps failing says why, and nobody is signed out', async () => {
    script(h, 'users.info', [status(500)]);
    await h.command('/reset-sessions', `<@${ALICE}>`);
    expect(textOf(h.lastView().view)).toContain('Alice Example');
    h.fake.on('users.info', () => status(500));
    await h.command('/reset-sessions', `<@${ALICE}>`, FAKE.otherAdmin);
    expect(textOf(h.lastView().view)).toContain('Could not look up `W0ALICE001`');
    expect(h.fake.adminCalls()).toEqual([]);
  });

  it('a dropped views.open is explained by message, with no call', async () => {
    script(h, 'views.open', [DROP]);
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.fake.waitForResponses(1);
    expect(String(h.fake.responses[0]?.body.text)).toContain('could not be opened');
    expect(h.fake.adminCalls()).toEqual([]);
  });

  it.each(['exchanged_trigger_id', 'trigger_expired'])(
    'views.open refused with %s is explained by message',
    async (code) => {
      script(h, 'views.open', [fail(code)]);
      await h.command('/invalidate-session', `<@${ALICE}>`);
      await h.fake.waitForResponses(1);
      expect(String(h.fake.responses[0]?.body.text)).toMatch(/window|already used/);
      expect(h.fake.adminCalls()).toEqual([]);
    },
  );

  it('a failed result update still reaches the admin by message, and the record is kept', async () => {
    await h.command('/reset-sessions', `<@${ALICE}>`);
    const confirm = h.lastView();
    h.fake.on('views.update', () => status(500));
    await h.submit(confirm);
    await h.fake.waitForResponses(1);
    expect(String(h.fake.responses[0]?.body.text)).toContain('Signed out 1 of 1 person');
    expect(h.audit[0]?.outcome).toBe('executed');
  });

  it('a slow Slack during look-ups never delays the modal past the trigger window', async () => {
    h.fake.on('users.info', () => ({ delayMs: 600, body: { ok: true, user: h.fake.users.get(ALICE) } }));
    await h.command('/reset-sessions', `<@${ALICE}>`);
    const methods = h.fake.calls.map((c) => c.method);
    expect(methods.indexOf('views.open')).toBeLessThan(methods.indexOf('users.info'));
    expect(textOf(h.lastView().view)).toContain('Alice Example');
  });
});
