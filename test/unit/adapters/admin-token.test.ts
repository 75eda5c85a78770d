import type { WebClient } from '@slack/web-api';
import { AdminTokenWatch } from '../../../src/adapters/admin-token';
import { CapturingLogger } from '../../support/harness';

/** auth.test as Slack answers it: the owner and scopes, or an error web-api throws as a platform error. */
type Answer = { ok: true; scopes?: string[] } | { error: string } | 'timeout';

function watchWith(answers: Answer[]) {
  const logger = new CapturingLogger();
  const told: string[] = [];
  const client = {
    auth: {
      test: async () => {
        const answer = answers.shift() ?? { ok: true };
        if (answer === 'timeout') throw Object.assign(new Error('timed out'), { code: 'slack_webapi_request_error' });
        if ('error' in answer) {
          throw Object.assign(new Error(`An API error occurred: ${answer.error}`), {
            code: 'slack_webapi_platform_error',
            data: { ok: false, error: answer.error },
          });
        }
        return {
          ok: true,
          user_id: 'W0OWNER001',
          enterprise_id: 'E0ORG00001',
          response_metadata: { scopes: answer.scopes ?? ['admin.users:read', 'admin.users:write'] },
        };
      },
    },
  } as unknown as WebClient;
  const watch = new AdminTokenWatch(client, logger, async (problem) => {
    told.push(problem);
  });
  return { watch, logger, told };
}

describe('AdminTokenWatch', () => {
  it('learns the owner at start, and refuses to start on a refused or de-scoped token with a sentence', async () => {
    const ok = watchWith([{ ok: true }]);
    await ok.watch.checkAtStart();
    expect(ok.watch.ownerId).toBe('W0OWNER001');
    expect(ok.watch.valid).toBe(true);

    await expect(watchWith([{ error: 'invalid_auth' }]).watch.checkAtStart()).rejects.toThrow(
      /^SLACK_ADMIN_TOKEN was refused by Slack \(invalid_auth\)/,
    );
    await expect(watchWith([{ ok: true, scopes: ['admin.users:read'] }]).watch.checkAtStart()).rejects.toThrow(
      'SLACK_ADMIN_TOKEN lacks admin.users:write: add the user scopes and reinstall the app.',
    );
  });

  it('finds a token revoked since start at its next check, says so once, and says when it works again', async () => {
    const { watch, logger, told } = watchWith([{ ok: true }, { error: 'token_revoked' }, { error: 'token_revoked' }]);
    await watch.checkAtStart();
    await watch.recheck();
    await watch.recheck();
    expect(watch.valid).toBe(false);
    expect(watch.why).toMatch(/token_revoked/);
    expect(told).toHaveLength(1);
    expect(logger.lines.filter((l) => l.startsWith('ERROR') && l.includes('ADMIN TOKEN LOST'))).toHaveLength(1);

    await watch.recheck();
    expect(watch.valid).toBe(true);
    expect(logger.lines.at(-1)).toBe('WARN SLACK_ADMIN_TOKEN works again: sign-outs can go ahead');
  });

  it('finds scopes taken away since start', async () => {
    const { watch, told } = watchWith([{ ok: true }, { ok: true, scopes: [] }]);
    await watch.checkAtStart();
    await watch.recheck();
    expect(told).toEqual([
      'SLACK_ADMIN_TOKEN lacks admin.users:read and admin.users:write: add the user scopes and reinstall the app.',
    ]);
  });

  it('takes a timeout or an outage for what it is: nothing about the token', async () => {
    const { watch, told } = watchWith([{ ok: true }, 'timeout', { error: 'service_unavailable' }]);
    await watch.checkAtStart();
    await watch.recheck();
    await watch.recheck();
    expect(watch.valid).toBe(true);
    expect(told).toEqual([]);
  });

  it('acts at once on an admin call that says the token is gone, and on nothing else', async () => {
    const { watch, told } = watchWith([{ ok: true }]);
    await watch.checkAtStart();
    watch.heard('user_not_found');
    watch.heard('ratelimited');
    expect(watch.valid).toBe(true);
    watch.heard('invalid_auth');
    expect(watch.valid).toBe(false);
    await new Promise((r) => setImmediate(r));
    expect(told).toEqual([expect.stringContaining('invalid_auth')]);
  });

  it('keeps going when the audit channel cannot be told', async () => {
    const logger = new CapturingLogger();
    const client = { auth: { test: async () => ({ ok: true, user_id: 'W0OWNER001' }) } } as unknown as WebClient;
    const watch = new AdminTokenWatch(client, logger, async () => {
      throw new Error('chat.postMessage: not_in_channel');
    });
    watch.heard('token_revoked');
    await new Promise((r) => setImmediate(r));
    expect(watch.valid).toBe(false);
    expect(logger.lines.at(-1)).toContain('the audit channel was not told that the admin token was lost');
  });
});
