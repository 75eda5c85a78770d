import { type FakeUser, TEAM_ID } from '../support/fake-slack';
import { FAKE, type Harness, startHarness, textOf } from '../support/harness';

const ALICE = 'W0ALICE001';
const NOBODY = 'W0NOSESS01';

const pick = (...values: string[]) => ({
  sessions: {
    sessions_input: { type: 'checkboxes', selected_options: values.map((value) => ({ value, text: { text: value } })) },
  },
});

describe('/invalidate-session end to end', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(
      {},
      {
        setup: (fake) => {
          fake.addUser({ id: ALICE, real_name: 'Alice Example', profile: { email: 'alice@example.com' } });
          fake.addUser({ id: NOBODY, real_name: 'Quiet Person' });
          fake.addSession(ALICE, 1001, { device_hardware: 'iPhone', os: 'iOS', ip: '203.0.113.5' });
          fake.addSession(
            ALICE,
            1002,
            { device_hardware: 'Mac', os: 'macOS', ip: '198.51.100.7' },
            {
              device_hardware: 'Mac',
              os: 'macOS',
              ip: '192.0.2.66',
            },
          );
          fake.addSession(ALICE, 1003, { device_hardware: 'Pixel <!channel>', os: 'Android' });
        },
      },
    );
  });
  afterEach(() => h.stop());

  it('lists the active sessions with device, OS, version and IP, and ends the ones picked', async () => {
    const ack = await h.command('/invalidate-session', `<@${ALICE}|alice>`);
    expect(ack.text).toBe('');
    expect(h.fake.callsTo('admin.users.session.list').map((c) => [c.token, c.args.user_id, c.args.team_id])).toEqual([
      [FAKE.adminToken, ALICE, TEAM_ID],
    ]);
    expect(h.fake.callsTo('admin.users.session.invalidate')).toHaveLength(0);

    const confirm = h.lastView();
    const shown = textOf(confirm.view);
    expect(shown).toContain('Choose which of *Alice Example*');
    expect(shown).toContain('’s 3 sessions to end.');
    expect(shown).toContain('*Session 1001* · iPhone · iOS 17.1 · Slack 24.01 · IP 203.0.113.5');
    expect(shown).toContain('Changed since sign-in: Mac · macOS · IP 192.0.2.66');
    // Device names come from the person's device: inert in mrkdwn (option labels are plain text, shown literally).
    const mrkdwn = (confirm.view.blocks as { type: string; text?: { text: string } }[])
      .filter((b) => b.type === 'section')
      .map((b) => b.text?.text)
      .join('\n');
    expect(mrkdwn).toContain('Pixel &lt;!channel&gt;');
    expect(mrkdwn).not.toContain('<!channel>');
    const input = (confirm.view.blocks as { type: string; element?: { type: string; options: unknown[] } }[]).find(
      (b) => b.type === 'input' && b.element?.type === 'checkboxes',
    );
    expect(input?.element?.options).toHaveLength(3);

    await h.submit(confirm, pick(`${TEAM_ID}:1001`, `${TEAM_ID}:1003`));
    expect(h.fake.adminCalls().filter((c) => c.method === 'admin.users.session.invalidate')).toEqual([
      {
        method: 'admin.users.session.invalidate',
        token: FAKE.adminToken,
        args: { session_id: '1001', user_id: ALICE, team_id: TEAM_ID },
      },
      {
        method: 'admin.users.session.invalidate',
        token: FAKE.adminToken,
        args: { session_id: '1003', user_id: ALICE, team_id: TEAM_ID },
      },
    ]);
    expect(h.fake.sessions.get(ALICE)?.map((s) => s.session_id)).toEqual([1002]);
    const result = textOf(h.lastView().view);
    expect(result).toContain('Ended 2 of 2 sessions');
    expect(result).toContain(`Session 1001 of <@${ALICE}> ended`);
    await h.fake.waitForResponses(1);
    expect(h.audit[0]).toMatchObject({
      action: 'invalidate',
      targets: [
        { userId: ALICE, teamId: TEAM_ID, sessionId: 1001, result: 'done' },
        { userId: ALICE, teamId: TEAM_ID, sessionId: 1003, result: 'done' },
      ],
    });
  });

  it('confirms and ends one named session', async () => {
    await h.command('/invalidate-session', `alice@example.com 1002`);
    const confirm = h.lastView();
    expect(textOf(confirm.view)).toContain('End this session of *Alice Example*');
    expect(textOf(confirm.view)).toContain('*Session 1002*');
    expect(h.fake.callsTo('admin.users.session.invalidate')).toHaveLength(0);

    await h.submit(confirm);
    expect(h.fake.callsTo('admin.users.session.invalidate').map((c) => c.args)).toEqual([
      { session_id: '1002', user_id: ALICE, team_id: TEAM_ID },
    ]);
    expect(textOf(h.lastView().view)).toContain('Ended 1 of 1 session');
  });

  it('says so, and ends nothing, when the named session is not active', async () => {
    await h.command('/invalidate-session', `<@${ALICE}> 4242`);
    const view = h.lastView().view;
    expect(view.submit).toBeUndefined();
    expect(textOf(view)).toContain('has no active session 4242');
    expect(textOf(view)).toContain('1001, 1002, 1003');
    expect(h.fake.callsTo('admin.users.session.invalidate')).toHaveLength(0);
  });

  it('says so when the person has no active sessions', async () => {
    await h.command('/invalidate-session', `<@${NOBODY}>`);
    expect(textOf(h.lastView().view)).toContain('has no active sessions');
    expect(h.fake.callsTo('admin.users.session.invalidate')).toHaveLength(0);
  });

  it('reports a session that ended meanwhile as not done, with the reason', async () => {
    await h.command('/invalidate-session', `<@${ALICE}> 1001`);
    h.fake.sessions.set(ALICE, []);
    await h.submit(h.lastView());
    const result = textOf(h.lastView().view);
    expect(result).toContain('Ended 0 of 1 session, 1 failed');
    expect(result).toContain('That session no longer exists');
  });

  it('explains list failures in words', async () => {
    h.fake.on('admin.users.session.list', () => ({ body: { ok: false, error: 'missing_scope' } }));
    await h.command('/invalidate-session', `<@${ALICE}>`);
    expect(textOf(h.lastView().view)).toContain('lacks a scope it needs');
  });

  it("lists the person's home workspace too, and says when a workspace could not be read", async () => {
    h.fake.users.set(ALICE, { ...(h.fake.users.get(ALICE) as FakeUser), team_id: 'T0HOME0001' } as FakeUser);
    h.fake.on('admin.users.session.list', ({ args }) =>
      args.team_id === 'T0HOME0001' ? { body: { ok: false, error: 'team_not_found' } } : undefined,
    );
    await h.command('/invalidate-session', `<@${ALICE}>`);
    expect(
      h.fake
        .callsTo('admin.users.session.list')
        .map((c) => c.args.team_id)
        .sort(),
    ).toEqual(['T0HOME0001', TEAM_ID]);
    const shown = textOf(h.lastView().view);
    expect(shown).toContain('*Session 1001*');
    expect(shown).toContain(
      'Sessions in workspace `T0HOME0001` could not be read: Slack could not find that workspace.',
    );
  });

  it('reads past a first page that is empty but has a cursor', async () => {
    h.fake.emptyFirstPages.add('admin.users.session.list');
    h.fake.addSession(NOBODY, 4242);
    await h.command('/invalidate-session', `<@${NOBODY}>`);
    expect(h.fake.callsTo('admin.users.session.list').map((c) => c.args.cursor)).toEqual([undefined, '0']);
    expect(textOf(h.lastView().view)).toContain('4242');
  });

  it('follows next_cursor and offers at most 50 sessions in a multi-select', async () => {
    for (let i = 0; i < 247; i++) h.fake.addSession(NOBODY, 5000 + i);
    await h.command('/invalidate-session', `<@${NOBODY}>`);
    expect(h.fake.callsTo('admin.users.session.list').map((c) => c.args.cursor)).toEqual([undefined, '200']);
    const view = h.lastView().view;
    const input = (
      view.blocks as { type: string; block_id?: string; element?: { type: string; options: unknown[] } }[]
    ).find((b) => b.type === 'input' && b.block_id === 'sessions');
    expect(input?.element?.type).toBe('multi_static_select');
    expect(input?.element?.options).toHaveLength(50);
    expect(textOf(view)).toContain('197 more active sessions are not shown');
    expect(String(view.private_metadata).length).toBeLessThanOrEqual(3000);
  });

  it('refuses a submission naming a session that was not offered', async () => {
    await h.command('/invalidate-session', `<@${ALICE}>`);
    const answer = await h.submit(h.lastView(), pick(`${TEAM_ID}:1001`, `${TEAM_ID}:9999`));
    expect(answer.json?.response_action).toBe('update');
    expect(textOf(answer.json)).toContain('was not among those offered');
    expect(h.fake.callsTo('admin.users.session.invalidate')).toHaveLength(0);
  });

  it('asks for a choice when none was made', async () => {
    await h.command('/invalidate-session', `<@${ALICE}>`);
    const answer = await h.submit(h.lastView(), pick());
    expect(answer.json).toEqual({ response_action: 'errors', errors: { sessions: 'Choose at least one session.' } });
    expect(h.fake.callsTo('admin.users.session.invalidate')).toHaveLength(0);
  });

  it.each([
    ['a non-numeric session id', `<@${ALICE}> 12ab`, 'digits only'],
    ['a session id alone', '1001', 'Name the person first'],
    ['too many words', `<@${ALICE}> 1001 1002`, 'at most one session ID'],
    ['junk', 'alice', 'is not a mention'],
  ])('answers %s with a usage error and calls nothing', async (_name, text, expected) => {
    const ack = await h.command('/invalidate-session', text);
    expect(ack.json?.response_type).toBe('ephemeral');
    expect(String(ack.json?.text)).toContain(expected);
    expect(h.fake.calls).toEqual([]);
  });

  it('answers help and empty text with usage', async () => {
    for (const text of ['', 'help']) {
      const ack = await h.command('/invalidate-session', text);
      expect(String(ack.json?.text)).toContain('/invalidate-session @alice 1234567890');
    }
    expect(h.fake.calls).toEqual([]);
  });
});

describe('/invalidate-session across the whole organization', () => {
  let h: Harness;
  const CAROL = 'W0CAROL001';
  const [T2, T3] = ['T0TEAM0002', 'T0TEAM0003'];
  beforeEach(async () => {
    h = await startHarness(
      {},
      {
        setup: (fake) => {
          fake.addUser({ id: CAROL, real_name: 'Carol Wide', enterprise_user: { teams: [TEAM_ID, T2, T3] } });
          fake.addSession(CAROL, 3001, { device_hardware: 'iPhone' }, undefined, T2);
          fake.addSession(CAROL, 3002, { device_hardware: 'Windows PC', os: 'Windows' }, undefined, T2);
        },
      },
    );
  });
  afterEach(() => h.stop());

  it('lists every workspace the person belongs to, one after another, and says which could not be listed', async () => {
    h.fake.on('admin.users.session.list', (c) =>
      c.args.team_id === T3 ? { body: { ok: false, error: 'team_not_found' } } : undefined,
    );
    await h.command('/invalidate-session', `<@${CAROL}>`);
    expect(h.fake.callsTo('admin.users.session.list').map((c) => c.args.team_id)).toEqual([TEAM_ID, T2, T3]);
    const shown = textOf(h.lastView().view);
    expect(shown).toContain('Choose which of *Carol Wide* <@W0CAROL001>’s 2 sessions to end.');
    expect(shown).toContain('#3001');
    expect(shown).toContain('#3002');
    expect(shown).toContain(`Sessions in workspace \`${T3}\` could not be read`);
    expect(h.fake.adminCalls().filter((c) => c.method !== 'admin.users.session.list')).toEqual([]);
  });
});
