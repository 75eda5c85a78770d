import { invokerOf, REFUSAL, requireAdmin } from '../../../src/middleware/require-admin';

const ADMIN = 'W0ADMIN0001';
const STRANGER = 'W0STRANGER1';
const onRefused = jest.fn(async (_refusal: unknown) => {});
const gate = requireAdmin(new Set([ADMIN]), onRefused);

const commandBody = (userId: string | undefined) => ({
  command: '/reset-sessions',
  text: '<@W0ALICE0001>',
  user_id: userId,
  team_id: 'T0123ABCDE',
  trigger_id: '1337.1.abc',
});
const viewBody = (userId: string) => ({ type: 'view_submission', user: { id: userId }, view: { id: 'V1' } });
const actionBody = (userId: string) => ({ type: 'block_actions', user: { id: userId }, actions: [] });
const eventBody = () => ({ type: 'event_callback', event: { type: 'app_home_opened', user: STRANGER } });
/** A Workflow Builder step's run, as Slack sends function_executed: the requester is a user_context input. */
const stepBody = (requester: unknown, user?: string) => ({
  type: 'event_callback',
  event: {
    type: 'function_executed',
    ...(user ? { user } : {}),
    function: { callback_id: 'sign_people_out' },
    inputs: { people: ['W0ALICE0001'], reason: 'INC-1', requester },
    function_execution_id: 'Fx000000001',
    workflow_execution_id: 'Wx000000001',
    bot_access_token: 'xwfp-fake-workflow-token-for-unit-tests',
  },
});

/** Hand-built middleware arguments: only what requireAdmin reads, with spies. */
function args(body: Record<string, unknown>, withAck = true) {
  const ack = jest.fn(async (_response?: unknown) => {});
  const next = jest.fn(async () => {});
  const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const context: Record<string, unknown> = {};
  const all = { body, next, logger, context, ...(withAck ? { ack } : {}) };
  return {
    all: all as unknown as Parameters<typeof gate>[0],
    ack,
    next,
    logger,
    context,
  };
}

describe('requireAdmin', () => {
  it('lets a Workflow Builder step through when the person who used the workflow is an allowlisted admin', async () => {
    const a = args(stepBody({ id: ADMIN, secret: 'x' }));
    await gate(a.all);
    expect(a.next).toHaveBeenCalledTimes(1);
    expect(a.ack).not.toHaveBeenCalled();
  });

  it.each([
    ['someone else used the workflow', stepBody({ id: STRANGER, secret: 'x' })],
    ['the requester input is missing', stepBody(undefined)],
    ['the requester is a bare ID the workflow’s author could type', stepBody(ADMIN)],
    ['an admin is named in a field Slack does not fill in for steps', stepBody({ id: STRANGER }, ADMIN)],
  ])('refuses a step when %s: acknowledged, reported to fail the step, and no further', async (_name, body) => {
    onRefused.mockClear();
    const a = args(body);
    await gate(a.all);
    expect(a.next).not.toHaveBeenCalled();
    expect(a.ack).toHaveBeenCalledWith();
    expect(onRefused).toHaveBeenCalledWith({
      userId: body.event.inputs.requester && typeof body.event.inputs.requester === 'object' ? STRANGER : undefined,
      step: { callbackId: 'sign_people_out', functionExecutionId: 'Fx000000001', workflowExecutionId: 'Wx000000001' },
    });
  });

  it.each([
    ['a command', commandBody(ADMIN)],
    ['a view submission', viewBody(ADMIN)],
    ['a block action', actionBody(ADMIN)],
  ])('lets an allowlisted admin through for %s, without acknowledging', async (_name, body) => {
    const a = args(body);
    await gate(a.all);
    expect(a.next).toHaveBeenCalledTimes(1);
    expect(a.ack).not.toHaveBeenCalled();
    expect(a.logger.warn).not.toHaveBeenCalled();
  });

  it('refuses a command from someone else with an ephemeral refusal, and goes no further', async () => {
    const a = args(commandBody(STRANGER));
    await gate(a.all);
    expect(a.next).not.toHaveBeenCalled();
    expect(a.ack).toHaveBeenCalledTimes(1);
    expect(a.ack).toHaveBeenCalledWith({ response_type: 'ephemeral', text: REFUSAL });
    expect(a.logger.warn).toHaveBeenCalledWith(expect.stringContaining(`refused /reset-sessions from ${STRANGER}`));
  });

  it('refuses a command without a user id', async () => {
    const a = args(commandBody(undefined));
    await gate(a.all);
    expect(a.next).not.toHaveBeenCalled();
    expect(a.ack).toHaveBeenCalledWith({ response_type: 'ephemeral', text: REFUSAL });
  });

  it('does not let the command user be taken from elsewhere in the body', async () => {
    const a = args({ ...commandBody(STRANGER), user: { id: ADMIN } });
    await gate(a.all);
    expect(a.next).not.toHaveBeenCalled();
  });

  it('refuses a view submission by replacing the modal with a refusal', async () => {
    const a = args(viewBody(STRANGER));
    await gate(a.all);
    expect(a.next).not.toHaveBeenCalled();
    expect(a.ack).toHaveBeenCalledTimes(1);
    const response = a.ack.mock.calls[0]?.[0] as { response_action: string; view: { type: string; blocks: unknown[] } };
    expect(response.response_action).toBe('update');
    expect(response.view.type).toBe('modal');
    expect(JSON.stringify(response.view)).toContain(REFUSAL.slice(0, 40));
  });

  it('refuses a block action with a bare acknowledgement', async () => {
    const a = args(actionBody(STRANGER));
    await gate(a.all);
    expect(a.next).not.toHaveBeenCalled();
    expect(a.ack).toHaveBeenCalledWith();
  });

  it('refuses a request without any user', async () => {
    const a = args({ type: 'view_submission', view: {} });
    await gate(a.all);
    expect(a.next).not.toHaveBeenCalled();
    expect(a.logger.warn).toHaveBeenCalledWith(expect.stringContaining('an unknown user'));
  });

  it('passes events through, telling the listener whether the user is an admin', async () => {
    onRefused.mockClear();
    const a = args(eventBody(), false);
    await gate(a.all);
    expect(a.next).toHaveBeenCalledTimes(1);
    expect(a.context.isAdmin).toBe(false);
    expect(onRefused).not.toHaveBeenCalled();

    const b = args({ type: 'event_callback', event: { type: 'app_home_opened', user: ADMIN } }, false);
    await gate(b.all);
    expect(b.context.isAdmin).toBe(true);
  });

  it('reports each refusal once, with the user and the command (the app names its action)', async () => {
    onRefused.mockClear();
    await gate(args(commandBody(STRANGER)).all);
    await gate(args({ ...commandBody(STRANGER), command: '/invalidate-session' }).all);
    await gate(args(viewBody(STRANGER)).all);
    expect(onRefused.mock.calls).toEqual([
      [{ userId: STRANGER, command: '/reset-sessions' }],
      [{ userId: STRANGER, command: '/invalidate-session' }],
      [{ userId: STRANGER }],
    ]);
  });

  it('is case-sensitive about user ids', async () => {
    const a = args(commandBody(ADMIN.toLowerCase()));
    await gate(a.all);
    expect(a.next).not.toHaveBeenCalled();
  });

  it('refuses everyone with an empty allowlist', async () => {
    const a = args(commandBody(ADMIN));
    await requireAdmin(new Set(), onRefused)(a.all);
    expect(a.next).not.toHaveBeenCalled();
  });
});

describe('invokerOf', () => {
  it('reads user_id for commands, user.id otherwise, nothing for events', () => {
    expect(invokerOf(commandBody(ADMIN))).toBe(ADMIN);
    expect(invokerOf(viewBody(ADMIN))).toBe(ADMIN);
    expect(invokerOf(actionBody(ADMIN))).toBe(ADMIN);
    expect(invokerOf({ type: 'event_callback', user: { id: ADMIN } })).toBe(undefined);
  });

  it('decides the kind as Bolt does: an event with a stray command and user_id is still its event user’s', () => {
    const stray = { ...eventBody(), command: '/reset-sessions', user_id: ADMIN };
    expect(invokerOf(stray)).toBe(STRANGER);
  });

  it('takes no id that is not a well-formed user ID (markup, say)', () => {
    expect(invokerOf(commandBody('<!channel>'))).toBeUndefined();
    expect(invokerOf(viewBody('W0ADMIN0001\nforged'))).toBeUndefined();
  });
});
