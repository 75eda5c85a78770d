import { resetSessionsCommand } from '../../../../src/actions/reset/command';
import { resetUsage } from '../../../../src/actions/reset/usage';
import { BUSY } from '../../../../src/admission';
import {
  ALICE,
  acked,
  BOB,
  CLIENT,
  effects,
  expectToldNotOpened,
  expectToldNotShown,
  expectUsageError,
  type Fakes,
  fakeDeps,
  NO_EFFECTS,
  pastReset,
  pickPlan,
  planOf,
  RESPONSE_URL,
  resetPlan,
  runCommand,
  TRIGGER_ID,
  textOf,
  VIEW_ID,
} from '../../../support/listener-fakes';

describe('/reset-sessions', () => {
  let f: Fakes;
  beforeEach(() => {
    f = fakeDeps();
  });
  const run = (text: string) => runCommand(f, resetSessionsCommand, text);
  /** The plan a modal carries, without the request ID each command makes afresh. */
  const planIn = (view: Parameters<typeof planOf>[1]) => ({ ...planOf(f, view), requestId: 'fresh' });

  it('answers "busy" in the ack, and does nothing else, while the app is full of commands', async () => {
    const held = Array.from({ length: 40 }, () => f.deps.admission.enter());
    expect(held.every((leave) => leave !== undefined)).toBe(true);
    const { ack } = await run(`<@${ALICE}>`);
    expect(acked(ack)).toEqual({ response_type: 'ephemeral', text: BUSY });
    expect(effects(f)).toEqual(NO_EFFECTS);
    for (const leave of held) leave?.();
    await run(`<@${ALICE}>`);
    expect(f.surface.methods()).toEqual(['openModal', 'updateModal']);
  });

  it.each([
    ['both flags', `<@${ALICE}> --mobile --web`, 'not both'],
    ['junk', 'please sign out alice', 'is not a mention'],
    ['a channel', '<#C0CHANNEL1|general>', 'is a channel'],
    ['an unlinked @name', '@alice', 'pick them from the @ menu'],
    ['@here', '<!here>', 'group mention'],
    ['an unknown flag', `<@${ALICE}> --all`, 'is not an option'],
    ['history without a person', 'history', 'Name one person'],
  ])('answers %s with a usage error in the ack, and nothing else', async (_name, text, expected) => {
    const { ack, respond } = await run(text);
    expectUsageError(ack, expected, resetUsage(25));
    expect(respond).not.toHaveBeenCalled();
    expect(f.slack).not.toHaveBeenCalled();
    expect(effects(f)).toEqual(NO_EFFECTS);
  });

  it('refuses more people than MAX_TARGETS in the ack', async () => {
    f = fakeDeps({ env: { MAX_TARGETS: '2' } });
    const { ack } = await run(`<@${ALICE}> <@${BOB}> W0CAROL001`);
    expect(ack).toHaveBeenCalledWith({
      response_type: 'ephemeral',
      text: expect.stringContaining('You named 3 people; one command can sign out at most 2.'),
    });
    expect(effects(f)).toEqual(NO_EFFECTS);
  });

  it.each(['help', '--help', '?'])('answers %s with the usage in the ack, and nothing else', async (text) => {
    const { ack, respond } = await run(text);
    expect(acked(ack)).toEqual({ response_type: 'ephemeral', text: resetUsage(25) });
    expect(acked(ack)?.text).toContain('Up to 25 people at a time, groups included.');
    expect(respond).not.toHaveBeenCalled();
    expect(effects(f)).toEqual(NO_EFFECTS);
  });

  it('answers history @person by message after an empty ack, opening no modal', async () => {
    await f.store.append(pastReset(ALICE, 5));
    const { ack, respond } = await run(`history <@${ALICE}>`);
    expect(acked(ack)).toBeUndefined();
    expect(respond).not.toHaveBeenCalled();
    expect(f.surface.messages()).toEqual([
      { responseUrl: RESPONSE_URL, text: expect.stringContaining(`Recent records naming <@${ALICE}>`) },
    ]);
    expect(f.surface.methods()).toEqual(['postEphemeral']);
    expect(f.adminApi.calls).toEqual([]);
  });

  it('with nobody named, opens the picker on the trigger, with the scope of a flag chosen', async () => {
    const { ack } = await run('--web');
    expect(acked(ack)).toBeUndefined();
    expect(f.slack).toHaveBeenCalledWith(CLIENT, f.logger);
    expect(f.surface.calls).toEqual([{ method: 'openModal', triggerId: TRIGGER_ID, view: expect.any(Object) }]);
    const picker = f.surface.lastView();
    expect(picker.callback_id).toBe('reset_sessions_pick');
    expect(picker.notify_on_close).toBe(true);
    expect(planIn(picker)).toEqual({ ...pickPlan(), requestId: 'fresh' });
    const scope = picker.blocks.find((b) => b.block_id === 'scope');
    expect(scope).toMatchObject({ element: { type: 'radio_buttons', initial_option: { value: 'web' } } });
    expect(f.directory.lookups).toEqual([]);
  });

  it('opens a loading modal at once, then shows the confirmation in it; nothing is changed or recorded', async () => {
    const { ack, respond } = await run(`<@${ALICE}|alice> bob@example.com --mobile`);
    expect(acked(ack)).toBeUndefined();
    expect(f.surface.methods()).toEqual(['openModal', 'updateModal']);
    expect(f.surface.calls[0]).toMatchObject({ method: 'openModal', triggerId: TRIGGER_ID });
    expect(textOf(f.surface.opened()[0])).toContain('Looking up 2 people…');
    expect(f.surface.updates().map((u) => u.viewId)).toEqual([VIEW_ID]);
    const confirm = f.surface.lastView();
    expect(confirm.callback_id).toBe('reset_sessions_confirm');
    expect(planIn(confirm)).toEqual({
      ...resetPlan({ userIds: [ALICE, BOB], scope: 'mobile', responseUrl: RESPONSE_URL }),
      requestId: 'fresh',
    });
    expect(textOf(confirm)).toContain('Sign out 2 people from their mobile sessions?');
    expect(respond).not.toHaveBeenCalled();
    expect(f.adminApi.calls).toEqual([]);
    expect(f.audit.records).toEqual([]);
  });

  it('gives every command a new request ID', async () => {
    await run(`<@${ALICE}>`);
    await run(`<@${ALICE}>`);
    const [first, second] = f.surface.updates().map((u) => planOf(f, u.view).requestId);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);
  });

  it('tells the admin by ephemeral message when views.open is refused, and looks nobody up', async () => {
    f.surface.open = { ok: false, code: 'expired_trigger_id' };
    await run(`<@${ALICE}>`);
    expectToldNotOpened(f, 'Slack’s 3-second window to open the confirmation passed.');
    expect(f.surface.methods()).toEqual(['openModal', 'postEphemeral']);
    expect(f.directory.lookups).toEqual([]);
  });

  it('tells the admin by message when the confirmation cannot replace the loading view', async () => {
    f.surface.acceptUpdate = () => false;
    await run(`<@${ALICE}>`);
    expectToldNotShown(f);
    expect(f.adminApi.calls).toEqual([]);
  });

  it('records a refusal and says so when nobody named can be signed out', async () => {
    await run('nobody@example.com');
    expect(textOf(f.surface.lastView())).toContain('Nobody can be signed out');
    expect(f.audit.records.map((r) => [r.action, r.outcome])).toEqual([['reset', 'refused']]);
    expect(f.surface.messages()[0]?.text).toContain('No Slack user has the email `nobody@example.com`');
  });
});
