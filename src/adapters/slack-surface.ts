import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlackSurface } from '../ports/slack-surface';
import { postEphemeral } from './response-url';
import type { SlackCall } from './slack-call';
import { createDirectory } from './slack-directory';

/**
 * How long a message or a modal's result may wait for Slack's 429s. A result is the truth an admin waits for: worth
 * half a minute. views.open gets nothing: its trigger_id dies 3 s after the command, so a 429 there is told at once.
 */
const RESULT_BUDGET_MS = 30_000;
/** views.open may wait this long for its turn under Tier 4, well inside the 3-second trigger window. */
const OPEN_QUEUE_MS = 1500;

export interface SurfaceOptions {
  call: SlackCall;
  /** response_url posts: the longest one may take. */
  timeoutMs: number;
  /** How response_url posts reach Slack: the clients' own fetch (kept-alive connections, the egress proxy). */
  fetch: typeof fetch;
  /** Look-ups' budget for Slack's 429s (LOOKUP_RETRY_BUDGET_MS). */
  lookupBudgetMs: number;
  /** The response_url policy (responseUrlPolicy): a URL it refuses is never posted to. */
  isAllowedResponseUrl: (url: string) => boolean;
}

/** The Slack surface over a listener's bot-token client; every call goes through the app's paced `call`. */
export function slackSurface(client: WebClient, logger: Logger, options: SurfaceOptions): SlackSurface {
  const { call } = options;
  // A progress line is dropped rather than queued when Slack's limit has no room now: the next one, or the result, follows.
  const budget = (mayDrop?: boolean) =>
    mayDrop ? { attempts: 1, budgetMs: 0, maxQueueMs: 0 } : { attempts: 2, budgetMs: RESULT_BUDGET_MS };
  const failed = (method: string, code: string) => {
    logger.warn(`${method} failed: ${code}`);
    return { ok: false as const, code };
  };
  const endStep = async (method: string, args: Record<string, unknown>) => {
    const a = await call(client, method, args, budget());
    return a.ok ? { ok: true as const } : failed(method, a.failure.code);
  };
  return {
    async openModal(triggerId, view) {
      const a = await call(
        client,
        'views.open',
        { trigger_id: triggerId, view },
        {
          attempts: 1,
          budgetMs: 0,
          maxQueueMs: OPEN_QUEUE_MS,
        },
      );
      if (!a.ok) return failed('views.open', a.failure.code);
      const viewId = (a.data.view as { id?: unknown } | undefined)?.id;
      // Without its id the modal cannot be filled in: better to say so now than leave it loading.
      return typeof viewId === 'string' ? { ok: true, viewId } : { ok: false, code: 'no_view_id' };
    },
    async updateModal(viewId, view, options = {}) {
      const a = await call(client, 'views.update', { view_id: viewId, view }, budget(options.mayDrop));
      if (!a.ok && !(options.mayDrop && a.failure.code === 'ratelimited')) failed('views.update', a.failure.code);
      return a.ok;
    },
    async publishHome(userId, view) {
      const a = await call(client, 'views.publish', { user_id: userId, view }, budget());
      if (!a.ok) failed('views.publish', a.failure.code);
      return a.ok;
    },
    // The one reply path: a response_url comes from a payload, so it reaches Slack's hosts only, never a redirect.
    async postEphemeral(url, text) {
      if (!options.isAllowedResponseUrl(url)) {
        logger.warn('a reply to a response_url outside Slack was not sent');
        return false;
      }
      return postEphemeral(url, text, options);
    },
    async postMessage({ channel, text, blocks, threadTs }) {
      const args = {
        channel,
        text,
        ...(blocks ? { blocks } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
        unfurl_links: false,
        unfurl_media: false,
      };
      // One attempt after a 5xx or a timeout: a second could post the same message twice.
      const a = await call(client, 'chat.postMessage', args, { attempts: 1, budgetMs: RESULT_BUDGET_MS });
      if (!a.ok) return failed('chat.postMessage', a.failure.code);
      return typeof a.data.ts === 'string' ? { ok: true, ts: a.data.ts } : { ok: false, code: 'no_ts' };
    },
    async updateMessage(channel, ts, { text, blocks }, options = {}) {
      const args = { channel, ts, text, ...(blocks ? { blocks } : {}) };
      const a = await call(client, 'chat.update', args, budget(options.mayDrop));
      if (!a.ok && !(options.mayDrop && a.failure.code === 'ratelimited')) failed('chat.update', a.failure.code);
      return a.ok;
    },
    // A step completed twice is refused (execution_not_in_running_state), so a second attempt after a failure that may
    // have taken effect does no harm; its answer is logged.
    completeStep: (id, outputs) => endStep('functions.completeSuccess', { function_execution_id: id, outputs }),
    failStep: (id, error) => endStep('functions.completeError', { function_execution_id: id, error }),
    directory: createDirectory(client, { call, budgetMs: options.lookupBudgetMs }),
  };
}
