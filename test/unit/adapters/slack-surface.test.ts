import type { ModalView } from '@slack/types';
import { WebAPIRateLimitedError, type WebClient } from '@slack/web-api';
import { RatePacer } from '../../../src/adapters/rate-tiers';
import { slackCall } from '../../../src/adapters/slack-call';
import { slackSurface } from '../../../src/adapters/slack-surface';
import { CapturingLogger } from '../../support/harness';

const VIEW: ModalView = { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks: [] };

function surfaceWith(apiCall: (method: string, args?: Record<string, unknown>) => Promise<unknown>) {
  const logger = new CapturingLogger();
  const mock = jest.fn(apiCall);
  let clock = 0;
  const call = slackCall({
    pacer: new RatePacer(1, () => clock),
    sleep: async (ms) => {
      clock += ms;
    },
  });
  const surface = slackSurface({ apiCall: mock } as unknown as WebClient, logger, {
    call,
    timeoutMs: 1000,
    fetch,
    lookupBudgetMs: 1000,
    isAllowedResponseUrl: (url) => url.startsWith('https://hooks.slack.com/'),
  });
  return { surface, logger, apiCall: mock };
}

describe('slackSurface', () => {
  it('returns the id of the modal Slack opened', async () => {
    const { surface } = surfaceWith(async () => ({ ok: true, view: { id: 'V0000000001' } }));
    expect(await surface.openModal('1337.1.abc', VIEW)).toEqual({ ok: true, viewId: 'V0000000001' });
  });

  it('calls an opened modal without an id a failure, since it could never be filled in', async () => {
    const { surface } = surfaceWith(async () => ({ ok: true }));
    expect(await surface.openModal('1337.1.abc', VIEW)).toEqual({ ok: false, code: 'no_view_id' });
  });

  it("turns Slack's refusal into its code and logs it", async () => {
    const refused = Object.assign(new Error('An API error occurred: expired_trigger_id'), {
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'expired_trigger_id' },
    });
    const { surface, logger } = surfaceWith(async () => Promise.reject(refused));
    expect(await surface.openModal('1337.1.abc', VIEW)).toEqual({ ok: false, code: 'expired_trigger_id' });
    expect(logger.lines).toEqual(['WARN views.open failed: expired_trigger_id']);
  });

  it('does not wait out a 429 on views.open: the trigger_id would expire meanwhile', async () => {
    const { surface, apiCall } = surfaceWith(async () => Promise.reject(new WebAPIRateLimitedError(2)));
    expect(await surface.openModal('1337.1.abc', VIEW)).toEqual({ ok: false, code: 'ratelimited' });
    expect(apiCall).toHaveBeenCalledTimes(1);
  });

  it('waits out a 429 on a result', async () => {
    let answers = 0;
    const { surface, apiCall } = surfaceWith(async () => {
      answers += 1;
      if (answers === 1) throw new WebAPIRateLimitedError(1);
      return { ok: true };
    });
    expect(await surface.updateModal('V1', VIEW)).toBe(true);
    expect(apiCall).toHaveBeenCalledTimes(2);
  });

  it('drops a progress line on a 429 instead, without a warning', async () => {
    const { surface, apiCall, logger } = surfaceWith(async () => Promise.reject(new WebAPIRateLimitedError(1)));
    expect(await surface.updateModal('V1', VIEW, { mayDrop: true })).toBe(false);
    expect(apiCall).toHaveBeenCalledTimes(1);
    expect(logger.lines).toEqual([]);
  });

  it('never posts a message twice after an answer that may have taken effect', async () => {
    const { surface, apiCall } = surfaceWith(async () =>
      Promise.reject(Object.assign(new Error('boom'), { code: 'slack_webapi_http_error', statusCode: 503 })),
    );
    expect(await surface.postMessage({ channel: 'C0123ABCDE', text: 'x' })).toEqual({
      ok: false,
      code: 'slack_server_error',
    });
    expect(apiCall).toHaveBeenCalledTimes(1);
  });
});

describe('the directory trusts the person it asked for, not the one Slack names', () => {
  it('refuses a users.info answer about someone else, and a lookupByEmail answer for another email', async () => {
    const { surface } = surfaceWith(async (method) =>
      method === 'users.info'
        ? { ok: true, user: { id: 'W0MALLORY01', real_name: 'Mallory' } }
        : { ok: true, user: { id: 'W0MALLORY01', profile: { email: 'mallory@example.com' } } },
    );
    expect(await surface.directory.userById('W0ALICE0001')).toEqual({ ok: false, code: 'unexpected_answer' });
    expect(await surface.directory.userByEmail('alice@example.com')).toEqual({ ok: false, code: 'unexpected_answer' });
  });
});

describe('the one reply path', () => {
  it('never posts to a response_url the policy refuses, and says so in the log', async () => {
    const { surface, logger } = surfaceWith(async () => ({ ok: true }));
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    expect(await surface.postEphemeral('https://evil.example/respond', 'history')).toBe(false);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(logger.lines).toEqual(['WARN a reply to a response_url outside Slack was not sent']);
    fetchSpy.mockRestore();
  });
});
