import { invalidateSessionCommand } from '../../../../src/actions/invalidate/command';
import { invalidateUsage } from '../../../../src/actions/invalidate/usage';
import {
  ALICE,
  acked,
  activeSession,
  BOB,
  BOT,
  effects,
  expectToldNotOpened,
  expectToldNotShown,
  expectUsageError,
  type Fakes,
  fakeDeps,
  HOME_TEAM,
  invalidatePlan,
  NO_EFFECTS,
  planOf,
  RESPONSE_URL,
  runCommand,
  TEAM,
  TRIGGER_ID,
  textOf,
  VIEW_ID,
} from '../../../support/listener-fakes';

describe('/invalidate-session', () => {
  let f: Fakes;
  beforeEach(() => {
    f = fakeDeps();
    f.adminApi.sessions.set(ALICE, [
      activeSession(1001),
      activeSession(1002, { created: { deviceHardware: 'Mac', os: 'macOS', ip: '198.51.100.7' } }),
      activeSession(1003, { created: { deviceHardware: 'Pixel <!channel>', os: 'Android' } }),
    ]);
  });
  const run = (text: string) => runCommand(f, invalidateSessionCommand, text, '/invalidate-session');
  /** The plan the confirmation carries, without the request ID each command makes afresh. */
  const shownPlan = () => ({ ...planOf(f, f.surface.lastView()), requestId: 'fresh' });
  /** What the admin was told when there is nothing to confirm: in the modal, and the same by message. */
  const stopped = () => {
    const view = f.surface.lastView();
    expect(view.submit).toBeUndefined();
    const [message] = f.surface.messages();
    expect(message?.responseUrl).toBe(RESPONSE_URL);
    expect(message?.text).toMatch(/^:warning: .* Nothing was changed\.$/s);
    return textOf(view);
  };

  it.each([
    ['a non-numeric session id', `<@${ALICE}> 12ab`, 'is not a session ID: session IDs are digits only.'],
    ['a session id alone', '1001', 'Name the person first, then the session ID'],
    ['too many words', `<@${ALICE}> 1001 1002`, 'Give one person and at most one session ID.'],
    ['junk', 'alice', 'is not a mention, a user ID'],
  ])('answers %s with a usage error in the ack, and nothing else', async (_name, text, expected) => {
    const { ack, respond } = await run(text);
    expectUsageError(ack, expected, invalidateUsage());
    expect(respond).not.toHaveBeenCalled();
    expect(f.slack).not.toHaveBeenCalled();
    expect(effects(f)).toEqual(NO_EFFECTS);
  });

  it.each(['', 'help', '-h'])('answers %p with the usage in the ack, and nothing else', async (text) => {
    const { ack } = await run(text);
    expect(acked(ack)).toEqual({ response_type: 'ephemeral', text: invalidateUsage() });
    expect(effects(f)).toEqual(NO_EFFECTS);
  });

  it('opens a loading modal, lists the sessions read-only, and offers them to choose from', async () => {
    const { ack } = await run(`<@${ALICE}|alice>`);
    expect(acked(ack)).toBeUndefined();
    expect(f.surface.calls[0]).toMatchObject({ method: 'openModal', triggerId: TRIGGER_ID });
    expect(textOf(f.surface.opened()[0])).toContain(`Looking up <@${ALICE}> and their sessions…`);
    expect(f.adminApi.calls).toEqual([{ method: 'listSessions', userId: ALICE, teamId: TEAM }]);
    expect(f.surface.updates().map((u) => u.viewId)).toEqual([VIEW_ID]);

    const view = f.surface.lastView();
    expect(view.callback_id).toBe('invalidate_session_confirm');
    expect(shownPlan()).toEqual({
      ...invalidatePlan({
        choose: true,
        sessions: [1001, 1002, 1003].map((sessionId) => ({ teamId: TEAM, sessionId })),
      }),
      requestId: 'fresh',
    });
    const shown = textOf(view);
    expect(shown).toContain('Choose which of *Alice Example*');
    expect(shown).toContain('*Session 1002* · Mac · macOS · IP 198.51.100.7');
    expect(shown).toContain('Pixel &lt;!channel&gt;');
    expect(f.surface.messages()).toEqual([]);
    expect(f.audit.records).toEqual([]);
  });

  it('confirms the one session named', async () => {
    await run('alice@example.com 1002');
    expect(f.directory.lookups).toEqual(['email:alice@example.com']);
    expect(shownPlan()).toEqual({
      ...invalidatePlan({ sessions: [{ teamId: TEAM, sessionId: 1002 }] }),
      requestId: 'fresh',
    });
    expect(textOf(f.surface.lastView())).toContain('End this session of *Alice Example*');
  });

  it('lists the person’s home workspace too, and says which workspace could not be read', async () => {
    f.directory.add({ id: BOB, realName: 'Bob Example', homeTeamId: HOME_TEAM });
    f.adminApi.sessions.set(BOB, [activeSession(2001, { userId: BOB })]);
    f.adminApi.listFailures.set(HOME_TEAM, 'team_not_found');
    await run(`<@${BOB}>`);
    expect(f.adminApi.calls.map((c) => c.method === 'listSessions' && c.teamId)).toEqual([TEAM, HOME_TEAM]);
    const shown = textOf(f.surface.lastView());
    expect(shown).toContain('*Session 2001*');
    expect(shown).toContain(
      'Sessions in workspace `T0HOME0001` could not be read: Slack could not find that workspace.',
    );
  });

  it('says so, and offers nothing, when the named session is not active', async () => {
    await run(`<@${ALICE}> 4242`);
    expect(stopped()).toContain(`<@${ALICE}> has no active session 4242. Their active sessions: 1001, 1002, 1003.`);
  });

  it('says so when the person has no active sessions', async () => {
    await run(`<@${BOB}>`);
    expect(stopped()).toContain(`<@${BOB}> has no active sessions the app can end.`);
  });

  it('explains a list that failed', async () => {
    f.adminApi.listFailures.set(TEAM, 'missing_scope');
    await run(`<@${ALICE}>`);
    expect(stopped()).toContain('The sessions could not be listed: The admin token lacks a scope it needs');
  });

  it.each([
    ['nobody has the ID', 'W0GHOST001', 'No Slack user has the ID `W0GHOST001`.', 'user_not_found'],
    ['it is a bot', BOT, 'is a bot or app user', 'is_bot'],
  ])('refuses, records and lists nothing when %s', async (_name, who, said, code) => {
    await run(who);
    expect(stopped()).toContain(said);
    expect(f.adminApi.calls).toEqual([]);
    expect(f.audit.records).toEqual([
      expect.objectContaining({
        action: 'invalidate',
        outcome: 'refused',
        targets: [{ userId: who, result: 'not_attempted', error: code }],
      }),
    ]);
  });

  it('tells the admin by ephemeral message when views.open is refused, and lists nothing', async () => {
    f.surface.open = { ok: false, code: 'exchanged_trigger_id' };
    await run(`<@${ALICE}>`);
    expectToldNotOpened(f, 'That command’s confirmation window was already used.');
    expect(f.directory.lookups).toEqual([]);
    expect(f.adminApi.calls).toEqual([]);
  });

  it('tells the admin by message when the confirmation cannot replace the loading view', async () => {
    f.surface.acceptUpdate = () => false;
    await run(`<@${ALICE}>`);
    expectToldNotShown(f);
  });
});
