/** The argument bags Bolt hands a listener (a command, a view submission or close, the App Home event), and what it acked. */

import type {
  AllMiddlewareArgs,
  RespondFn,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { INVALIDATE_CALLBACK, INVALIDATE_INPUT } from '../../../src/actions/invalidate/ids';
import { RESET_CALLBACK, RESET_INPUT } from '../../../src/actions/reset/ids';
import type { ListenerDeps } from '../../../src/actions/shared/deps';
import { planRef } from '../../../src/domain/plan';
import { INPUT } from '../../../src/views/ids';
import type { Plan } from '../plans';
import { commandPayload, viewSubmissionPayload } from '../slack-payloads';
import type { Fakes } from './deps';
import { ADMIN, RESPONSE_URL, TEAM, TRIGGER_ID, VIEW_ID } from './people';

export type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;
export type ViewArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs;
export type HomeArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>;

/** The listener's bot-token client: listeners only hand it to `deps.slack`, so it has nothing. */
export const CLIENT = {} as WebClient;

const ackFn = () => jest.fn(async (_response?: unknown) => undefined);

/** Bolt's `respond`: the app never uses it (every reply goes through the surface's checked postEphemeral). */
export type RespondMock = jest.Mock<Promise<undefined>, [unknown]> & RespondFn;
export const fakeRespond = (): RespondMock => jest.fn(async (_message: unknown) => undefined) as unknown as RespondMock;

/** A slash command as Bolt passes it to a listener. */
export function commandArgs(
  f: Fakes,
  text: string,
  { command = '/reset-sessions', userId = ADMIN }: { command?: string; userId?: string } = {},
) {
  const payload = commandPayload({ command, text, userId, triggerId: TRIGGER_ID, responseUrl: RESPONSE_URL });
  const ack = ackFn();
  const respond = fakeRespond();
  const args = {
    payload,
    command: payload,
    body: payload,
    ack,
    respond,
    say: jest.fn(),
    client: CLIENT,
    logger: f.logger,
    context: {},
    next: jest.fn(),
  } as unknown as CommandArgs;
  return { args, ack, respond };
}

export interface ViewOptions {
  /** The plan in private_metadata. */
  plan?: Plan;
  /** Raw private_metadata instead of a plan: to tamper with it. */
  metadata?: string;
  /** state.values: block_id → action_id → value. */
  values?: Record<string, Record<string, unknown>>;
  /** Who submits or closes it. */
  userId?: string;
  type?: 'view_submission' | 'view_closed';
}

const CALLBACKS: Record<Plan['kind'], string> = {
  pick: RESET_CALLBACK.pick,
  reset: RESET_CALLBACK.confirm,
  invalidate: INVALIDATE_CALLBACK.confirm,
};

/** A view_submission (or view_closed) of a modal the app opened, as Bolt passes it to a listener. */
export function viewArgs(
  f: Fakes,
  { plan, metadata, values = {}, userId = ADMIN, type = 'view_submission' }: ViewOptions,
) {
  // A modal the app opened: its plan is kept for it, as the confirmation keeps it.
  if (plan && metadata === undefined) void f.store.keepPlan(plan, VIEW_ID);
  const view = {
    type: 'modal',
    callback_id: plan ? CALLBACKS[plan.kind] : RESET_CALLBACK.confirm,
    private_metadata: metadata ?? (plan ? planRef(plan) : ''),
    notify_on_close: true,
    blocks: [],
  };
  const submission = viewSubmissionPayload({ viewId: VIEW_ID, view, userId, triggerId: TRIGGER_ID, values });
  const body = type === 'view_closed' ? { ...submission, type, is_cleared: false } : submission;
  const ack = ackFn();
  const args = {
    payload: body.view,
    view: body.view,
    body,
    ack,
    respond: jest.fn(),
    client: CLIENT,
    logger: f.logger,
    context: {},
    next: jest.fn(),
  } as unknown as ViewArgs;
  return { args, ack };
}

/** What a listener can answer in its ack: a message (commands), or a response_action (view submissions). */
export interface AckAnswer {
  response_type?: string;
  text?: string;
  response_action?: string;
  errors?: Record<string, string>;
  view?: ModalView;
}

/** What the one ack call answered with (undefined for an empty ack). */
export function acked(ack: jest.Mock): AckAnswer | undefined {
  expect(ack).toHaveBeenCalledTimes(1);
  return ack.mock.calls[0]?.[0];
}

/** Asserts that the ack answered a usage error: a warning saying `said`, then the command's usage. */
export function expectUsageError(ack: jest.Mock, said: string, usage: string): void {
  const answer = acked(ack);
  expect(answer).toEqual({ response_type: 'ephemeral', text: expect.stringContaining(said) });
  expect(answer?.text).toMatch(/^:warning: /);
  expect(answer?.text?.endsWith(`\n\n${usage}`)).toBe(true);
}

/** The view an ack answered with `response_action: 'update'`. */
export function ackedView(ack: jest.Mock, call = -1): ModalView {
  const response = ack.mock.calls.at(call)?.[0] as AckAnswer | undefined;
  if (response?.response_action !== 'update' || !response.view) throw new Error('the ack did not update the view');
  return response.view;
}

/* state.values as Slack sends them for this app's inputs. */
export const reasonValue = (value: string) => ({
  [INPUT.reason.block]: { [INPUT.reason.action]: { type: 'plain_text_input', value } },
});
export const cooldownTicked = {
  [RESET_INPUT.cooldown.block]: {
    [RESET_INPUT.cooldown.action]: { type: 'checkboxes', selected_options: [{ value: 'again' }] },
  },
};
export const pickedUsers = (...ids: string[]) => ({
  [RESET_INPUT.users.block]: { [RESET_INPUT.users.action]: { type: 'multi_users_select', selected_users: ids } },
});
export const pickedScope = (value: string) => ({
  [RESET_INPUT.scope.block]: { [RESET_INPUT.scope.action]: { type: 'radio_buttons', selected_option: { value } } },
});
export const pickedSessions = (...values: string[]) => ({
  [INVALIDATE_INPUT.sessions.block]: {
    [INVALIDATE_INPUT.sessions.action]: { type: 'checkboxes', selected_options: values.map((value) => ({ value })) },
  },
});

type Listener<Args> = (deps: ListenerDeps) => (args: Args) => Promise<void>;

/** Calls a command listener made from `f.deps` with `text`; resolves with its ack and respond. */
export async function runCommand(f: Fakes, listener: Listener<CommandArgs>, text: string, command?: string) {
  const bag = commandArgs(f, text, { command });
  await listener(f.deps)(bag.args);
  return bag;
}

/** Calls a view listener made from `f.deps` with a submission (or close); resolves with its ack. */
export async function runView(f: Fakes, listener: Listener<ViewArgs>, options: ViewOptions): Promise<jest.Mock> {
  const { args, ack } = viewArgs(f, options);
  await listener(f.deps)(args);
  return ack;
}

/** Asserts the admin was told, by message through the command's response_url, that views.open was refused, and why. */
export function expectToldNotOpened(f: Fakes, why: string): void {
  const messages = f.surface.messages();
  expect(messages).toHaveLength(1);
  expect(messages[0]?.responseUrl).toBe(RESPONSE_URL);
  expect(messages[0]?.text).toContain(why);
  expect(messages[0]?.text).toMatch(/^:warning: The confirmation could not be opened: .* Nothing was changed; run/);
}

/** Asserts the admin was told, by message through the command's response_url, that the modal could not be updated. */
export function expectToldNotShown(f: Fakes): void {
  expect(f.surface.messages()).toEqual([
    {
      responseUrl: RESPONSE_URL,
      text: ':warning: The confirmation could not be shown: the modal was closed or Slack refused it. Nothing was changed; run the command again.',
    },
  ]);
}

/** The app_home_opened event as Bolt passes it; `isAdmin` is what the gate put in the context. */
export function homeArgs(
  f: Fakes,
  { user = ADMIN, isAdmin = true, tab = 'home' }: { user?: string; isAdmin?: boolean; tab?: string } = {},
) {
  const publish = jest.spyOn(f.surface, 'publishHome');
  const event = { type: 'app_home_opened', user, channel: 'D0DM000001', tab, event_ts: '1700000000.000100' };
  const args = {
    payload: event,
    event,
    body: { type: 'event_callback', team_id: TEAM, api_app_id: 'A0APP00001', event },
    context: { isAdmin },
    client: {},
    logger: f.logger,
    say: jest.fn(),
    next: jest.fn(),
  } as unknown as HomeArgs;
  return { args, publish };
}
