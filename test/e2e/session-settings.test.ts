import { type FakeSlack, type RecordedCall, TEAM_ID } from '../support/fake-slack';
import { FAKE, type Harness, startHarness, textOf } from '../support/harness';

const ALICE = 'W0ALICE001';
const BOB = 'W0BOB00001';
const CAROL = 'W0CAROL001';
const BOT = 'W0BOT00001';
const PRIMARY = 'W0PRIMARY1';
const GONE = 'W0GONE0001';
const GROUP = 'S0PHISHED1';
const BIG = 'S0BIGWAVE1';
const wave = Array.from({ length: 1500 }, (_, i) => `W0WAVE${String(i + 1).padStart(4, '0')}`);
const AUDIT = 'C0AUDIT001';
const HOURS_8 = 28_800;
const HOURS_12 = 43_200;

const SET = 'admin.users.session.setSettings';
const GET = 'admin.users.session.getSettings';
const CLEAR = 'admin.users.session.clearSettings';

const people = (fake: FakeSlack) => {
  fake.addUser({ id: ALICE, real_name: 'Alice Example', team_id: TEAM_ID });
  fake.addUser({ id: BOB, real_name: 'Bob Example', team_id: TEAM_ID });
  fake.addUser({ id: CAROL, real_name: 'Carol Admin', team_id: TEAM_ID, enterprise_user: { is_admin: true } });
  fake.addUser({ id: BOT, real_name: 'Deploy Bot', is_bot: true });
  fake.addUser({ id: PRIMARY, real_name: 'Prime Owner', enterprise_user: { is_primary_owner: true } });
  fake.addUser({ id: GONE, real_name: 'Gone Person', deleted: true });
  fake.groups.set(GROUP, [ALICE, BOB, BOT, PRIMARY, GONE]);
  for (const id of wave) fake.addUser({ id, real_name: `Person ${id}`, team_id: TEAM_ID });
  fake.groups.set(BIG, wave);
  // Bob has settings of his own; everyone else is on the organization's default.
  fake.sessionSettings.set(BOB, { duration: HOURS_12, desktop_app_browser_quit: false });
};

const idsOf = (call: RecordedCall | undefined) => JSON.parse(call?.args.user_ids ?? '[]') as string[];
const duration = (value: string) => ({ duration: { duration_input: { type: 'plain_text_input', value } } });
const quit = (value: 'ends' | 'stays') => ({
  quit: { quit_input: { type: 'radio_buttons', selected_option: { value } } },
});
const clearTicked = { clear: { clear_input: { type: 'checkboxes', selected_options: [{ value: 'clear' }] } } };

/** /session-settings end to end: the fake Slack answers the three settings methods as Slack's reference documents. */
describe('/session-settings', () => {
  let h: Harness;
  const start = async (env: Record<string, string> = {}) => {
    h = await startHarness({ AUDIT_CHANNEL_ID: AUDIT, ...env }, { setup: people });
  };
  afterEach(() => h.stop());
  const changes = () => h.fake.adminCalls().filter((c) => c.method === SET || c.method === CLEAR);
  const posted = () => h.fake.callsTo('chat.postMessage').map((c) => String(c.args.text));
  const lastResponse = () => String(h.fake.responses.at(-1)?.body.text);

  it('shows each person’s settings, read-only: getSettings with the admin token, nothing changed or recorded', async () => {
    await start();
    await h.command('/session-settings', `<@${ALICE}> <@${BOB}>`);
    const shown = h.lastView();
    expect(shown.view.callback_id).toBe('session_settings_show');
    const text = textOf(shown.view);
    expect(text).toContain('Session settings of 2 people');
    expect(text).toContain(`<@${ALICE}>\nthe organization’s default`);
    expect(text).toContain(`<@${BOB}>\nsessions of 12 hours, kept on quitting the app or browser`);
    expect(text).toContain(
      'Now: 1 on the organization’s default · 1 with sessions of 12 hours, kept on quitting the app or browser',
    );
    expect(h.fake.adminCalls()).toEqual([
      { method: GET, token: FAKE.adminToken, args: { user_ids: JSON.stringify([ALICE, BOB]) } },
    ]);
    // Read-only: closing it is no attempt at anything, and nothing asks Slack to tell the app.
    expect(shown.view.notify_on_close).toBeUndefined();
    expect(h.allAudit).toEqual([]);
  });

  it('sets a duration typed as people say it, through a confirmation of now → then, and checks it afterwards', async () => {
    await start();
    await h.command('/session-settings', `<@${ALICE}> <@${BOB}> --duration 8h`);
    const confirm = h.lastView();
    expect(confirm.view.callback_id).toBe('session_settings_confirm');
    const text = textOf(confirm.view);
    expect(text).toContain('Change the session settings of 2 people?');
    expect(text).toContain('New: *sessions of 8 hours*. The other setting stays as each person has it.');
    expect(text).toContain(`<@${ALICE}>\nthe organization’s default → *sessions of 8 hours*`);
    expect(text).toContain(
      `<@${BOB}>\nsessions of 12 hours, kept on quitting the app or browser → *sessions of 8 hours, kept on quitting the app or browser*`,
    );
    expect(text).not.toContain('Tell each person');
    expect(changes()).toEqual([]);

    await h.submit(confirm, { reason: { reason_input: { type: 'plain_text_input', value: 'phishing wave INC-9' } } });
    expect(changes()).toEqual([
      { method: SET, token: FAKE.adminToken, args: { user_ids: JSON.stringify([ALICE, BOB]), duration: '28800' } },
    ]);
    const result = textOf(h.lastView().view);
    expect(result).toContain('Changed the session settings of 2 of 2 people.');
    expect(result).toContain(`<@${ALICE}> set to sessions of 8 hours (had the organization’s default).`);
    expect(result).toContain(
      `<@${BOB}> set to sessions of 8 hours (had sessions of 12 hours, kept on quitting the app or browser).`,
    );
    expect(result).toContain('Checking with `admin.users.session.getSettings` what Slack now holds');
    // The proof: getSettings for the same people, after the change.
    expect(idsOf(h.fake.callsTo(GET).at(-1))).toEqual([ALICE, BOB]);
    expect(lastResponse()).toContain(`:white_check_mark: <@${ALICE}>: *applied*: Slack holds sessions of 8 hours.`);
    expect(lastResponse()).toContain(
      `<@${BOB}>: *applied*: Slack holds sessions of 8 hours, kept on quitting the app or browser.`,
    );

    expect(h.allAudit.map((r) => [r.action, r.outcome])).toEqual([
      ['session_settings', 'started'],
      ['session_settings', 'executed'],
      ['session_settings', 'verified'],
    ]);
    const [started, executed, verified] = h.allAudit;
    expect(started?.details).toEqual({ duration: HOURS_8 });
    expect(executed).toMatchObject({
      reason: 'phishing wave INC-9',
      details: { duration: HOURS_8 },
      targets: [
        { userId: ALICE, result: 'done', details: { before: 'default' } },
        { userId: BOB, result: 'done', details: { before: { own: { duration: HOURS_12, quitEndsSession: false } } } },
      ],
    });
    expect(verified?.targets).toEqual([
      { userId: ALICE, result: 'done', details: { now: { own: { duration: HOURS_8 } } } },
      { userId: BOB, result: 'done', details: { now: { own: { duration: HOURS_8, quitEndsSession: false } } } },
    ]);
    // Run once: the same confirmation submitted again changes nothing more.
    expect(textOf((await h.submit(confirm)).json)).toContain('Already done');
    expect(changes()).toHaveLength(1);
    const channel = posted().filter((t) => t.includes('*executed*'));
    expect(channel[0]).toContain('*executed*: changing the session settings of 2 people (sessions of 8 hours)');
    expect(channel[0]).toContain(`<@${BOB}>: done, had sessions of 12 hours, kept on quitting the app or browser`);
  });

  it('shows the change, from the store, on App Home and in a person’s history, in its own words', async () => {
    await start();
    await h.command('/session-settings', `<@${BOB}> --duration 12h --quit-ends-session`);
    await h.submit(h.lastView(), { reason: { reason_input: { type: 'plain_text_input', value: 'INC-9' } } });
    await h.event({ type: 'app_home_opened', user: FAKE.admin, channel: 'D0DM000001', tab: 'home' });
    await h.fake.waitFor('views.publish');
    const home = textOf(JSON.parse(h.fake.callsTo('views.publish')[0]?.args.view ?? '{}'));
    expect(home).toContain(
      `<@${FAKE.admin}> — *executed*: changing the session settings of 1 person (sessions of 12 hours, ended on quitting the app or browser)`,
    );
    expect(home).toContain(
      '`/reset-sessions help`, `/invalidate-session help` and `/session-settings help` show usage.',
    );
    const before = h.fake.responses.length;
    await h.command('/reset-sessions', `history <@${BOB}>`);
    await h.fake.waitForResponses(before + 1);
    const history = String(h.fake.responses.at(-1)?.body.text);
    expect(history).toContain('*checked afterwards*: changing the session settings of 1 person');
    expect(history).toContain(
      `<@${BOB}>: verified, Slack holds sessions of 12 hours, ended on quitting the app or browser`,
    );
    expect(history).toContain(`<@${BOB}>: done, had sessions of 12 hours, kept on quitting the app or browser`);
    expect(history).toContain('Reason: INC-9');
  });

  it.each([
    ['--quit-ends-session', { desktop_app_browser_quit: 'true' }, 'sessions ended on quitting the app or browser'],
    ['—no-quit-ends-session', { desktop_app_browser_quit: 'false' }, 'sessions kept on quitting the app or browser'],
    [
      '--duration 7d --quit-ends-session',
      { duration: '604800', desktop_app_browser_quit: 'true' },
      'sessions of 7 days, ended on quitting the app or browser',
    ],
    ['--duration=30d', { duration: '2592000' }, 'sessions of 30 days'],
  ])('%s sends %j, said back as "%s"', async (flags, args, said) => {
    await start();
    await h.command('/session-settings', `<@${ALICE}> ${flags}`);
    expect(textOf(h.lastView().view)).toContain(`New: *${said}*`);
    await h.submit(h.lastView());
    expect(changes()).toEqual([
      { method: SET, token: FAKE.adminToken, args: { user_ids: JSON.stringify([ALICE]), ...args } },
    ]);
    expect(lastResponse()).toContain(`<@${ALICE}>: *applied*`);
  });

  it('clears: back to the organization’s default, checked as on the default afterwards', async () => {
    await start();
    await h.command('/session-settings', `<@${BOB}> --clear`);
    const text = textOf(h.lastView().view);
    expect(text).toContain('Clear the session settings of 1 person?');
    expect(text).toContain(`sessions of 12 hours, kept on quitting the app or browser → *the organization’s default*`);
    await h.submit(h.lastView());
    expect(changes()).toEqual([{ method: CLEAR, token: FAKE.adminToken, args: { user_ids: JSON.stringify([BOB]) } }]);
    expect(h.fake.sessionSettings.has(BOB)).toBe(false);
    expect(textOf(h.lastView().view)).toContain(`<@${BOB}> cleared, back to the organization’s default`);
    expect(lastResponse()).toContain(`<@${BOB}>: *applied*: Slack holds the organization’s default.`);
    expect(h.audit.find((r) => r.outcome === 'executed')?.details).toEqual({ clear: true });
  });

  it('changes from the settings shown: Next checks the change chosen there, then confirms it', async () => {
    await start();
    await h.command('/session-settings', `<@${ALICE}>`);
    const shown = h.lastView();
    const cases: [Record<string, Record<string, unknown>>, Record<string, string>][] = [
      [
        {},
        { duration: 'Choose a change: a duration, what quitting does, or clear them. Or close this: nothing changes.' },
      ],
      [duration('7h'), { duration: '7 hours is too short: Slack’s shortest session is 8 hours.' }],
      [duration('soon'), { duration: '`soon` is not a duration: write it like 8h, 12h, 7d or 30d.' }],
      [
        { ...duration('8h'), ...clearTicked },
        { clear: 'Clearing puts back the organization’s default for both: untick it, or leave the others empty.' },
      ],
    ];
    for (const [values, errors] of cases) {
      const answer = await h.submit(shown, values);
      expect(answer.json).toEqual({ response_action: 'errors', errors });
    }
    const next = await h.submit(shown, { ...duration('12h'), ...quit('ends') });
    expect(next.json?.response_action).toBe('update');
    const confirmation = next.json?.view as Record<string, unknown>;
    expect(confirmation.callback_id).toBe('session_settings_confirm');
    expect(textOf(confirmation)).toContain(
      `the organization’s default → *sessions of 12 hours, ended on quitting the app or browser*`,
    );
    expect(changes()).toEqual([]);
    await h.submit({ id: shown.id, view: confirmation });
    expect(changes()).toEqual([
      {
        method: SET,
        token: FAKE.adminToken,
        args: { user_ids: JSON.stringify([ALICE]), duration: String(HOURS_12), desktop_app_browser_quit: 'true' },
      },
    ]);
  });

  it.each([
    ['--duration 7h', '7 hours is too short: Slack’s shortest session is 8 hours.'],
    ['--duration 3653d', '3,653 days is too long: Slack’s longest session is 10 years.'],
    ['--duration 8', '`8` is not a duration: write it like 8h, 12h, 7d or 30d.'],
    ['--duration 8m', '`m` is not a unit: use h (hours), d (days) or w (weeks).'],
    ['--clear --duration 8h', '--clear puts back the organization’s default for both settings'],
    ['--quit-ends-session --no-quit-ends-session', 'Choose --quit-ends-session or --no-quit-ends-session, not both.'],
  ])('refuses %s with a clear message and no call at all', async (flags, message) => {
    await start();
    const answer = await h.command('/session-settings', `<@${ALICE}> ${flags}`);
    expect(answer.json?.text).toContain(message);
    expect(answer.json?.text).toContain('*/session-settings* shows and changes how long people stay signed in');
    expect(h.fake.calls).toEqual([]);
  });

  it('takes a user group: bots, the Org Primary Owner and the deactivated are left out before, and said', async () => {
    await start();
    await h.command('/session-settings', `<!subteam^${GROUP}|@phished> --duration 12h`);
    const text = textOf(h.lastView().view);
    expect(text).toContain(`Includes every member of <!subteam^${GROUP}> (5 members)`);
    expect(text).toContain('Left out (3):');
    expect(text).toContain(`<@${BOT}>: a bot or app user, with no sessions`);
    expect(text).toContain(`<@${PRIMARY}>: the Org Primary Owner, whose sessions only they manage`);
    expect(text).toContain(`<@${GONE}>: deactivated, with no sessions`);
    // Only the people who may be changed are read, then changed.
    expect(idsOf(h.fake.callsTo(GET)[0])).toEqual([ALICE, BOB]);
    await h.submit(h.lastView());
    expect(changes().map(idsOf)).toEqual([[ALICE, BOB]]);
    const result = textOf(h.lastView().view);
    expect(result).toContain('Changed the session settings of 2 of 5 people, 3 not attempted.');
    // People left out make an otherwise complete change partial, as for a sign-out.
    expect(h.audit.find((r) => r.outcome === 'partial')?.targets.map((t) => [t.userId, t.result])).toEqual([
      [ALICE, 'done'],
      [BOB, 'done'],
      [BOT, 'not_attempted'],
      [PRIMARY, 'not_attempted'],
      [GONE, 'not_attempted'],
    ]);
  });

  it('changes 1,500 people in two calls of at most 1,000, within Tier 4, and checks them in two more', async () => {
    await start({ BULK_MAX_TARGETS: '2000' });
    await h.command('/session-settings', `<!subteam^${BIG}> --duration 24h`);
    const confirm = h.lastView();
    const text = textOf(confirm.view);
    expect(text).toContain('Change the session settings of 1500 people?');
    expect(text).toContain('…and 1460 people more, counted above.');
    expect(JSON.stringify(confirm.view).length).toBeLessThan(50_000);
    await h.submit(confirm);
    expect(changes().map((c) => idsOf(c).length)).toEqual([1000, 500]);
    expect(changes().flatMap(idsOf)).toEqual(wave);
    expect(changes().every((c) => c.args.duration === '86400')).toBe(true);
    // Two reads for the confirmation, two for the check afterwards; nothing past Slack's tiers.
    expect(h.fake.callsTo(GET).map((c) => idsOf(c).length)).toEqual([1000, 500, 1000, 500]);
    expect(h.fake.limited).toEqual([]);
    const result = textOf(h.lastView().view);
    expect(result).toContain('Changed the session settings of 1500 of 1500 people.');
    // Too many for a line each: the result and the check are counted, within Slack's limits.
    expect(h.lastView().view.blocks).toHaveLength(4);
    expect(lastResponse()).toContain('1500 people: *1500 applied*, 0 not as asked, 0 not verified.');
    expect(h.audit.find((r) => r.outcome === 'executed')?.targets).toHaveLength(1500);
  });

  it('goes through two-person approval, and runs once another admin approves', async () => {
    await start({ APPROVAL_REQUIRED: 'always', APPROVAL_CHANNEL_ID: 'C0APPROVE1' });
    await h.command('/session-settings', `<@${ALICE}> --duration 8h --quit-ends-session`);
    expect(textOf(h.lastView().view)).toContain(
      'This needs a second admin’s approval* (everything the app does needs it here)',
    );
    const answer = await h.submit(h.lastView());
    expect(textOf(answer.json)).toContain('Waiting for a second admin.* Nothing has been done yet.');
    expect(changes()).toEqual([]);
    const request = h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0APPROVE1');
    expect(textOf(JSON.parse(request?.args.blocks ?? '[]'))).toContain(
      `asks for approval: *changing the session settings of 1 person (sessions of 8 hours, ended on quitting the app or browser)*`,
    );
    const buttons = JSON.parse(request?.args.blocks ?? '[]').at(-1).elements as { value: string }[];
    await h.click({ actionId: 'approval_approve', value: String(buttons[0]?.value) }, FAKE.otherAdmin);
    expect(changes()).toHaveLength(1);
    expect(h.audit.map((r) => [r.outcome, r.approverId])).toEqual([
      ['approval_requested', undefined],
      ['approved', FAKE.otherAdmin],
      ['executed', FAKE.otherAdmin],
      ['verified', FAKE.otherAdmin],
    ]);
    const thread = posted().filter((t) => t.includes('Changed the session settings of 1 of 1 person'));
    expect(thread.length).toBeGreaterThan(0);
  });

  it('in a dry run reads the settings but changes nothing, says "would have", and checks nothing', async () => {
    await start({ DRY_RUN: 'true' });
    await h.command('/session-settings', `<@${ALICE}> --duration 8h`);
    await h.submit(h.lastView());
    expect(changes()).toEqual([]);
    expect(h.fake.callsTo(GET)).toHaveLength(1);
    const result = textOf(h.lastView().view);
    expect(result).toContain('Dry run: would have changed the session settings of 1 of 1 person; nothing was changed.');
    expect(result).toContain(`<@${ALICE}> would have been set to sessions of 8 hours`);
    expect(h.audit.map((r) => r.outcome)).toEqual(['dry_run']);
  });

  it('says what Slack holds when it is not what was asked, and who Slack left out of its answer', async () => {
    await start();
    // Slack answers ok but keeps Alice's settings as they were, and leaves Bob out of its answer afterwards.
    h.fake.on(SET, () => ({ body: { ok: true } }));
    h.fake.on(GET, () =>
      h.fake.callsTo(GET).length > 1
        ? { body: { ok: true, session_settings: [], no_settings_applied: [ALICE] } }
        : undefined,
    );
    await h.command('/session-settings', `<@${ALICE}> <@${BOB}> --duration 8h`);
    await h.submit(h.lastView());
    expect(lastResponse()).toContain(`:warning: <@${ALICE}>: *not as asked*: Slack holds the organization’s default.`);
    expect(lastResponse()).toContain(
      `:grey_question: <@${BOB}>: *not verified*: not known: Slack’s answer left them out.`,
    );
    expect(h.audit.at(-1)).toMatchObject({
      outcome: 'verified',
      targets: [
        { userId: ALICE, result: 'failed', error: 'not_as_asked', details: { now: 'default' } },
        { userId: BOB, result: 'unknown', error: 'not_returned' },
      ],
    });
  });

  it('tells the truth per person when Slack refuses: not done, or unknown when it may have kept them', async () => {
    await start();
    h.fake.on(SET, () => ({ body: { ok: false, error: 'unable_to_update_existing_sessions' } }));
    await h.command('/session-settings', `<@${ALICE}> --quit-ends-session`);
    await h.submit(h.lastView());
    const result = textOf(h.lastView().view);
    expect(result).toContain(`<@${ALICE}>: *unknown* whether it took effect. Slack could not apply the settings`);
    // Unknown is checked: the fake, like Slack may, kept nothing.
    expect(lastResponse()).toContain(`<@${ALICE}>: *not as asked*`);
    expect(h.audit.find((r) => r.outcome === 'unknown')).toBeDefined();

    h.fake.on(SET, () => ({ body: { ok: false, error: 'user_not_found' } }));
    await h.command('/session-settings', `<@${ALICE}> <@${BOB}> --duration 8h`);
    await h.submit(h.lastView());
    const refused = textOf(h.lastView().view);
    expect(refused).toContain('Changed the session settings of 0 of 2 people, 2 failed.');
    expect(refused).toContain(`<@${BOB}>: *not done*. Slack could not find someone sent in the same call`);
    expect(h.audit.at(-1)).toMatchObject({ outcome: 'failed' });
  });

  it('records a Cancel with the change, and refuses someone off the allowlist under its own name', async () => {
    await start();
    await h.command('/session-settings', `<@${ALICE}> --duration 8h`, FAKE.stranger);
    await h.command('/session-settings', `<@${ALICE}> --clear`);
    await h.close(h.lastView());
    for (let i = 0; i < 50 && h.audit.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(h.audit.map((r) => [r.action, r.outcome, r.details, r.targets.map((t) => t.userId)])).toEqual([
      ['session_settings', 'refused', undefined, []],
      ['session_settings', 'cancelled', { clear: true }, [ALICE]],
    ]);
    expect(changes()).toEqual([]);
  });
});

/** The fake itself, called as any client would: as strict as Slack's reference for the three methods. */
describe('the fake Slack’s settings methods', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({}, { setup: people });
  });
  afterEach(() => h.stop());
  const call = async (method: string, args: Record<string, string>, token: string = FAKE.adminToken) => {
    const res = await fetch(`${h.fake.url}${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(args).toString(),
    });
    return (await res.json()) as Record<string, unknown>;
  };
  const ids = (list: string[]) => JSON.stringify(list);

  it('answers as the reference documents: user_ids 1–1,000, unknown users, bots, no setting, the duration limits', async () => {
    const tooMany = Array.from({ length: 1001 }, (_, i) => wave[i] ?? ALICE);
    const refusals: [string, Record<string, string>, string][] = [
      [GET, { user_ids: ids([]) }, 'invalid_arguments'],
      [SET, { user_ids: ids(tooMany), duration: '28800' }, 'invalid_arguments'],
      [SET, { user_ids: ids([ALICE, 'W0NOBODY01']), duration: '28800' }, 'user_not_found'],
      [CLEAR, { user_ids: ids([ALICE, BOT]) }, 'bots_not_allowed'],
      [SET, { user_ids: ids([ALICE]) }, 'at_least_one_session_setting_required'],
      [SET, { user_ids: ids([ALICE]), duration: '28799' }, 'invalid_arguments'],
      [SET, { user_ids: ids([ALICE]), duration: '315569521' }, 'invalid_arguments'],
      [SET, { user_ids: ids([ALICE]), desktop_app_browser_quit: 'maybe' }, 'invalid_arguments'],
    ];
    for (const [method, args, error] of refusals) {
      expect({ method, args, answer: await call(method, args) }).toEqual({
        method,
        args,
        answer: { ok: false, error },
      });
    }
    expect(await call(SET, { user_ids: ids([ALICE]), duration: '28800' }, FAKE.botToken)).toEqual({
      ok: false,
      error: 'not_allowed_token_type',
    });
    // A refused call changed nobody.
    expect(h.fake.sessionSettings.has(ALICE)).toBe(false);
    expect(await call(SET, { user_ids: `${ALICE},${CAROL}`, duration: '315569520' })).toEqual({ ok: true });
    expect(await call(GET, { user_ids: ids([ALICE, BOB, CAROL, GONE]) })).toEqual({
      ok: true,
      session_settings: [
        { user_id: ALICE, duration: 315_569_520 },
        { user_id: BOB, duration: HOURS_12, desktop_app_browser_quit: false },
        { user_id: CAROL, duration: 315_569_520 },
      ],
      no_settings_applied: [GONE],
    });
  });

  it('keeps to Tier 4: past 100 calls a (scaled) minute it answers 429 with Retry-After', async () => {
    const answers = await Promise.all(Array.from({ length: 101 }, () => call(GET, { user_ids: ids([ALICE]) })));
    expect(answers.filter((a) => a.error === 'ratelimited')).toHaveLength(1);
    expect(h.fake.limited.map((c) => c.method)).toEqual([GET]);
  });
});

/** The reset confirmation's "and shorten their sessions to 8 hours for now": sign out, then tighten, in one step. */
describe('signing out, then shortening their sessions', () => {
  let h: Harness;
  const start = async (env: Record<string, string> = {}) => {
    h = await startHarness({ AUDIT_CHANNEL_ID: AUDIT, VERIFY_AFTER_RESET: 'true', ...env }, { setup: people });
  };
  afterEach(() => h.stop());
  const shorten = { shorten: { shorten_input: { type: 'checkboxes', selected_options: [{ value: 'shorten' }] } } };
  const settingsCalls = () => h.fake.callsTo(SET);
  const responses = () => h.fake.responses.map((r) => String(r.body.text));

  it('signs out, then shortens the sessions of those signed out, each part reported and recorded on its own', async () => {
    await start();
    h.fake.on('admin.users.session.reset', (c) =>
      c.args.user_id === BOB ? { body: { ok: false, error: 'user_session_reset_failed' } } : undefined,
    );
    await h.command('/reset-sessions', `<@${ALICE}> <@${BOB}>`);
    const confirm = h.lastView();
    expect(textOf(confirm.view)).toContain('And shorten their sessions to 8 hours for now');
    await h.submit(confirm, shorten);

    // Bob was not signed out, so only Alice's sessions are shortened.
    expect(settingsCalls()).toEqual([
      { method: SET, token: FAKE.adminToken, args: { user_ids: JSON.stringify([ALICE]), duration: '28800' } },
    ]);
    const result = textOf(h.lastView().view);
    expect(result).toContain('Signed out 1 of 2 people, 1 failed.');
    const resetRecord = h.audit.find((r) => r.action === 'reset' && r.outcome === 'partial');
    expect(resetRecord?.details).toEqual({ scope: 'all', shorten: HOURS_8 });
    const id = resetRecord?.requestId;
    expect(result).toContain(
      `*Next:* changing the session settings of 1 person (sessions of 8 hours, after the sign-out \`${id}\`); its result follows as a message.`,
    );
    // The sign-out's result, its check, then the change's result and its check, each a message of its own.
    expect(responses()).toEqual([
      expect.stringContaining('Signed out 1 of 2 people'),
      expect.stringContaining('Checked afterwards* with `admin.users.session.list`'),
      expect.stringContaining('Changed the session settings of 1 of 1 person.'),
      expect.stringContaining(`<@${ALICE}>: *applied*: Slack holds sessions of 8 hours.`),
    ]);
    expect(h.allAudit.map((r) => [r.action, r.outcome])).toEqual([
      ['reset', 'started'],
      ['reset', 'partial'],
      ['reset', 'verified'],
      ['session_settings', 'started'],
      ['session_settings', 'executed'],
      ['session_settings', 'verified'],
    ]);
    const change = h.allAudit.find((r) => r.action === 'session_settings' && r.outcome === 'executed');
    expect(change).toMatchObject({ invokerId: FAKE.admin, details: { duration: HOURS_8, after: id } });
    expect(change?.requestId).not.toBe(id);
    const post = posted(h).find((t) => t.includes('*executed*: changing the session settings'));
    expect(post).toContain(`(sessions of 8 hours, after the sign-out \`${id}\`)`);

    // The confirmation submitted again runs nothing more: neither part.
    await h.submit(confirm, shorten);
    expect(h.fake.callsTo('admin.users.session.reset')).toHaveLength(2);
    expect(settingsCalls()).toHaveLength(1);
  });

  it('changes nothing more when it is not ticked', async () => {
    await start();
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    expect(h.fake.callsTo('admin.users.session.reset')).toHaveLength(1);
    expect(settingsCalls()).toEqual([]);
    expect(textOf(h.lastView().view)).not.toContain('Next:');
  });

  it('asks the approver for both parts, and runs both once approved', async () => {
    await start({ APPROVAL_REQUIRED: 'always', APPROVAL_CHANNEL_ID: 'C0APPROVE1' });
    await h.command('/reset-sessions', `<@${ALICE}> --mobile`);
    await h.submit(h.lastView(), shorten);
    const request = h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0APPROVE1');
    const blocks = JSON.parse(request?.args.blocks ?? '[]');
    expect(textOf(blocks)).toContain(
      '*signing out 1 person (mobile sessions only, then sessions of 8 hours for them)*',
    );
    expect(settingsCalls()).toEqual([]);
    const buttons = blocks.at(-1).elements as { value: string }[];
    await h.click({ actionId: 'approval_approve', value: String(buttons[0]?.value) }, FAKE.otherAdmin);
    expect(h.fake.callsTo('admin.users.session.reset')).toHaveLength(1);
    expect(idsOf(settingsCalls()[0])).toEqual([ALICE]);
    const change = h.audit.find((r) => r.action === 'session_settings' && r.outcome === 'executed');
    expect(change?.approverId).toBe(FAKE.otherAdmin);
    const thread = posted(h).filter((t) => t.includes('Changed the session settings of 1 of 1 person'));
    // In the request's thread and to the requester by DM.
    expect(thread).toHaveLength(2);
  });

  it('after a bulk reset, shortens the sessions of everyone Slack queued', async () => {
    await start({ MAX_TARGETS: '2', BULK_MAX_TARGETS: '40' });
    await h.command('/reset-sessions', `<!subteam^${GROUP}>`);
    const count = { count: { count_input: { type: 'plain_text_input', value: '2' } } };
    expect(textOf(h.lastView().view)).toContain('And shorten their sessions to 8 hours for now');
    await h.submit(h.lastView(), { ...count, ...shorten });
    expect(h.fake.callsTo('admin.users.session.resetBulk')).toHaveLength(1);
    expect(idsOf(settingsCalls()[0])).toEqual([ALICE, BOB]);
  });

  it('in a dry run says what both parts would have done, and changes nothing', async () => {
    await start({ DRY_RUN: 'true' });
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView(), shorten);
    expect(h.fake.adminCalls().filter((c) => c.method !== GET)).toEqual([]);
    expect(responses()).toEqual([
      expect.stringContaining('Dry run: would have signed out 1 of 1 person'),
      expect.stringContaining('Dry run: would have changed the session settings of 1 of 1 person'),
    ]);
    expect(h.audit.map((r) => [r.action, r.outcome])).toEqual([
      ['reset', 'dry_run'],
      ['session_settings', 'dry_run'],
    ]);
  });
});

const posted = (h: Harness) => h.fake.callsTo('chat.postMessage').map((c) => String(c.args.text));
