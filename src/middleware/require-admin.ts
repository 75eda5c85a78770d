import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { noticeView } from '../views/blocks';

type Body = {
  type?: string;
  command?: string;
  user_id?: string;
  user?: { id?: string };
};

/** Who is asking, for every kind of request a person can start. Events carry no invoker to gate. */
export function invokerOf(body: Body): string | undefined {
  if (typeof body.command === 'string') return body.user_id;
  if (body.type === 'event_callback') return undefined;
  return body.user?.id;
}

export const REFUSAL =
  'You are not allowed to use this command. It is limited to the admins named in the app’s configuration; ask your Slack administrators if you need access.';

/**
 * The one gate. Every command, view submission and block action passes here before any listener, so a new entry
 * point cannot forget it; a refused request is acknowledged with a plain refusal and goes no further.
 */
export function requireAdmin(adminUserIds: ReadonlySet<string>): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as Body;
    if (body.type === 'event_callback') return args.next();
    const userId = invokerOf(body);
    if (userId !== undefined && adminUserIds.has(userId)) return args.next();

    const what = body.command ?? body.type ?? 'request';
    args.logger.warn(`refused ${what} from ${userId ?? 'an unknown user'}: not on ADMIN_USER_IDS`);
    const ack = 'ack' in args ? (args.ack as (response?: unknown) => Promise<void>) : undefined;
    if (!ack) return;
    if (body.command) await ack({ response_type: 'ephemeral', text: REFUSAL });
    else if (body.type === 'view_submission') {
      await ack({ response_action: 'update', view: noticeView('Not allowed', REFUSAL) });
    } else await ack();
  };
}
