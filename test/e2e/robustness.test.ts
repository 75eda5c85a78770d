import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEAM_ID } from '../support/fake-slack';
import { FAKE, type Harness, startHarness, textOf } from '../support/harness';
import { formBody, postSigned } from '../support/signed-request';

const ALICE = 'W0ALICE001';
const people = (fake: Harness['fake']) => {
  fake.addUser({ id: ALICE, real_name: 'Alice Example' });
  fake.addSession(ALICE, 3001);
};

describe('requests at the edge', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({}, { setup: people });
  });
  afterEach(() => h.stop());
  const events = () => `${h.baseUrl}/slack/events`;
  const command = formBody({ command: '/reset-sessions', text: `<@${ALICE}>`, user_id: FAKE.admin, team_id: TEAM_ID });

  it('rejects a request dated more than five minutes in the future with 401', async () => {
    const answer = await postSigned(events(), command, {
      secret: FAKE.signingSecret,
      timestamp: Math.floor(Date.now() / 1000) + 6 * 60,
    });
    expect(answer.status).toBe(401);
    expect(h.fake.calls).toEqual([]);
  });

  it('accepts a correctly signed request with a little clock skew', async () => {
    const answer = await postSigned(events(), command, {
      secret: FAKE.signingSecret,
      timestamp: Math.floor(Date.now() / 1000) + 60,
    });
    expect(answer.status).toBe(200);
  });

  it('refuses an oversized body without a crash or a call', async () => {
    const huge = formBody({ command: '/reset-sessions', text: 'x'.repeat(2 * 1024 * 1024), user_id: FAKE.admin });
    const answer = await postSigned(events(), huge, { secret: FAKE.signingSecret });
    expect(answer.status).toBe(413);
    expect(h.fake.calls).toEqual([]);
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });

  it('answers over-long command text with a clear error and no call', async () => {
    const ack = await h.command('/reset-sessions', `<@${ALICE}> ${'y'.repeat(5000)}`);
    expect(String(ack.json?.text)).toContain('the most is 4000');
    expect(h.fake.calls).toEqual([]);
  });

  it('opens the picker with the scope already chosen for a flag alone', async () => {
    await h.command('/reset-sessions', '--mobile');
    const picker = h.lastView().view as {
      blocks: { block_id?: string; element?: { initial_option?: { value: string } } }[];
    };
    expect(picker.blocks.find((b) => b.block_id === 'scope')?.element?.initial_option?.value).toBe('mobile');
  });
});

describe('nothing twice', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ RESET_COOLDOWN_MINUTES: '0' }, { setup: people });
  });
  afterEach(() => h.stop());

  it('refuses a confirmation submitted a second time, calling Slack once', async () => {
    await h.command('/reset-sessions', `<@${ALICE}>`);
    const confirm = h.lastView();
    await h.submit(confirm);
    const again = await h.submit(confirm);
    expect(textOf(again.json)).toContain('already submitted or cancelled, so nothing was done');
    expect(h.fake.adminCalls()).toHaveLength(1);
  });

  it('runs a plan submitted twice at the same moment once', async () => {
    h.fake.on('admin.users.session.invalidate', () => ({ delayMs: 200, body: { ok: true } }));
    await h.command('/invalidate-session', `<@${ALICE}> 3001`);
    const confirm = h.lastView();
    const [a, b] = await Promise.all([h.submit(confirm), h.submit(confirm)]);
    expect([a.json?.response_action, b.json?.response_action]).toEqual(['update', 'update']);
    expect(h.fake.callsTo('admin.users.session.invalidate')).toHaveLength(1);
    expect(textOf([a.json, b.json])).toContain('already submitted or cancelled');
  });
});

describe('where results may go', () => {
  let other: Server;
  let received = 0;
  let h: Harness;
  beforeEach(async () => {
    other = createServer((req, res) => {
      received += 1;
      req.resume();
      res.end('ok');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    h = await startHarness({}, { setup: people });
  });
  afterEach(async () => {
    await h.stop();
    await new Promise((r) => other.close(r));
  });

  it('never posts to a response_url on another host, even a reachable one', async () => {
    const port = (other.address() as AddressInfo).port;
    await h.command('/reset-sessions', `<@${ALICE}>`, FAKE.admin, `http://localhost:${port}/collect`);
    await h.submit(h.lastView());
    expect(h.fake.adminCalls()).toHaveLength(1);
    expect(textOf(h.lastView().view)).toContain('Signed out 1 of 1 person');
    await h.fake.settle(100);
    expect(received).toBe(0);
  });
});

describe('the one reply path', () => {
  let h: Harness;
  let other: Server;
  let received = 0;
  const elsewhere = () => `http://localhost:${(other.address() as AddressInfo).port}/collect`;
  beforeEach(async () => {
    received = 0;
    other = createServer((req, res) => {
      received += 1;
      req.resume();
      res.end('ok');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    h = await startHarness(
      {},
      {
        setup: (fake) => {
          people(fake);
          fake.addUser({ id: 'W0NOSESS01', real_name: 'Nobody Signed In' });
        },
      },
    );
  });
  afterEach(async () => {
    await h.stop();
    await new Promise((r) => other.close(r));
  });

  it.each([
    ['history', '/reset-sessions', `history <@${ALICE}>`, FAKE.admin],
    ['"nobody can be signed out"', '/reset-sessions', '<@W0NOBODY01>', FAKE.admin],
    ['"no sessions"', '/invalidate-session', '<@W0NOSESS01>', FAKE.admin],
    ['usage help', '/reset-sessions', 'help', FAKE.admin],
  ])('sends %s nowhere but Slack when the payload names another host', async (_name, command, text, user) => {
    await h.command(command, text, user, elsewhere());
    await h.fake.settle(100);
    expect(received).toBe(0);
  });

  it.each([
    ['an admin’s Approve of a request that does not exist', FAKE.admin],
    ['a stranger’s click', FAKE.stranger],
  ])('never tells %s anywhere but Slack', async (_name, user) => {
    await h.click({ actionId: 'approval_approve', value: 'no-such-request', responseUrl: elsewhere() }, user);
    await h.fake.settle(100);
    expect(received).toBe(0);
  });
});

describe('start and stop', () => {
  it('refuses to start with an admin token that lacks the admin scopes', async () => {
    await expect(
      startHarness(
        {},
        {
          setup: (fake) =>
            fake.on('auth.test', ({ token }) =>
              token?.startsWith('xoxp-')
                ? { headers: { 'x-oauth-scopes': 'admin.users:read' }, body: { ok: true, user_id: 'W0OWNER001' } }
                : undefined,
            ),
        },
      ),
    ).rejects.toThrow('SLACK_ADMIN_TOKEN lacks admin.users:write');
  });

  it('on stop, lets a submitted plan finish and report before closing', async () => {
    const h = await startHarness({}, { processBeforeResponse: false, setup: people });
    h.fake.on('admin.users.session.reset', () => ({ delayMs: 400, body: { ok: true } }));
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.fake.waitFor('views.update');
    const ack = await h.submit(h.lastView());
    expect(ack.json?.response_action).toBe('update');
    await h.fake.waitFor('admin.users.session.reset');
    await h.stop();
    // The call that was under way completed, and its result still reached the admin and the record.
    expect(textOf(h.lastView().view)).toContain('Signed out 1 of 1 person');
    expect(h.audit.map((r) => r.outcome)).toEqual(['executed']);
  });
});

describe('stopping in the middle of a plan', () => {
  it('sends nothing new once stopping, reports the rest as not attempted, and finishes within the drain', async () => {
    const h = await startHarness(
      {},
      {
        processBeforeResponse: false,
        setup: (fake) => {
          for (const id of ['W0ALICE001', 'W0BOB00001', 'W0CAROL001']) fake.addUser({ id, real_name: id });
        },
      },
    );
    // Bob's reset is rate limited for 30 s: without the stop signal the plan would outlast any drain.
    h.fake.on('admin.users.session.reset', ({ args }) =>
      args.user_id === 'W0BOB00001' ? { status: 429, headers: { 'retry-after': '30' }, body: {} } : undefined,
    );
    try {
      await h.command('/reset-sessions', '<@W0ALICE001> <@W0BOB00001> <@W0CAROL001>');
      await h.fake.waitFor('views.update');
      await h.submit(h.lastView());
      await h.fake.waitFor('admin.users.session.reset', 3);
      const left = await h.running.stop(4000);
      expect(left).toBe(0);
      expect(h.fake.callsTo('admin.users.session.reset').map((c) => c.args.user_id)).toEqual([
        'W0ALICE001',
        'W0BOB00001',
        'W0CAROL001',
      ]);
      const result = textOf(h.lastView().view);
      expect(result).toContain('Signed out 2 of 3 people, 1 failed');
      expect(result).toContain('<@W0BOB00001>: *not done*. The app was stopping');
      expect(h.audit.at(-1)?.targets.find((t) => t.userId === 'W0BOB00001')?.error).toBe('shutting_down');
    } finally {
      await h.fake.stop();
    }
  });
});
