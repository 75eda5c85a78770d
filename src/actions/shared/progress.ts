import type { RunObserver } from '../../domain/run-plan';
import type { WaitNotice } from '../../ports/slack';
import type { SlackSurface } from '../../ports/slack-surface';
import { loadingView } from '../../views/blocks';

/** Slack allows views.update often, but an admin needs a fresh line every second or two, not a flood. */
const INTERVAL_MS = 1500;

/** One line for a wait under way, with the seconds still to go. */
export function waitingText({ method, code }: WaitNotice, leftMs: number): string {
  const seconds = Math.max(1, Math.ceil(leftMs / 1000));
  if (code === 'ratelimited') return `Slack asks us to wait ${seconds} s (rate limit on \`${method}\`).`;
  if (code === 'paced') return `Keeping to Slack's rate limit on \`${method}\`: the next call in ${seconds} s.`;
  return `Slack did not answer cleanly (\`${code}\` on \`${method}\`); trying again in ${seconds} s.`;
}

/**
 * Keeps a plan's progress current where the admin sees it (the modal, or an approval request's message) while it
 * runs: throttled, in order, and finished before the result replaces it (`close`), so a late progress update can
 * never hide the result. A wait stays on screen, counting down, until it is over, whatever finishes meanwhile.
 */
export function progressReporter(args: {
  total: number;
  /** Shows how many are finished, and why it waits when it does. */
  show(finished: number, waiting?: string): Promise<unknown>;
  /** Say nothing for the first interval: what finishes in a moment needs no progress line (a look-up of a few). */
  quietStart?: boolean;
  now?: () => number;
}): RunObserver & { close(): Promise<void> } {
  const { total, show } = args;
  const now = args.now ?? Date.now;
  let finished = 0;
  /** The waits under way, by method: the notice and when it ends. */
  const waits = new Map<string, { notice: WaitNotice; until: number }>();
  let last = args.quietStart ? now() : 0;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<unknown> = Promise.resolve();

  const waiting = (): string | undefined => {
    const t = now();
    for (const [method, w] of waits) if (w.until <= t) waits.delete(method);
    const lines = [...waits.values()].map((w) => waitingText(w.notice, w.until - t));
    return lines.length > 0 ? lines.join('\n') : undefined;
  };
  let pushed = false;
  const push = () => {
    timer = undefined;
    if (closed) return;
    pushed = true;
    last = now();
    const [f, w] = [finished, waiting()];
    chain = chain.then(() => show(f, w));
    // A wait on screen is counted down, and taken off once it is over.
    if (waits.size > 0) soon();
  };
  const soon = () => {
    if (closed || timer) return;
    const ends = Math.min(...[...waits.values()].map((w) => w.until));
    const next = Math.min(last + INTERVAL_MS, Number.isFinite(ends) ? Math.max(ends, now()) : Infinity);
    timer = setTimeout(push, Math.max(0, Math.max(next, last + 250) - now()));
  };

  return {
    onResult: () => {
      finished += 1;
      if (finished < total) soon();
    },
    onWait: (notice) => {
      waits.set(notice.method, { notice, until: now() + notice.waitMs });
      // A wait is worth saying at once, even in a quiet start.
      if (timer && !pushed) {
        clearTimeout(timer);
        timer = undefined;
      }
      if (!pushed) last = Math.min(last, now() - INTERVAL_MS);
      soon();
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await chain;
    },
  };
}

/**
 * The loading modal while a confirmation is prepared: how far the look-ups are (`what`), and every wait Slack asks
 * for. At Slack's tiers a group of hundreds takes a while to look up; the admin sees it move, never a frozen modal.
 */
export function lookupProgress(
  slack: SlackSurface,
  at: { viewId: string; title: string },
  total: number,
  what: (finished: number) => string,
): RunObserver & { close(): Promise<void> } {
  return progressReporter({
    total,
    quietStart: true,
    show: (finished, waiting) =>
      slack.updateModal(at.viewId, loadingView(at.title, what(finished), waiting), { mayDrop: true }),
  });
}
