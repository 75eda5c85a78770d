import { FakeSlack, TEAM_ID } from '../support/fake-slack';
import { FAKE, type Harness, startHarness } from '../support/harness';

/** The fake Slack is as strict as Slack: a test that passes only because the fake is kind proves nothing. */
describe('the fake Slack behaves like Slack', () => {
  const fake = new FakeSlack();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  const call = async (method: string, args: Record<string, string>, token: string = FAKE.adminToken) => {
    const res = await fetch(`${fake.url}${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` },
      body: new URLSearchParams(args).toString(),
    });
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      body: (await res.json()) as Record<string, unknown>,
    };
  };

  it('answers 429 with Retry-After past a method’s tier, and counts per method', async () => {
    fake.addUser({ id: 'W0TIER0001' });
    const answers = await Promise.all(
      Array.from({ length: 21 }, () => call('admin.users.session.reset', { user_id: 'W0TIER0001' })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(20);
    const limited = answers.find((a) => a.status === 429);
    expect(Number(limited?.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(fake.limited.map((c) => c.method)).toEqual(['admin.users.session.reset']);
    // Another method has a budget of its own.
    expect((await call('admin.users.session.list', { user_id: 'W0TIER0001', team_id: TEAM_ID })).status).toBe(200);
  });

  it('refuses a view past Block Kit’s limits and a message with bad blocks, and cuts text at 40,000', async () => {
    const blocks = Array.from({ length: 101 }, () => ({ type: 'divider' }));
    const view = { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks };
    const opened = await call('views.open', { trigger_id: 't', view: JSON.stringify(view) }, FAKE.botToken);
    expect(opened.body).toMatchObject({ ok: false, error: 'invalid_arguments' });
    const posted = await call(
      'chat.postMessage',
      { channel: 'C0FAKE0001', text: 'x', blocks: JSON.stringify(blocks.slice(0, 51)) },
      FAKE.botToken,
    );
    expect(posted.body).toMatchObject({ ok: false, error: 'invalid_blocks' });
    await call('chat.postMessage', { channel: 'C0FAKE0002', text: `${'y'.repeat(45_000)}END` }, FAKE.botToken);
    const kept = fake.callsTo('chat.postMessage').at(-1)?.args.text ?? '';
    expect(kept).toHaveLength(40_000);
    expect(kept).not.toContain('END');
  });

  it('requires team_id for usergroups.users.list and users.list, as with an org-level token', async () => {
    fake.groups.set('S0GROUP0001', ['W0TIER0001']);
    expect((await call('usergroups.users.list', { usergroup: 'S0GROUP0001' }, FAKE.botToken)).body.ok).toBe(false);
    expect((await call('users.list', {}, FAKE.botToken)).body.ok).toBe(false);
    const listed = await call('usergroups.users.list', { usergroup: 'S0GROUP0001', team_id: TEAM_ID }, FAKE.botToken);
    expect(listed.body.users).toEqual(['W0TIER0001']);
  });

  it('may start users.list with an empty page that has a cursor', async () => {
    const first = await call('users.list', { team_id: TEAM_ID }, FAKE.botToken);
    expect(first.body.members).toEqual([]);
    const cursor = (first.body.response_metadata as { next_cursor: string }).next_cursor;
    expect(cursor).not.toBe('');
    const next = await call('users.list', { team_id: TEAM_ID, cursor }, FAKE.botToken);
    expect((next.body.members as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('plans that run together share the pace', () => {
  let h: Harness;
  const people = Array.from({ length: 50 }, (_, i) => `W0PACE${String(i).padStart(4, '0')}`);
  afterEach(() => h.stop());

  it('two confirmations submitted together, and their checks, keep to Tier 2: no 429, each person once, all verified', async () => {
    h = await startHarness(
      { MAX_TARGETS: '25', VERIFY_AFTER_RESET: 'true' },
      {
        setup: (fake) => {
          // Tier 2's minute as 2 s: room enough that a busy test machine never delays a call past the app's margin.
          fake.rateScale = 30;
          for (const id of people) {
            fake.addUser({ id, team_id: TEAM_ID });
            fake.addSession(id, 7000 + people.indexOf(id));
          }
        },
      },
    );
    const views = [];
    for (const half of [people.slice(0, 25), people.slice(25)]) {
      await h.command('/reset-sessions', half.map((id) => `<@${id}>`).join(' '));
      views.push(h.lastView());
    }
    await Promise.all(views.map((v) => h.submit(v)));
    // 50 resets and 50 lists, each method 20 a (scaled) window: a few windows, and not one call past the tier.
    await h.fake.waitFor('admin.users.session.list', 50, 30_000);
    await h.fake.waitForResponses(4, 10_000);
    expect(h.fake.limited).toEqual([]);
    const resets = h.fake.callsTo('admin.users.session.reset').map((c) => c.args.user_id);
    expect([...resets].sort()).toEqual([...people].sort());
    const checks = h.fake.responses.map((r) => String(r.body.text)).filter((t) => t.includes('Checked afterwards'));
    expect(checks.join('\n').match(/\*verified\*/g)).toHaveLength(50);
  }, 40_000);
});
