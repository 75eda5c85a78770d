import { FAKE, type Harness, startHarness, textOf } from '../support/harness';

const ALICE = 'W0ALICE001';
const BOB = 'W0BOB00001';
const CAROL = 'W0CAROL001';
const BOT = 'W0BOT00009';

const again = { cooldown: { cooldown_input: { type: 'checkboxes', selected_options: [{ value: 'again' }] } } };
const reason = (value: string) => ({ reason: { reason_input: { type: 'plain_text_input', value } } });

describe('/reset-sessions end to end', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(
      {},
      {
        setup: (fake) => {
          fake.addUser({ id: ALICE, real_name: 'Alice Example', profile: { email: 'alice@example.com' } });
          fake.addUser({ id: BOB, real_name: 'Bob <!here> & Co', profile: { email: 'bob@example.com' } });
          fake.addUser({ id: CAROL, real_name: 'Carol Admin', enterprise_user: { is_admin: true } });
          fake.addUser({ id: BOT, real_name: 'Deploy Bot', is_bot: true });
          fake.addUser({ id: FAKE.admin, real_name: 'Invoking Admin' });
        },
      },
    );
  });
  afterEach(() => h.stop());

  it('shows who will be signed out, calls nothing before Submit, then resets with the admin token', async () => {
    const ack = await h.command('/reset-sessions', `<@${ALICE}|alice>`);
    expect(ack.status).toBe(200);
    expect(ack.text).toBe('');
    expect(h.fake.adminCalls()).toHaveLength(0);
    // The modal opened on the trigger first (loading), then the confirmation replaced it.
    expect(h.fake.calls.map((c) => c.method)).toEqual(['views.open', 'users.info', 'views.update']);
    expect(h.fake.callsTo('views.open')[0]?.args.trigger_id).toBe('1337.1.abcdef');
    expect(h.fake.callsTo('users.info')[0]?.token).toBe(FAKE.botToken);

    const confirm = h.lastView();
    expect(confirm.view.callback_id).toBe('reset_sessions_confirm');
    const shown = textOf(confirm.view);
    expect(shown).toContain('Alice Example');
    expect(shown).toContain('alice@example.com');
    expect(shown).toContain('Member');
    expect(shown).toContain('Sign out 1 person from all their sessions?');

    const answer = await h.submit(confirm, reason('phished, INC-42'));
    expect(answer.status).toBe(200);
    expect(answer.json?.response_action).toBe('update');
    expect(h.fake.adminCalls()).toEqual([
      { method: 'admin.users.session.reset', token: FAKE.adminToken, args: { user_id: ALICE } },
    ]);

    const result = textOf(h.lastView().view);
    expect(result).toContain('Signed out 1 of 1 person');
    expect(result).toContain(`<@${ALICE}> signed out of all sessions`);
    expect(result).toContain('phished, INC-42');
    await h.fake.waitForResponses(1);
    expect(h.fake.responses[0]?.body).toMatchObject({ response_type: 'ephemeral' });
    expect(String(h.fake.responses[0]?.body.text)).toContain('Signed out 1 of 1 person');
    expect(h.audit).toEqual([
      expect.objectContaining({
        invokerId: FAKE.admin,
        action: 'reset',
        details: { scope: 'all' },
        reason: 'phished, INC-42',
        targets: [{ userId: ALICE, result: 'done' }],
      }),
    ]);
  });

  it('sends mobile_only for --mobile and web_only for --web, never both', async () => {
    await h.command('/reset-sessions', `<@${ALICE}> --mobile`);
    await h.submit(h.lastView());
    await h.command('/reset-sessions', `—web <@${ALICE}>`);
    expect(textOf(h.lastView().view)).toContain('their web sessions');
    // Alice was reset a moment ago: the cooldown asks for an explicit "again".
    await h.submit(h.lastView(), again);
    expect(h.fake.adminCalls().map((c) => c.args)).toEqual([
      { user_id: ALICE, mobile_only: 'true' },
      { user_id: ALICE, web_only: 'true' },
    ]);
  });

  it('resolves mentions, ids and emails, drops duplicates, and lists who cannot be signed out', async () => {
    await h.command(
      '/reset-sessions',
      `<@${ALICE}> alice@example.com <mailto:bob@example.com|bob@example.com> nobody@example.com ${BOT} W0GHOST001`,
    );
    expect(h.fake.callsTo('users.lookupByEmail').map((c) => c.args.email)).toEqual([
      'alice@example.com',
      'bob@example.com',
      'nobody@example.com',
    ]);
    const shown = textOf(h.lastView().view);
    expect(shown).toContain('Sign out 2 people');
    expect(shown).toContain('No Slack user has the email `nobody@example.com`');
    expect(shown).toContain('No Slack user has the ID `W0GHOST001`');
    expect(shown).toContain('is a bot or app user');
    // Bob's name is shown inert: no live @here, no stray entity.
    expect(shown).toContain('Bob &lt;!here&gt; &amp; Co');
    expect(shown).not.toContain('<!here>');

    await h.submit(h.lastView());
    expect(h.fake.adminCalls().map((c) => c.args.user_id)).toEqual([ALICE, BOB]);
    // Everyone named is in the report, including those never attempted.
    const result = textOf(h.lastView().view);
    expect(result).toContain('Signed out 2 of 5 people, 3 not attempted');
    expect(result).toContain('`nobody@example.com`: *not attempted*. No Slack user has this email address.');
    expect(result).toContain(`<@${BOT}>: *not attempted*. It is a bot or app user`);
    expect(h.audit[0]?.outcome).toBe('partial');
    expect(h.audit[0]?.targets.filter((t) => t.result === 'not_attempted').map((t) => [t.userId, t.error])).toEqual([
      ['nobody@example.com', 'users_not_found'],
      [BOT, 'is_bot'],
      ['W0GHOST001', 'user_not_found'],
    ]);
  });

  it('warns when a target is an admin or the invoker themself', async () => {
    await h.command('/reset-sessions', `<@${CAROL}> <@${FAKE.admin}>`);
    const shown = textOf(h.lastView().view);
    expect(shown).toContain('This person is an admin or owner: *Org Admin*');
    expect(shown).toContain('*This is you*: you will be signed out too.');
    expect(h.fake.adminCalls()).toHaveLength(0);
  });

  it('reports each target truthfully when some calls fail', async () => {
    h.fake.on('admin.users.session.reset', ({ args }) => {
      if (args.user_id === BOB) return { body: { ok: false, error: 'user_session_reset_failed' } };
      if (args.user_id === CAROL) return { status: 503, body: { ok: false } };
      return undefined;
    });
    await h.command('/reset-sessions', `<@${ALICE}> <@${BOB}> <@${CAROL}>`);
    await h.submit(h.lastView());
    // Bob's answer is certain, so it is not retried; Carol's 503s are, within the budget of 3 attempts.
    expect(h.fake.adminCalls().map((c) => c.args.user_id)).toEqual([ALICE, BOB, CAROL, CAROL, CAROL]);

    const result = textOf(h.lastView().view);
    expect(result).toContain('Signed out 1 of 3 people, 1 failed, 1 unknown');
    expect(result).toContain(`:white_check_mark: <@${ALICE}> signed out`);
    expect(result).toContain(`:x: <@${BOB}>: *not done*. Slack could not end the sessions this time`);
    expect(result).toContain(`:grey_question: <@${CAROL}>: *unknown* whether it took effect`);
    expect(h.audit[0]?.targets).toEqual([
      { userId: ALICE, result: 'done' },
      { userId: BOB, result: 'failed', error: 'user_session_reset_failed' },
      { userId: CAROL, result: 'unknown', error: 'slack_server_error' },
    ]);
  });

  it('translates token problems into sentences', async () => {
    h.fake.on('admin.users.session.reset', () => ({ body: { ok: false, error: 'not_allowed_token_type' } }));
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    expect(textOf(h.lastView().view)).toContain('The admin token is the wrong kind');
  });

  it('waits out a 429 and then reports the reset done, calling it once more only', async () => {
    let first = true;
    h.fake.on('admin.users.session.reset', () => {
      if (!first) return undefined;
      first = false;
      return { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } };
    });
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    expect(h.fake.adminCalls()).toHaveLength(2);
    expect(textOf(h.lastView().view)).toContain('Signed out 1 of 1 person');
  });

  it('shows nothing to confirm, and never calls, when nobody can be found', async () => {
    await h.command('/reset-sessions', 'nobody@example.com');
    const view = h.lastView().view;
    expect(view.submit).toBeUndefined();
    expect(textOf(view)).toContain('Nobody can be signed out');
    expect(h.fake.adminCalls()).toHaveLength(0);
    expect(h.audit).toEqual([
      expect.objectContaining({
        outcome: 'refused',
        action: 'reset',
        targets: [{ userId: 'nobody@example.com', result: 'not_attempted', error: 'users_not_found' }],
      }),
    ]);
    // The error also stays in the conversation as an ephemeral message.
    await h.fake.waitForResponses(1);
    expect(h.fake.responses[0]?.body).toMatchObject({ response_type: 'ephemeral' });
    expect(String(h.fake.responses[0]?.body.text)).toContain('No Slack user has the email `nobody@example.com`');
  });

  it.each([
    ['both flags', `<@${ALICE}> --mobile --web`, 'not both'],
    ['junk', 'please sign out alice', 'is not a mention'],
    ['a channel', '<#C0CHANNEL1|general>', 'is a channel'],
    ['an unlinked @name', '@alice', 'pick them from the @ menu'],
    ['@here', '<!here>', 'group mention'],
    ['an unknown flag', `<@${ALICE}> --all`, 'is not an option'],
  ])('answers %s with a usage error in the ack and calls nothing', async (_name, text, expected) => {
    const ack = await h.command('/reset-sessions', text);
    expect(ack.status).toBe(200);
    expect(ack.json?.response_type).toBe('ephemeral');
    expect(String(ack.json?.text)).toContain(expected);
    expect(String(ack.json?.text)).toContain('/reset-sessions @alice @bob');
    expect(h.fake.calls).toEqual([]);
  });

  it('answers help with usage', async () => {
    const ack = await h.command('/reset-sessions', 'help');
    expect(String(ack.json?.text)).toContain('Up to 25 people at a time');
    expect(h.fake.calls).toEqual([]);
  });

  it('refuses more targets than MAX_TARGETS without looking anyone up', async () => {
    await h.stop();
    h = await startHarness({ MAX_TARGETS: '2' });
    const ack = await h.command('/reset-sessions', `<@${ALICE}> <@${BOB}> <@${CAROL}>`);
    expect(String(ack.json?.text)).toContain('You named 3 people; one command can sign out at most 2');
    expect(h.fake.calls).toEqual([]);
  });

  it('with no targets, lets the admin pick people and scope, then confirms before resetting', async () => {
    await h.command('/reset-sessions', '');
    const picker = h.lastView();
    expect(picker.view.callback_id).toBe('reset_sessions_pick');
    expect(h.fake.callsTo('users.info')).toHaveLength(0);

    const next = await h.submit(picker, {
      users: { users_input: { type: 'multi_users_select', selected_users: [ALICE, BOB] } },
      scope: { scope_input: { type: 'radio_buttons', selected_option: { value: 'web' } } },
    });
    expect(next.json?.response_action).toBe('update');
    expect(h.fake.adminCalls()).toHaveLength(0);
    const confirm = h.lastView();
    expect(confirm.view.callback_id).toBe('reset_sessions_confirm');
    expect(textOf(confirm.view)).toContain('Sign out 2 people from their web sessions?');

    await h.submit(confirm);
    expect(h.fake.adminCalls().map((c) => c.args)).toEqual([
      { user_id: ALICE, web_only: 'true' },
      { user_id: BOB, web_only: 'true' },
    ]);
  });

  it('rejects a picker submission with a bad scope as a field error', async () => {
    await h.command('/reset-sessions', '');
    const answer = await h.submit(h.lastView(), {
      users: { users_input: { type: 'multi_users_select', selected_users: [ALICE] } },
      scope: { scope_input: { type: 'radio_buttons', selected_option: { value: 'everything' } } },
    });
    expect(answer.json).toEqual({ response_action: 'errors', errors: { scope: 'Choose which sessions to end.' } });
    expect(h.fake.adminCalls()).toHaveLength(0);
  });

  it('tells the admin by message when the confirmation cannot replace the loading view', async () => {
    h.fake.on('views.update', () => ({ body: { ok: false, error: 'not_found' } }));
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.fake.waitForResponses(1);
    expect(String(h.fake.responses[0]?.body.text)).toContain('The confirmation could not be shown');
    expect(h.fake.adminCalls()).toHaveLength(0);
  });

  it('tells the admin by ephemeral message when the trigger expired before the modal opened', async () => {
    h.fake.on('views.open', () => ({ body: { ok: false, error: 'expired_trigger_id' } }));
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.fake.waitForResponses(1);
    const text = String(h.fake.responses[0]?.body.text);
    expect(text).toContain('3-second window');
    expect(text).toContain('Nothing was changed');
    expect(h.fake.callsTo('users.info')).toHaveLength(0);
    expect(h.fake.adminCalls()).toHaveLength(0);
  });
});

describe('/reset-sessions acknowledgement', () => {
  it('acks and opens the modal before slow look-ups finish', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const h = await startHarness(
      {},
      {
        processBeforeResponse: false,
        setup: (fake) => {
          fake.addUser({ id: ALICE, real_name: 'Alice Example' });
          fake.on('users.info', async () => {
            await gate;
            return undefined;
          });
        },
      },
    );
    try {
      const ack = await h.command('/reset-sessions', `<@${ALICE}>`);
      expect(ack.status).toBe(200);
      await h.fake.waitFor('views.open');
      await h.fake.waitFor('users.info');
      // Ack answered and modal opened while the look-up is still held.
      expect(h.fake.callsTo('views.update')).toHaveLength(0);
      release();
      await h.fake.waitFor('views.update');
      expect(textOf(h.lastView().view)).toContain('Alice Example');
    } finally {
      release();
      await h.stop();
    }
  });
});

describe('an org-wide install', () => {
  it('runs the whole flow with Enterprise payloads (no workspace on the view, is_enterprise_install)', async () => {
    const h = await startHarness(
      {},
      { orgWide: true, setup: (fake) => fake.addUser({ id: ALICE, real_name: 'Alice' }) },
    );
    try {
      await h.command('/reset-sessions', `<@${ALICE}>`);
      await h.submit(h.lastView());
      expect(h.fake.adminCalls().map((c) => [c.method, c.args.user_id, c.token])).toEqual([
        ['admin.users.session.reset', ALICE, FAKE.adminToken],
      ]);
      expect(textOf(h.lastView().view)).toContain('Signed out 1 of 1 person');
    } finally {
      await h.stop();
    }
  });
});

describe('/reset-sessions with user groups, end to end', () => {
  let h: Harness;
  const GROUP = 'S0CONTRACT1';
  beforeEach(async () => {
    h = await startHarness(
      // A bulk reset starts past BULK_MAX_TARGETS only; here, past 5 nothing is offered.
      { MAX_TARGETS: '5', BULK_MAX_TARGETS: '5' },
      {
        setup: (fake) => {
          fake.addUser({ id: ALICE, real_name: 'Alice Example' });
          fake.addUser({ id: BOB, real_name: 'Bob Example' });
          fake.addUser({ id: BOT, real_name: 'Deploy Bot', is_bot: true });
          fake.addUser({ id: FAKE.admin, real_name: 'Invoking Admin' });
          fake.groups.set(GROUP, [BOB, ALICE, BOT, FAKE.admin]);
          fake.groups.set('S0BIG00001', ['W0P0000001', 'W0P0000002', 'W0P0000003', 'W0P0000004', 'W0P0000005']);
          fake.groups.set('S0OFF00001', 'disabled');
          fake.groups.set('S0EMPTY001', []);
        },
      },
    );
  });
  afterEach(() => h.stop());

  it('expands a group, merges it with the people named, guards every member, and resets each once', async () => {
    await h.command('/reset-sessions', `<!subteam^${GROUP}|@contractors> <@${ALICE}> --mobile`);
    expect(h.fake.callsTo('usergroups.users.list').map((c) => [c.token, c.args.usergroup])).toEqual([
      [FAKE.botToken, GROUP],
    ]);
    const confirm = h.lastView();
    const shown = textOf(confirm.view);
    expect(shown).toContain(`Includes every member of <!subteam^${GROUP}> (4 members)`);
    expect(shown).toContain('Sign out 3 people from their mobile sessions?');
    // The bot and the invoking admin are members too: the guardrails treat them as if named.
    expect(shown).toContain(`*Deploy Bot* (\`${BOT}\`) is a bot or app user`);
    expect(shown).toContain('*This is you*: you will be signed out too.');
    expect(h.fake.adminCalls()).toEqual([]);
    await h.submit(confirm);
    expect(h.fake.adminCalls().map((c) => [c.args.user_id, c.args.mobile_only])).toEqual([
      [ALICE, 'true'],
      [BOB, 'true'],
      [FAKE.admin, 'true'],
    ]);
  });

  it.each([
    ['an unknown group', 'S0NOSUCH01', 'does not exist, or the app cannot see it'],
    ['a disabled group', 'S0OFF00001', 'is disabled'],
    ['an empty group', 'S0EMPTY001', 'has no members'],
    ['a group bigger than MAX_TARGETS with the people named', 'S0BIG00001', 'That names 6 people (groups included)'],
  ])('stops at %s with a clear message and no admin call', async (_name, id, said) => {
    await h.command('/reset-sessions', `<@${ALICE}> <!subteam^${id}>`);
    expect(textOf(h.lastView().view)).toContain(said);
    expect(textOf(h.lastView().view)).toContain('Nothing was changed.');
    await h.fake.waitForResponses(1);
    expect(String(h.fake.responses[0]?.body.text)).toContain(said);
    expect(h.fake.adminCalls()).toEqual([]);
  });
});
