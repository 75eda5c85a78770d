import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  type WebClient,
} from '@slack/web-api';
import { RATE_TIERS, RatePacer } from '../../../src/adapters/rate-tiers';
import { type CallPolicy, slackCall } from '../../../src/adapters/slack-call';
import type { WaitNotice } from '../../../src/ports/slack';

const RESET = 'admin.users.session.reset';

/**
 * A clock that moves only when the code under test sleeps, and sleeps the test can hold: every wait is exact, and a
 * second call can be started while the first one waits.
 */
function setup({ hold = false, scale = 1 }: { hold?: boolean; scale?: number } = {}) {
  const apiCall = jest.fn<Promise<unknown>, [string, Record<string, unknown>?]>();
  const client = { apiCall } as unknown as WebClient;
  let clock = 0;
  const sleeps: { ms: number; wake(): void }[] = [];
  const sleep = jest.fn((ms: number) => {
    const start = clock;
    return new Promise<void>((resolve) => {
      const wake = () => {
        clock = Math.max(clock, start + ms);
        resolve();
      };
      sleeps.push({ ms, wake });
      if (!hold) wake();
    });
  });
  const stop = new AbortController();
  const pacer = new RatePacer(scale, () => clock);
  const call = slackCall({ pacer, sleep, random: () => 0.5 });
  const notices: WaitNotice[] = [];
  const policy = (over: Partial<CallPolicy> = {}): CallPolicy => ({
    attempts: 3,
    budgetMs: 60_000,
    onWait: (n) => notices.push(n),
    stopSignal: stop.signal,
    ...over,
  });
  const reset = (user: string, over: Partial<CallPolicy> = {}) => call(client, RESET, { user_id: user }, policy(over));
  return { apiCall, client, call, sleep, sleeps, notices, policy, reset, stop, now: () => clock };
}

const flush = () => new Promise((r) => setImmediate(r));
const slept = (sleep: jest.Mock) => sleep.mock.calls.map(([ms]) => ms as number);

describe('a 429 is Slack saying wait, never no', () => {
  it('waits Retry-After and tries again, once', async () => {
    const { apiCall, sleep, reset, notices } = setup();
    apiCall.mockRejectedValueOnce(new WebAPIRateLimitedError(7)).mockResolvedValueOnce({ ok: true });
    await expect(reset('W1')).resolves.toEqual({ ok: true, data: { ok: true } });
    expect(apiCall).toHaveBeenCalledTimes(2);
    expect(slept(sleep)).toEqual([7000]);
    expect(notices).toEqual([{ method: RESET, code: 'ratelimited', waitMs: 7000 }]);
  });

  it('keeps trying for as long as the budget allows, not a fixed number of attempts', async () => {
    const { apiCall, sleep, reset } = setup();
    apiCall.mockRejectedValue(new WebAPIRateLimitedError(1));
    const answer = await reset('W1', { attempts: 3, budgetMs: 5_000 });
    expect(answer).toMatchObject({ ok: false, failure: { code: 'ratelimited', uncertain: false } });
    // Five waits of 1 s fit 5 s; a sixth would not.
    expect(apiCall).toHaveBeenCalledTimes(6);
    expect(slept(sleep)).toEqual([1000, 1000, 1000, 1000, 1000]);
  });

  it('gives up at once when Retry-After alone is past the budget', async () => {
    const { apiCall, sleep, reset } = setup();
    apiCall.mockRejectedValue(new WebAPIRateLimitedError(60));
    await expect(reset('W1', { budgetMs: 5_000 })).resolves.toMatchObject({ ok: false });
    expect(apiCall).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('holds every call to the method while one waits out its 429, and tells each of them', async () => {
    const { apiCall, sleeps, reset, notices } = setup({ hold: true });
    apiCall.mockRejectedValueOnce(new WebAPIRateLimitedError(5)).mockResolvedValue({ ok: true });
    const alice = reset('W0ALICE01');
    await flush();
    const bob = reset('W0BOB0001');
    await flush();
    // Bob's call waits out Alice's Retry-After before it goes, instead of earning a 429 of its own.
    expect(apiCall).toHaveBeenCalledTimes(1);
    expect(sleeps.map((s) => s.ms)).toEqual([5000, 5000]);
    expect(notices.map((n) => n.code)).toEqual(['ratelimited', 'ratelimited']);
    for (const s of sleeps) s.wake();
    await Promise.all([alice, bob]);
    expect(apiCall).toHaveBeenCalledTimes(3);
  });

  it('a call waiting on another one’s 429 does not spend its own budget', async () => {
    const { apiCall, sleeps, reset } = setup({ hold: true });
    apiCall.mockRejectedValueOnce(new WebAPIRateLimitedError(30)).mockResolvedValue({ ok: true });
    const alice = reset('W0ALICE01', { budgetMs: 30_000 });
    await flush();
    const bob = reset('W0BOB0001', { budgetMs: 1_000 });
    await flush();
    for (const s of sleeps) s.wake();
    await expect(bob).resolves.toMatchObject({ ok: true });
    await expect(alice).resolves.toMatchObject({ ok: true });
  });

  it('treats a 429 without a usable Retry-After as a wait of a second', async () => {
    const { apiCall, sleep, reset } = setup();
    apiCall.mockRejectedValueOnce(new Error('Retry header did not contain a valid timeout')).mockResolvedValue({});
    await expect(reset('W1')).resolves.toMatchObject({ ok: true });
    expect(slept(sleep)).toEqual([1000]);
  });
});

describe('failures that may have taken effect', () => {
  it.each([
    ['an internal_error answer', new WebAPIPlatformError({ ok: false, error: 'internal_error' }), 'internal_error'],
    ['HTTP 503', new WebAPIHTTPError(503, 'Service Unavailable', {}), 'slack_server_error'],
    ['a timeout', new WebAPIRequestError(Object.assign(new Error('t'), { name: 'TimeoutError' })), 'timeout'],
    ['a network error', new WebAPIRequestError(new TypeError('fetch failed')), 'network_error'],
    ['an unexpected error', new Error('boom'), 'unexpected_error'],
  ])('retries %s with exponential backoff, `attempts` times in all', async (_name, error, code) => {
    const { apiCall, sleep, reset, notices } = setup();
    apiCall.mockRejectedValue(error);
    await expect(reset('W1', { attempts: 3 })).resolves.toEqual({
      ok: false,
      failure: { code, uncertain: true },
      afterUncertain: true,
    });
    expect(apiCall).toHaveBeenCalledTimes(3);
    expect(slept(sleep)).toEqual([1000, 2000]);
    expect(notices.map((n) => n.code)).toEqual([code, code]);
  });

  it('never repeats such a call when attempts is 1 (a message must not be posted twice)', async () => {
    const { apiCall, reset } = setup();
    apiCall.mockRejectedValue(new WebAPIHTTPError(502, 'Bad Gateway', {}));
    await expect(reset('W1', { attempts: 1 })).resolves.toMatchObject({ ok: false, afterUncertain: false });
    expect(apiCall).toHaveBeenCalledTimes(1);
  });

  it('never retries an answer that says what happened', async () => {
    const { apiCall, sleep, reset } = setup();
    apiCall.mockRejectedValue(new WebAPIPlatformError({ ok: false, error: 'user_session_reset_failed' }));
    await expect(reset('W1', { attempts: 5 })).resolves.toMatchObject({
      ok: false,
      failure: { code: 'user_session_reset_failed', uncertain: false },
    });
    expect(apiCall).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });
});

describe('pacing to the tier', () => {
  it('sends a Tier 2 method’s 20 calls at once, then waits for the window before the 21st', async () => {
    const { apiCall, sleep, reset, notices } = setup();
    apiCall.mockResolvedValue({ ok: true });
    await Promise.all(Array.from({ length: 21 }, (_, i) => reset(`W${i}`)));
    expect(apiCall).toHaveBeenCalledTimes(21);
    const waits = slept(sleep);
    expect(waits).toHaveLength(1);
    // A minute, and a margin for calls that leave late.
    expect(waits[0]).toBeGreaterThanOrEqual(60_000);
    expect(waits[0]).toBeLessThan(62_000);
    expect(notices).toEqual([{ method: RESET, code: 'paced', waitMs: waits[0] }]);
  });

  it('paces each method on its own: a reset never waits for a list', async () => {
    const { apiCall, sleep, call, client, policy } = setup();
    apiCall.mockResolvedValue({ ok: true });
    const lists = Array.from({ length: 20 }, () =>
      call(client, 'admin.users.session.list', { user_id: 'W1', team_id: 'T1' }, policy()),
    );
    await Promise.all([...lists, call(client, RESET, { user_id: 'W1' }, policy())]);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('paces chat.postMessage per channel, about one a second', async () => {
    const { apiCall, sleep, call, client, policy } = setup();
    apiCall.mockResolvedValue({ ok: true, ts: '1.1' });
    const post = (channel: string) => call(client, 'chat.postMessage', { channel, text: 'x' }, policy());
    await Promise.all([post('C1'), post('C1'), post('W0DM00001')]);
    expect(slept(sleep)).toHaveLength(1);
    expect(slept(sleep)[0]).toBeGreaterThanOrEqual(1000);
  });

  it('does not send a call whose turn is further off than it may wait (views.open in its trigger window)', async () => {
    const { apiCall, call, client, policy } = setup();
    apiCall.mockResolvedValue({ ok: true });
    const open = () => call(client, 'views.open', { trigger_id: 't' }, policy({ maxQueueMs: 1500 }));
    await Promise.all(Array.from({ length: 100 }, open));
    await expect(open()).resolves.toMatchObject({ ok: false, failure: { code: 'ratelimited' } });
    expect(apiCall).toHaveBeenCalledTimes(100);
  });

  it('never paces a method Slack does not tier (auth.test)', async () => {
    const { apiCall, sleep, call, client, policy } = setup();
    apiCall.mockResolvedValue({ ok: true });
    await Promise.all(Array.from({ length: 500 }, () => call(client, 'auth.test', {}, policy())));
    expect(sleep).not.toHaveBeenCalled();
  });

  it('names a tier for every method the app calls', () => {
    for (const method of [
      'admin.users.session.reset',
      'admin.users.session.resetBulk',
      'admin.users.session.invalidate',
      'admin.users.session.list',
      'users.info',
      'users.lookupByEmail',
      'users.list',
      'usergroups.users.list',
      'views.open',
      'views.update',
      'views.publish',
      'chat.postMessage',
      'chat.update',
    ]) {
      expect(RATE_TIERS[method]).toBeDefined();
    }
  });
});

describe('stopping', () => {
  it('sends nothing new once the app is stopping, and says so', async () => {
    const { apiCall, reset, stop } = setup();
    stop.abort();
    await expect(reset('W1')).resolves.toMatchObject({ ok: false, failure: { code: 'shutting_down' } });
    expect(apiCall).not.toHaveBeenCalled();
  });

  it('ends a wait for a retry at once when the app stops, without sending', async () => {
    const { apiCall, reset, stop, sleeps } = setup({ hold: true });
    apiCall.mockRejectedValue(new WebAPIRateLimitedError(30));
    const pending = reset('W1');
    await flush();
    stop.abort();
    for (const s of sleeps) s.wake();
    await expect(pending).resolves.toMatchObject({ ok: false, failure: { code: 'shutting_down' } });
    expect(apiCall).toHaveBeenCalledTimes(1);
  });
});
