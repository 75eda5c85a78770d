import { type AdminApi, BULK_CALL_SIZE, type OnWait } from '../ports/slack';
import type { SessionKey } from './plan';
import type { Outcome, ResetScope } from './types';

/**
 * Admin calls of one plan in flight at once. The pace is the admin API's (Tier 2, shared by every plan in the
 * process); a few in flight keep its turns used while a call's answer is on its way.
 */
export const CONCURRENCY = 3;

export interface RunLimits {
  attempts: number;
  timeoutMs: number;
  budgetMs: number;
  /** The admin methods' tier as the app paces it: a plan of more calls than one window waits for the next. */
  tier: { calls: number; windowMs: number };
}

/**
 * The longest a plan of `calls` admin calls can run: its turns under the tier, then its calls `CONCURRENCY` at a
 * time, each taking at most `attempts` timeouts plus its retry budget (Slack answers a 429 at once, so its waits are
 * the budget). Past that, with a margin, a plan still marked started was cut off.
 */
export function worstCaseMs(calls: number, limits: RunLimits): number {
  const perCall = limits.attempts * limits.timeoutMs + limits.budgetMs;
  const n = Math.max(1, calls);
  const pacing = Math.floor((n - 1) / limits.tier.calls) * limits.tier.windowMs;
  return pacing + Math.ceil(n / CONCURRENCY) * perCall;
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

export function runReset(api: AdminApi, userIds: readonly string[], scope: ResetScope, observer: RunObserver = {}) {
  return mapLimit(userIds, CONCURRENCY, async (userId) => {
    const outcome = await settle(() => api.resetSessions(userId, scope, observer.onWait));
    observer.onResult?.();
    return { target: { userId }, outcome };
  });
}

/**
 * A bulk reset: one admin.users.session.resetBulk per BULK_CALL_SIZE people, one call after another (Tier 2), each
 * person getting their call's outcome: ok means queued.
 */
export async function runResetBulk(
  api: AdminApi,
  userIds: readonly string[],
  scope: ResetScope,
  observer: RunObserver = {},
): Promise<{ target: { userId: string }; outcome: Outcome }[]> {
  const results: { target: { userId: string }; outcome: Outcome }[] = [];
  for (let i = 0; i < userIds.length; i += BULK_CALL_SIZE) {
    const batch = userIds.slice(i, i + BULK_CALL_SIZE);
    const outcome = await settle(() => api.resetSessionsBulk(batch, scope, observer.onWait));
    for (const userId of batch) {
      results.push({ target: { userId }, outcome });
      observer.onResult?.();
    }
  }
  return results;
}

export function runInvalidate(
  api: AdminApi,
  userId: string,
  sessions: readonly SessionKey[],
  observer: RunObserver = {},
) {
  return mapLimit(sessions, CONCURRENCY, async (session) => {
    const outcome = await settle(() => api.invalidateSession({ userId, ...session }, observer.onWait));
    observer.onResult?.();
    return { target: { userId, ...session }, outcome };
  });
}
