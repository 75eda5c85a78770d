import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRequestError, type WebClient } from '@slack/web-api';
import { RatePacer } from '../../../src/adapters/rate-tiers';
import { createAdminApi } from '../../../src/adapters/slack-admin-api';
import { slackCall } from '../../../src/adapters/slack-call';

const ALICE = 'W0ALICE0001';
const TEAM = 'T0123ABCDE';

/** A WebClient stand-in: only apiCall is used. */
function stubClient() {
  const apiCall = jest.fn<Promise<unknown>, [string, Record<string, unknown>?]>();
  return { apiCall, client: { apiCall } as unknown as WebClient };
}

function setup(options: { maxAttempts?: number; budgetMs?: number } = {}) {
  const { apiCall, client } = stubClient();
  let clock = 0;
  const sleep = jest.fn(async (ms: number) => {
    clock += ms;
  });
  // random() = 0.5 makes the jitter factor exactly 1: waits of 1 s, 2 s, 4 s…
  const call = slackCall({ pacer: new RatePacer(1, () => clock), sleep, random: () => 0.5 });
  const api = createAdminApi(client, { ...options, call });
  return { apiCall, sleep, api };
}

const platform = (error: string) => new WebAPIPlatformError({ ok: false, error });

const item = (sessionId: unknown, over: Record<string, unknown> = {}) => ({
  session_id: sessionId,
  team_id: TEAM,
  user_id: ALICE,
  created: {
    device_hardware: 'iPhone',
    os: 'iOS',
    os_version: '17.1',
    slack_client_version: '23.10.10',
    ip: '203.0.113.5',
  },
  ...over,
});
const page = (items: unknown[], nextCursor?: string) => ({
  ok: true,
  active_sessions: items,
  response_metadata: { next_cursor: nextCursor ?? '' },
});

describe('resetSessions', () => {
  it.each([
    ['all', { user_id: ALICE }],
    ['mobile', { user_id: ALICE, mobile_only: true }],
    ['web', { user_id: ALICE, web_only: true }],
  ] as const)('scope %s sends %j and nothing else', async (scope, args) => {
    const { api, apiCall } = setup();
    apiCall.mockResolvedValue({ ok: true });
    await expect(api.resetSessions(ALICE, scope)).resolves.toEqual({ ok: true });
    expect(apiCall).toHaveBeenCalledTimes(1);
    expect(apiCall).toHaveBeenCalledWith('admin.users.session.reset', args);
    const sent = apiCall.mock.calls[0]?.[1] ?? {};
    expect(sent.mobile_only && sent.web_only).toBeFalsy();
  });

  it('reports a platform error as not done, with its code', async () => {
    const { api, apiCall } = setup();
    apiCall.mockRejectedValue(platform('cannot_reset_primary_owner'));
    await expect(api.resetSessions(ALICE, 'all')).resolves.toEqual({
      ok: false,
      code: 'cannot_reset_primary_owner',
      uncertain: false,
    });
  });
});

describe('invalidateSession', () => {
  it('sends session_id as a number, with user_id and team_id', async () => {
    const { api, apiCall } = setup();
    apiCall.mockResolvedValue({ ok: true });
    await expect(
      api.invalidateSession({ userId: ALICE, teamId: TEAM, sessionId: 999_999_999_999_999 }),
    ).resolves.toEqual({
      ok: true,
    });
    expect(apiCall).toHaveBeenCalledWith('admin.users.session.invalidate', {
      session_id: 999_999_999_999_999,
      user_id: ALICE,
      team_id: TEAM,
    });
    expect(typeof apiCall.mock.calls[0]?.[1]?.session_id).toBe('number');
  });

  it('reports a timeout as unknown, not as failed', async () => {
    const { api, apiCall } = setup();
    apiCall.mockRejectedValue(new WebAPIRequestError(Object.assign(new Error('t'), { name: 'TimeoutError' })));
    await expect(api.invalidateSession({ userId: ALICE, teamId: TEAM, sessionId: 1 })).resolves.toEqual({
      ok: false,
      code: 'timeout',
      uncertain: true,
    });
  });
});

describe('what a retry means for an admin call', () => {
  it('stops retrying once a success comes back, and never repeats it', async () => {
    const { api, apiCall } = setup({ maxAttempts: 5 });
    apiCall.mockRejectedValueOnce(new WebAPIHTTPError(502, 'Bad Gateway', {})).mockResolvedValue({ ok: true });
    await expect(api.resetSessions(ALICE, 'all')).resolves.toEqual({ ok: true });
    expect(apiCall).toHaveBeenCalledTimes(2);
  });

  it('calls an invalidate done when the retry finds the session already gone after a timeout', async () => {
    const { api, apiCall } = setup();
    apiCall
      .mockRejectedValueOnce(new WebAPIRequestError(Object.assign(new Error('t'), { name: 'TimeoutError' })))
      .mockRejectedValueOnce(platform('session_not_found'));
    await expect(api.invalidateSession({ userId: ALICE, teamId: TEAM, sessionId: 1 })).resolves.toEqual({ ok: true });
  });

  it('keeps session_not_found a plain failure when no earlier attempt could have ended it', async () => {
    const { api, apiCall } = setup();
    apiCall.mockRejectedValue(platform('session_not_found'));
    await expect(api.invalidateSession({ userId: ALICE, teamId: TEAM, sessionId: 1 })).resolves.toEqual({
      ok: false,
      code: 'session_not_found',
      uncertain: false,
    });
    expect(apiCall).toHaveBeenCalledTimes(1);
  });

  it('reports a certain error after an uncertain attempt as unknown, since the first may have worked', async () => {
    const { api, apiCall } = setup();
    apiCall
      .mockRejectedValueOnce(new WebAPIHTTPError(500, 'Internal', {}))
      .mockRejectedValueOnce(platform('user_session_reset_failed'));
    await expect(api.resetSessions(ALICE, 'all')).resolves.toEqual({
      ok: false,
      code: 'user_session_reset_failed',
      uncertain: true,
    });
  });

  it('a call rejected with undefined still resolves to an uncertain outcome', async () => {
    const { api, apiCall } = setup();
    apiCall.mockRejectedValue(undefined);
    await expect(api.resetSessions(ALICE, 'all')).resolves.toEqual({
      ok: false,
      code: 'unexpected_error',
      uncertain: true,
    });
  });
});

describe('listSessions', () => {
  it('asks for the user in the team and reads the sessions', async () => {
    const { api, apiCall } = setup();
    apiCall.mockResolvedValue(page([item(123, { recent: { ip: '198.51.100.7' } })]));
    await expect(api.listSessions(ALICE, TEAM)).resolves.toEqual({
      ok: true,
      truncated: false,
      unreadable: 0,
      sessions: [
        {
          sessionId: 123,
          teamId: TEAM,
          userId: ALICE,
          created: {
            deviceHardware: 'iPhone',
            os: 'iOS',
            osVersion: '17.1',
            slackClientVersion: '23.10.10',
            ip: '203.0.113.5',
          },
          recent: { ip: '198.51.100.7' },
        },
      ],
    });
    expect(apiCall).toHaveBeenCalledWith('admin.users.session.list', { user_id: ALICE, team_id: TEAM, limit: 200 });
  });

  it('follows next_cursor across pages', async () => {
    const { api, apiCall } = setup();
    apiCall
      .mockResolvedValueOnce(page([item(1), item(2)], 'c2'))
      .mockResolvedValueOnce(page([item(3)], 'c3'))
      .mockResolvedValueOnce(page([item(4)]));
    const result = await api.listSessions(ALICE, TEAM);
    expect(result).toMatchObject({ ok: true, truncated: false });
    expect(result.ok && result.sessions.map((s) => s.sessionId)).toEqual([1, 2, 3, 4]);
    expect(apiCall.mock.calls.map((c) => c[1]?.cursor)).toEqual([undefined, 'c2', 'c3']);
  });

  it('stops when Slack hands back the cursor it was just given', async () => {
    const { api, apiCall } = setup();
    apiCall.mockResolvedValueOnce(page([item(1)], 'c2')).mockResolvedValue(page([item(2)], 'c2'));
    const result = await api.listSessions(ALICE, TEAM);
    expect(apiCall).toHaveBeenCalledTimes(2);
    expect(result.ok && result.sessions.map((s) => s.sessionId)).toEqual([1, 2]);
  });

  // BUG (src/slack/admin-api.ts:96): the loop only compares next_cursor with the cursor of the page just fetched
  // (`next !== cursor`), so a cursor that comes back two pages later (A -> B -> A -> B …) is followed for ever.
  // With empty pages the loop never ends (sessions never reach MAX_SESSIONS); with non-empty pages it re-lists the
  // same sessions until 1000 are collected. The stub below stops answering after 20 calls so the test ends.
  it('stops on a cursor it has already followed, not only the last one (A, B, A)', async () => {
    const { api, apiCall } = setup();
    let calls = 0;
    apiCall.mockImplementation(async (_method, args) => {
      if (++calls > 20) throw platform('invalid_cursor');
      return page([], args?.cursor === 'A' ? 'B' : 'A');
    });
    const result = await api.listSessions(ALICE, TEAM);
    expect(apiCall.mock.calls.length).toBeLessThanOrEqual(3);
    expect(result).toEqual({ ok: true, sessions: [], truncated: false, unreadable: 0 });
  });

  it('treats no_active_sessions as an empty list', async () => {
    const { api, apiCall } = setup();
    apiCall.mockRejectedValue(platform('no_active_sessions'));
    await expect(api.listSessions(ALICE, TEAM)).resolves.toEqual({
      ok: true,
      sessions: [],
      truncated: false,
      unreadable: 0,
    });
  });

  it('reports other errors by code', async () => {
    const { api, apiCall } = setup();
    apiCall.mockRejectedValue(platform('bots_not_allowed'));
    await expect(api.listSessions(ALICE, TEAM)).resolves.toEqual({ ok: false, code: 'bots_not_allowed' });
  });

  it('fails as a whole when a later page fails, rather than returning a partial list as complete', async () => {
    const { api, apiCall } = setup();
    apiCall.mockResolvedValueOnce(page([item(1)], 'c2')).mockRejectedValueOnce(platform('invalid_cursor'));
    await expect(api.listSessions(ALICE, TEAM)).resolves.toEqual({ ok: false, code: 'invalid_cursor' });
  });

  it('skips malformed items and reads a numeric-string session id', async () => {
    const { api, apiCall } = setup();
    apiCall.mockResolvedValue(
      page([
        item('42'),
        item(0),
        item(-3),
        item(1.5),
        item('12x'),
        item(Number.MAX_SAFE_INTEGER + 2),
        item(7, { team_id: undefined }),
        item(8, { user_id: 5 }),
        null,
        'junk',
        item(9, { created: 'junk' }),
      ]),
    );
    const result = await api.listSessions(ALICE, TEAM);
    expect(result.ok && result.sessions.map((s) => s.sessionId)).toEqual([42, 9]);
    expect(result.ok && result.sessions[1]?.created).toEqual({});
  });

  it('tolerates a page without active_sessions or response_metadata', async () => {
    const { api, apiCall } = setup();
    apiCall.mockResolvedValue({ ok: true });
    await expect(api.listSessions(ALICE, TEAM)).resolves.toEqual({
      ok: true,
      sessions: [],
      truncated: false,
      unreadable: 0,
    });
  });

  it('stops at 1000 sessions and says the list is truncated', async () => {
    const { api, apiCall } = setup();
    let n = 0;
    apiCall.mockImplementation(async () => {
      const items = Array.from({ length: 200 }, () => item(++n));
      return page(items, `c${n}`);
    });
    const result = await api.listSessions(ALICE, TEAM);
    expect(apiCall).toHaveBeenCalledTimes(5);
    expect(result).toMatchObject({ ok: true, truncated: true });
    expect(result.ok && result.sessions).toHaveLength(1000);
  });
});

describe('what Slack lists is checked against what was asked', () => {
  it('never takes a session listed for someone else, nor one of a malformed workspace, and counts them unreadable', async () => {
    const { api, apiCall } = setup();
    apiCall.mockResolvedValue(page([item(1), item(2, { user_id: 'W0MALLORY01' }), item(3, { team_id: 'T<!here>' })]));
    const result = await api.listSessions(ALICE, TEAM);
    expect(result.ok && result.sessions.map((s) => s.sessionId)).toEqual([1]);
    expect(result.ok && result.unreadable).toBe(2);
  });
});

describe('the session settings methods', () => {
  const BOB = 'W0BOB000001';

  it('getSettings reads each person asked about: their own settings, or on the default', async () => {
    const { api, apiCall } = setup();
    apiCall.mockResolvedValue({
      ok: true,
      session_settings: [
        { user_id: ALICE, duration: 28_800, desktop_app_browser_quit: true },
        // Not asked about, or unreadable: never taken for anyone's settings.
        { user_id: 'W0STRANGER1', duration: 99_999 },
        { user_id: 'not an id', duration: 28_800 },
        'junk',
      ],
      no_settings_applied: [BOB, 'W0STRANGER2', 42],
    });
    const read = await api.getSessionSettings([ALICE, BOB, 'W0CAROL0001']);
    expect(apiCall).toHaveBeenCalledWith('admin.users.session.getSettings', {
      user_ids: [ALICE, BOB, 'W0CAROL0001'],
    });
    expect(read).toEqual({
      ok: true,
      settings: new Map([[ALICE, { duration: 28_800, quitEndsSession: true }]]),
      onDefault: new Set([BOB]),
    });
  });

  it('getSettings leaves out a setting it cannot read, and reports an error by code', async () => {
    const { api, apiCall } = setup();
    apiCall.mockResolvedValueOnce({
      ok: true,
      session_settings: [{ user_id: ALICE, duration: '8h', desktop_app_browser_quit: 'yes' }],
    });
    await expect(api.getSessionSettings([ALICE])).resolves.toEqual({
      ok: true,
      settings: new Map([[ALICE, {}]]),
      onDefault: new Set(),
    });
    apiCall.mockRejectedValueOnce(platform('not_an_admin'));
    await expect(api.getSessionSettings([ALICE])).resolves.toEqual({ ok: false, code: 'not_an_admin' });
  });

  it.each([
    [{ duration: 28_800 }, { duration: 28_800 }],
    [{ quitEndsSession: false }, { desktop_app_browser_quit: false }],
    [
      { duration: 604_800, quitEndsSession: true },
      { duration: 604_800, desktop_app_browser_quit: true },
    ],
  ])('setSettings sends %j as %j, with the people', async (settings, sent) => {
    const { api, apiCall } = setup();
    apiCall.mockResolvedValue({ ok: true });
    await expect(api.setSessionSettings([ALICE, BOB], settings)).resolves.toEqual({ ok: true });
    expect(apiCall).toHaveBeenCalledWith('admin.users.session.setSettings', { user_ids: [ALICE, BOB], ...sent });
  });

  it('clearSettings sends only the people', async () => {
    const { api, apiCall } = setup();
    apiCall.mockResolvedValue({ ok: true });
    await expect(api.clearSessionSettings([ALICE])).resolves.toEqual({ ok: true });
    expect(apiCall).toHaveBeenCalledWith('admin.users.session.clearSettings', { user_ids: [ALICE] });
  });

  it('calls unable_to_update_existing_sessions unknown: Slack does not say what it kept', async () => {
    const { api, apiCall } = setup();
    apiCall.mockRejectedValue(platform('unable_to_update_existing_sessions'));
    await expect(api.setSessionSettings([ALICE], { duration: 28_800 })).resolves.toEqual({
      ok: false,
      code: 'unable_to_update_existing_sessions',
      uncertain: true,
    });
    await expect(api.clearSessionSettings([ALICE])).resolves.toEqual({
      ok: false,
      code: 'unable_to_update_existing_sessions',
      uncertain: true,
    });
  });

  it('a refused setSettings is not done, with its code', async () => {
    const { api, apiCall } = setup();
    apiCall.mockRejectedValue(platform('at_least_one_session_setting_required'));
    await expect(api.setSessionSettings([ALICE], {})).resolves.toEqual({
      ok: false,
      code: 'at_least_one_session_setting_required',
      uncertain: false,
    });
  });
});
