import { FAKE, type Harness, startHarness, textOf } from '../support/harness';

const ALICE = 'W0ALICE001';
const BOB = 'W0BOB00001';
const HOME = 'T0TEAM0001';
const OTHER = 'T0TEAM0002';
const WEB = { device_hardware: 'Chrome', os: 'Mac OS X', ip: '198.51.100.7' };

/** Proof that it worked: after the sign-outs, what Slack's session list shows, in every workspace of the person. */
describe('checking afterwards', () => {
  let h: Harness;
  const start = async (env: Record<string, string> = {}) => {
    h = await startHarness(
      { VERIFY_AFTER_RESET: 'true', AUDIT_CHANNEL_ID: 'C0AUDIT001', ...env },
      {
        setup: (fake) => {
          // Alice belongs to two workspaces of the organization, with a phone and a browser signed in.
          fake.addUser({ id: ALICE, real_name: 'Alice Example', enterprise_user: { teams: [HOME, OTHER] } });
          fake.addUser({ id: BOB, real_name: 'Bob Example', team_id: HOME });
          fake.addSession(ALICE, 1001);
          fake.addSession(ALICE, 1002, WEB, undefined, OTHER);
          fake.addSession(BOB, 2001);
        },
      },
    );
  };
  afterEach(() => h.stop());
  const lists = () => h.fake.callsTo('admin.users.session.list').map((c) => [c.token, c.args.user_id, c.args.team_id]);
  const lastMessage = async (count: number) => {
    await h.fake.waitForResponses(count);
    return String(h.fake.responses.at(-1)?.body.text);
  };

  it('lists every workspace of each person after the resets, and says verified when nothing is left', async () => {
    await start();
    await h.command('/reset-sessions', `<@${ALICE}> <@${BOB}>`);
    await h.submit(h.lastView());
    // The resets come first, every one of them; the checks follow.
    const methods = h.fake.adminCalls().map((c) => c.method);
    expect(methods.slice(0, 2)).toEqual(['admin.users.session.reset', 'admin.users.session.reset']);
    expect(lists()).toEqual([
      [FAKE.adminToken, ALICE, HOME],
      [FAKE.adminToken, ALICE, OTHER],
      [FAKE.adminToken, BOB, HOME],
    ]);
    expect(textOf(h.lastView().view)).toContain('Checking with Slack’s session list what is left');
    const said = await lastMessage(2);
    expect(said).toContain(`<@${ALICE}>: *verified*: no active session left (2 workspaces checked).`);
    expect(said).toContain(`<@${BOB}>: *verified*: no active session left (1 workspace checked).`);
    expect(h.audit.at(-1)).toMatchObject({
      outcome: 'verified',
      targets: [
        { userId: ALICE, result: 'done' },
        { userId: BOB, result: 'done' },
      ],
    });
    const post = h.fake.callsTo('chat.postMessage').at(-1);
    expect(String(post?.args.text)).toContain(`<@${ALICE}>: verified`);
  });

  it('shows what is still listed, with device and IP, when a session survives the reset', async () => {
    await start();
    // Slack says ok but the browser session is still listed afterwards.
    h.fake.on('admin.users.session.reset', () => ({ body: { ok: true } }));
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    expect(textOf(h.lastView().view)).toContain('Signed out 1 of 1 person');
    const said = await lastMessage(2);
    expect(said).toContain(`<@${ALICE}>: *2 sessions still listed*`);
    expect(said).toContain('Chrome · Mac OS X 17.1 · Slack 24.01 · IP 198.51.100.7 (session 1002, `T0TEAM0002`)');
    expect(said).toContain('iPhone · iOS 17.1 · Slack 24.01 · IP 203.0.113.5 (session 1001, `T0TEAM0001`)');
    expect(h.audit.at(-1)?.targets).toEqual([{ userId: ALICE, result: 'failed', error: 'still_listed' }]);
  });

  it('after a mobile-only reset, lists what remains without calling it a failure', async () => {
    await start();
    await h.command('/reset-sessions', `<@${ALICE}> --mobile`);
    await h.submit(h.lastView());
    const said = await lastMessage(2);
    expect(said).toContain(
      `<@${ALICE}>: *1 session still listed*: Chrome · Mac OS X 17.1 · Slack 24.01 · IP 198.51.100.7`,
    );
    expect(said).toContain('A reset of mobile sessions only leaves the others');
    expect(h.audit.at(-1)?.targets).toEqual([{ userId: ALICE, result: 'unknown', error: 'other_sessions_listed' }]);
  });

  it('never calls a person verified, nor shows a tick, beside a workspace that could not be listed', async () => {
    await start();
    h.fake.on('admin.users.session.list', (c) =>
      c.args.team_id === OTHER ? { body: { ok: false, error: 'team_not_found' } } : undefined,
    );
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    const said = await lastMessage(2);
    expect(said).toContain(`:warning: <@${ALICE}>: *not verified*: workspace \`T0TEAM0002\` could not be listed (`);
    expect(said).toContain('Nothing is listed in the 1 workspace checked.');
    expect(said).not.toContain('*verified*');
    expect(said).not.toContain(':white_check_mark:');
    expect(h.audit.at(-1)?.targets).toEqual([{ userId: ALICE, result: 'unknown', error: 'team_not_found' }]);
  });

  it('waits out a 429 on the list, and the resets never wait for the checks', async () => {
    await start();
    let limited = false;
    h.fake.on('admin.users.session.list', () => {
      if (limited) return undefined;
      limited = true;
      return { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } };
    });
    await h.command('/reset-sessions', `<@${ALICE}> <@${BOB}>`);
    await h.submit(h.lastView());
    const calls = h.fake.adminCalls().map((c) => c.method);
    expect(calls.lastIndexOf('admin.users.session.reset')).toBeLessThan(calls.indexOf('admin.users.session.list'));
    const said = await lastMessage(2);
    expect(said).toContain(`<@${ALICE}>: *verified*`);
    expect(said).toContain(`<@${BOB}>: *verified*`);
  });

  it('checks that an ended session is gone from the list', async () => {
    await start();
    await h.command('/invalidate-session', `<@${BOB}> 2001`);
    await h.submit(h.lastView());
    const said = await lastMessage(2);
    expect(said).toContain(`Session 2001 of <@${BOB}>: *gone* from the list.`);
    expect(h.audit.at(-1)).toMatchObject({
      outcome: 'verified',
      targets: [{ userId: BOB, teamId: HOME, sessionId: 2001, result: 'done' }],
    });
  });

  it('signs out a group of 40 person by person, and verifies each one', async () => {
    const forty = Array.from({ length: 40 }, (_, i) => `W0FORTY${String(i + 1).padStart(3, '0')}`);
    h = await startHarness(
      { VERIFY_AFTER_RESET: 'true', MAX_TARGETS: '50' },
      {
        setup: (fake) => {
          for (const id of forty) {
            fake.addUser({ id, real_name: `Person ${id}`, team_id: HOME });
            fake.addSession(id, 5000 + forty.indexOf(id));
          }
          fake.groups.set('S0FORTY001', forty);
        },
      },
    );
    await h.command('/reset-sessions', '<!subteam^S0FORTY001|@wave>');
    expect(textOf(h.lastView().view)).toContain('Sign out 40 people from all their sessions?');
    await h.submit(h.lastView());
    const resets = h.fake.callsTo('admin.users.session.reset').map((c) => c.args.user_id);
    expect(resets.sort()).toEqual([...forty].sort());
    expect(lists()).toHaveLength(40);
    const said = await lastMessage(2);
    expect(said.match(/\*verified\*: no active session left \(1 workspace checked\)/g)).toHaveLength(40);
    expect(h.audit.at(-1)?.targets.every((t) => t.result === 'done')).toBe(true);
  });

  it('checks nothing with VERIFY_AFTER_RESET=false, nor in a dry run', async () => {
    await start({ VERIFY_AFTER_RESET: 'false' });
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    expect(lists()).toEqual([]);
    expect(textOf(h.lastView().view)).not.toContain('Checking with');
    await h.stop();
    await start({ DRY_RUN: 'true' });
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    expect(lists()).toEqual([]);
  });
});
