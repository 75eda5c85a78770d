import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { AuditAction } from '../domain/audit-record';
import type { ListenerDeps } from './shared/deps';

type Handler<Args> = (deps: ListenerDeps) => (args: AllMiddlewareArgs & Args) => Promise<void>;

/**
 * One thing an admin can do, as Slack reaches it: a slash command, and the modals it opens (each by callback_id,
 * with the handler of its Submit). Every modal also gets the shared Cancel listener, which records the cancel.
 */
export interface Action {
  /** What the audit trail calls it; a refused use of the command is recorded under it too. */
  audit: Exclude<AuditAction, 'other'>;
  /** The slash command, as declared in manifest.yml. */
  command: string;
  onCommand: Handler<SlackCommandMiddlewareArgs>;
  modals: { callbackId: string; onSubmit: Handler<SlackViewMiddlewareArgs> }[];
}
