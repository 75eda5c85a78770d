import type { RunObserver } from '../../domain/run-plan';
import type { RetryNotice } from '../../ports/slack';

/** Slack allows views.update often, but an admin needs a fresh line every second or two, not a flood. */
const INTERVAL_MS = 1500;

function waitingText({ code, waitMs }: RetryNotice): string {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return code === 'ratelimited'
    ? `Slack is rate limiting these calls; waiting ${seconds} s before trying again.`
    : `Slack did not answer cleanly (\`${code}\`); trying again in ${seconds} s.`;
}

/**
 * Keeps a plan's progress current where the admin sees it (the modal, or an approval request's message) while it
 * runs: throttled, in order, and finished before the result replaces it (`close`), so a late progress update can
 * never hide the result.
 */
export function progressReporter(args: {
  total: number;
  /** Shows how many are finished, and why it waits when Slack asked it to. */
  show(finished: number, waiting?: string): Promise<unknown>;
}): RunObserver & { close(): Promise<void> } {
  const { total, show } = args;
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
    const [f, w] = [finished, waiting];
    chain = chain.then(() => show(f, w));
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
