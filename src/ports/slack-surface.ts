import type { HomeView, KnownBlock, ModalView } from '@slack/types';
import type { AuditRecord } from '../domain/audit-record';
import type { Directory } from './slack';

/**
 * What an admin sees of the app in Slack, as listeners use it: modals, messages through a command's response_url,
 * and the directory behind the bot token. No call throws: each says whether it reached Slack, so a listener can
 * tell the admin another way. A port, so a listener is tested with a plain object and no HTTP.
 */
export interface SlackSurface {
  /** Opens a modal on a command's trigger_id: its view id, or Slack's code for refusing. */
  openModal(triggerId: string, view: ModalView): Promise<{ ok: true; viewId: string } | { ok: false; code: string }>;
  /** Replaces an open modal's content; false when Slack refused (the admin closed it, say). */
  updateModal(viewId: string, view: ModalView, options?: UpdateOptions): Promise<boolean>;
  /** Shows a person the app's Home tab. */
  publishHome(userId: string, view: HomeView): Promise<boolean>;
  /** An ephemeral message to the admin through a response_url; false when it did not arrive. */
  postEphemeral(responseUrl: string, text: string): Promise<boolean>;
  /**
   * Posts in a channel, or a DM when `channel` is a user ID (the app's Messages tab), as the bot: the message's ts,
   * or Slack's code for refusing.
   */
  postMessage(message: Message): Promise<{ ok: true; ts: string } | { ok: false; code: string }>;
  /** Replaces a message the bot posted; false when Slack refused. */
  updateMessage(
    channel: string,
    ts: string,
    message: Omit<Message, 'channel' | 'threadTs'>,
    options?: UpdateOptions,
  ): Promise<boolean>;
  /**
   * Ends a run of a Workflow Builder step: functions.completeSuccess with its outputs (as manifest.yml declares them),
   * or functions.completeError with a sentence for the workflow's activity. Through the app's own bot token, never the
   * workflow token Slack sent with the step: the answer, or Slack's code for refusing.
   */
  completeStep(functionExecutionId: string, outputs: Record<string, string | number | boolean>): Promise<Sent>;
  failStep(functionExecutionId: string, error: string): Promise<Sent>;
  directory: Directory;
}

export type Sent = { ok: true } | { ok: false; code: string };

export interface UpdateOptions {
  /**
   * A progress line, not a result: skipped (false) when Slack's rate limit leaves no room for it now, instead of
   * queueing behind results. The next progress line, or the result, follows.
   */
  mayDrop?: boolean;
}

export interface Message {
  channel: string;
  /** The notification text, and what clients without blocks show. */
  text: string;
  blocks?: KnownBlock[];
  /** A reply in the thread under this message. */
  threadTs?: string;
}

/** Where audit records go (stdout, the store, the audit channel): recording never throws. */
export interface AuditLog {
  record(record: AuditRecord): Promise<void>;
}

/**
 * Posts, and turns Slack's refusal into an error: for the jobs and sinks whose caller logs (or counts) a post that
 * did not arrive, rather than reading the answer itself.
 */
export async function postOrThrow(slack: Pick<SlackSurface, 'postMessage'>, message: Message): Promise<void> {
  const posted = await slack.postMessage(message);
  if (!posted.ok) throw new Error(`chat.postMessage: ${posted.code}`);
}
