import type { RunObserver } from '../../domain/run-plan';
import type { RetryNotice } from '../../ports/slack';
import type { SlackSurface } from '../../ports/slack-surface';
import type { ActionWords } from '../../views/action-words';
import { progressView } from '../../views/result-view';

/** Slack allows views.update often, but an admin needs a fresh line every second or two, not a flood. */
const INTERVAL_MS = 1500;

function waitingText({ code, waitMs }: RetryNotice): string {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return code === 'ratelimited'
    ? `Slack is rate limiting these calls; waiting ${seconds} s before trying again.`
    : `Slack did not answer cleanly (\`${code}\`); trying again in ${seconds} s.`;
}

/**
 * Keeps the progress modal current while a plan runs: throttled, in order, and finished before the result replaces
 * it (`close`), so a late progress update can never hide the result.
 */
export function progressReporter(args: {
  slack: SlackSurface;
  viewId: string;
  words: ActionWords;
  total: number;
}): RunObserver & { close(): Promise<void> } {
  const { slack, viewId, words, total } = args;
  let finished = 0;
  let waiting: string | undefined;
  let last = 0;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<unknown> = Promise.resolve();

  const push = () => {
    timer = undefined;
    if (closed) return;
    last = Date.now();
    const view = progressView(words, total, finished, waiting);
    chain = chain.then(() => slack.updateModal(viewId, view));
  };
  const soon = () => {
    if (closed || timer) return;
    timer = setTimeout(push, Math.max(0, last + INTERVAL_MS - Date.now()));
  };

  return {
    onResult: () => {
      finished += 1;
      waiting = undefined;
      if (finished < total) soon();
    },
    onRetry: (notice) => {
      waiting = waitingText(notice);
      soon();
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await chain;
    },
  };
}
