import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { requesterOf } from '../actions/workflow-step/ids';
import { USER_ID } from '../domain/ids';
import { noticeView } from '../views/blocks';

type Body = {
  type?: string;
  command?: string;
  response_url?: string;
  user_id?: string;
  user?: { id?: string };
  event?: {
    type?: string;
    user?: string;
    inputs?: Record<string, unknown>;
    function?: { callback_id?: string };
    function_execution_id?: string;
    workflow_execution_id?: string;
  };
};

/** A Workflow Builder step's run (`function_executed`): it asks for something, so it is gated like a command. */
const isStep = (body: Body): boolean => body.event?.type === 'function_executed';

type Kind = 'event' | 'command' | 'interaction';

/**
 * What a request is, decided as Bolt decides it (an event whenever there is one, then a command, then by `type`),
 * so the gate reads the same payload the listener will: stray fields of another kind (a `command` on an event)
 * change nothing.
 */
function kindOf(body: Body): Kind {
  if (body.event !== undefined || body.type === 'event_callback') return 'event';
  if (body.command !== undefined) return 'command';
  return 'interaction';
}

/**
 * Who is asking, from the field of the request's own kind, and only when it is a well-formed user ID. A step's asker
 * is the person who used the workflow: its `slack#/types/user_context` input, which Workflow Builder fills in and the
 * workflow's author cannot type. `function_executed` carries no workflow ID to allow instead, and an ID typed into
 * an input could be anyone's: the person is the one fact to check.
 */
export function invokerOf(body: Body): string | undefined {
  const kind = kindOf(body);
  const id =
    kind === 'event'
      ? isStep(body)
        ? requesterOf(body.event?.inputs)
        : body.event?.user
      : kind === 'command'
        ? body.user_id
        : body.user?.id;
  return typeof id === 'string' && USER_ID.test(id) ? id : undefined;
}

export interface Refusal {
  userId?: string;
  /** The slash command refused, if it was one: its action is what the record names. */
  command?: string;
  /** A clicked button's response_url: how to tell the person, who sees no modal and no ack text. */
  responseUrl?: string;
  /** A Workflow Builder step's run: to be failed, so the workflow does not wait for it. */
  step?: { callbackId: string; functionExecutionId: string; workflowExecutionId?: string };
}

/** Said to someone not on the allowlist who clicks an app button (an approval request's, say). */
export const BUTTON_REFUSAL =
  'You are not allowed to do that: only the admins named in the app’s configuration may. Your attempt was recorded.';

export const REFUSAL =
  'You are not allowed to use this command. It is limited to the admins named in the app’s configuration; ask your Slack administrators if you need access.';

/**
 * The one gate. Every command, view submission, block action and Workflow Builder step passes here before any
 * listener, so a new entry point cannot forget it; a refused request is acknowledged with a plain refusal, reported
 * through `onRefused`, and goes no further. Other events (App Home) pass with `context.isAdmin` set, for the listener
 * to show what fits.
 */
export function requireAdmin(
  adminUserIds: ReadonlySet<string>,
  onRefused: (refusal: Refusal) => Promise<void>,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as Body;
    const kind = kindOf(body);
    const userId = invokerOf(body);
    const allowed = userId !== undefined && adminUserIds.has(userId);
    if (kind === 'event' && !isStep(body)) {
      args.context.isAdmin = allowed;
      return args.next();
    }
    if (allowed) return args.next();
    const ack = 'ack' in args ? (args.ack as ((response?: unknown) => Promise<void>) | undefined) : undefined;
    if (isStep(body)) {
      const { event } = body;
      args.logger.warn(`refused a workflow step from ${userId ?? 'an unknown requester'}: not on ADMIN_USER_IDS`);
      await ack?.();
      const step = {
        callbackId: String(event?.function?.callback_id ?? ''),
        functionExecutionId: String(event?.function_execution_id ?? ''),
        ...(event?.workflow_execution_id ? { workflowExecutionId: event.workflow_execution_id } : {}),
      };
      await onRefused({ userId, step });
      return;
    }

    const command = kind === 'command' ? body.command : undefined;
    const what = command ?? body.type ?? 'request';
    args.logger.warn(`refused ${what} from ${userId ?? 'an unknown user'}: not on ADMIN_USER_IDS`);
    if (ack) {
      if (kind === 'command') await ack({ response_type: 'ephemeral', text: REFUSAL });
      else if (body.type === 'view_submission') {
        await ack({ response_action: 'update', view: noticeView('Not allowed', REFUSAL) });
      } else await ack();
    }
    const responseUrl = body.type === 'block_actions' ? body.response_url : undefined;
    await onRefused({ userId, command, responseUrl });
  };
}
