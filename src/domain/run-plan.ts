import { type AdminApi, BULK_CALL_SIZE, type OnWait } from '../ports/slack';
import type { PlannedTarget } from './audit-record';
import type { SessionKey } from './plan';
import type { Outcome, ResetScope } from './types';

export interface RunLimits {
  attempts: number;
  timeoutMs: number;
  budgetMs: number;
  /** The admin methods' tier as the app paces it: a plan of more calls than one window waits for the next. */
  tier: { calls: number; windowMs: number };
}

/**
 * The longest a plan of `calls` admin calls can run. Its calls all take their turn under the tier at once, so the
 * last one's turn comes after the windows before it; then it may take `attempts` timeouts plus its retry budget
 * (Slack answers a 429 at once, so its waits are the budget). Past that, with a margin, a plan still marked
 * started was cut off.
 */
export function worstCaseMs(calls: number, limits: RunLimits): number {
  const perCall = limits.attempts * limits.timeoutMs + limits.budgetMs;
  const pacing = Math.floor((Math.max(1, calls) - 1) / limits.tier.calls) * limits.tier.windowMs;
  return pacing + perCall;
}

/** Runs `task` over `items`, at most `limit` at a time, keeping results in the order of `items`. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A call that threw instead of answering: whether it reached Slack is unknown. */
async function settle(call: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await call();
  } catch {
    return { ok: false, code: 'unexpected_error', uncertain: true };
  }
}

/** Hears of each finished target and of each wait before a retry, to show progress. */
export interface RunObserver {
  onResult?: () => void;
  onWait?: OnWait;
}

/**
 * One admin.users.session.reset per person. Every call asks for its turn at once: the admin API's pace (Tier 2,
 * first come first served across the process) then runs a plan submitted first before one submitted after it, so
 * the first plan's check afterwards starts while later plans are still signing out.
 */
export function runReset(api: AdminApi, userIds: readonly string[], scope: ResetScope, observer: RunObserver = {}) {
  return Promise.all(
    userIds.map(async (userId) => {
      const outcome = await settle(() => api.resetSessions(userId, scope, observer.onWait));
      observer.onResult?.();
      return { target: { userId }, outcome };
    }),
  );
}

/**
 * One call per `size` targets, one call after another: Slack's methods that take many people at once (resetBulk,
 * the settings methods) answer for the whole call, so each target gets its call's outcome.
 */
export async function runBatches<T extends PlannedTarget>(
  targets: readonly T[],
  size: number,
  call: (batch: readonly T[], onWait?: OnWait) => Promise<Outcome>,
  observer: RunObserver = {},
): Promise<{ target: T; outcome: Outcome }[]> {
  const results: { target: T; outcome: Outcome }[] = [];
  for (let i = 0; i < targets.length; i += size) {
    const batch = targets.slice(i, i + size);
    const outcome = await settle(() => call(batch, observer.onWait));
    for (const target of batch) {
      results.push({ target, outcome });
      observer.onResult?.();
    }
  }
  return results;
}

/** A bulk reset: admin.users.session.resetBulk for BULK_CALL_SIZE people a call (Tier 2); ok means queued. */
export function runResetBulk(api: AdminApi, userIds: readonly string[], scope: ResetScope, observer: RunObserver = {}) {
  const targets = userIds.map((userId) => ({ userId }));
  const call = (batch: readonly PlannedTarget[], onWait?: OnWait) =>
    api.resetSessionsBulk(
      batch.map((t) => t.userId),
      scope,
      onWait,
    );
  return runBatches(targets, BULK_CALL_SIZE, call, observer);
}

/** One admin.users.session.invalidate per session, all asking for their turn at once (see runReset). */
export function runInvalidate(
  api: AdminApi,
  userId: string,
  sessions: readonly SessionKey[],
  observer: RunObserver = {},
) {
  return Promise.all(
    sessions.map(async (session) => {
      const outcome = await settle(() => api.invalidateSession({ userId, ...session }, observer.onWait));
      observer.onResult?.();
      return { target: { userId, ...session }, outcome };
    }),
  );
}
