import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { ACTIONS } from '../actions/registry';
import type { AuditAction } from '../domain/audit-record';
import { noticeView } from '../views/blocks';

type Body = {
  type?: string;
  command?: string;
  response_url?: string;
  user_id?: string;
  user?: { id?: string };
  event?: { user?: string };
};

/** Who is asking, for every kind of request a person can start. */
export function invokerOf(body: Body): string | undefined {
  if (typeof body.command === 'string') return body.user_id;
  if (body.type === 'event_callback') return body.event?.user;
  return body.user?.id;
}

/** What the audit trail calls a command's action; anything else a refused person tries is "other". */
const auditActionOf = (command?: string): AuditAction => ACTIONS.find((a) => a.command === command)?.audit ?? 'other';

export interface Refusal {
  userId?: string;
  action: AuditAction;
  /** A clicked button's response_url: how to tell the person, who sees no modal and no ack text. */
  responseUrl?: string;
}

/** Said to someone not on the allowlist who clicks an app button (an approval request's, say). */
export const BUTTON_REFUSAL =
  'You are not allowed to do that: only the admins named in the app’s configuration may. Your attempt was recorded.';

export const REFUSAL =
  'You are not allowed to use this command. It is limited to the admins named in the app’s configuration; ask your Slack administrators if you need access.';

/**
 * The one gate. Every command, view submission and block action passes here before any listener, so a new entry
 * point cannot forget it; a refused request is acknowledged with a plain refusal, reported through `onRefused`, and
 * goes no further. Events (App Home) pass with `context.isAdmin` set, for the listener to show what fits.
 */
export function requireAdmin(
  adminUserIds: ReadonlySet<string>,
  onRefused: (refusal: Refusal) => Promise<void>,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as Body;
    const userId = invokerOf(body);
    const allowed = userId !== undefined && adminUserIds.has(userId);
    if (body.type === 'event_callback') {
      args.context.isAdmin = allowed;
      return args.next();
    }
    if (allowed) return args.next();

    const what = body.command ?? body.type ?? 'request';
    args.logger.warn(`refused ${what} from ${userId ?? 'an unknown user'}: not on ADMIN_USER_IDS`);
    const ack = 'ack' in args ? (args.ack as (response?: unknown) => Promise<void>) : undefined;
    if (ack) {
      if (body.command) await ack({ response_type: 'ephemeral', text: REFUSAL });
      else if (body.type === 'view_submission') {
        await ack({ response_action: 'update', view: noticeView('Not allowed', REFUSAL) });
      } else await ack();
    }
    const responseUrl = body.type === 'block_actions' ? body.response_url : undefined;
    await onRefused({ userId, action: auditActionOf(body.command), responseUrl });
  };
}
