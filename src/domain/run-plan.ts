import { type AdminApi, BULK_CALL_SIZE, type OnRetry } from '../ports/slack';
import type { SessionKey } from './plan';
import type { Outcome, ResetScope } from './types';

/** Tier 2 allows bursts of a few calls; more in parallel only earns 429s. */
export const CONCURRENCY = 3;

/**
 * The longest a plan of `calls` admin calls can run: its calls go `CONCURRENCY` at a time, and each takes at most
 * `attempts` timeouts plus the retry budget. Past that, with a margin, a plan still marked started was cut off.
 */
export function worstCaseMs(calls: number, limits: { attempts: number; timeoutMs: number; budgetMs: number }): number {
  const perCall = limits.attempts * limits.timeoutMs + limits.budgetMs;
  return Math.ceil(Math.max(1, calls) / CONCURRENCY) * perCall;
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
  onRetry?: OnRetry;
}

export function runReset(api: AdminApi, userIds: readonly string[], scope: ResetScope, observer: RunObserver = {}) {
  return mapLimit(userIds, CONCURRENCY, async (userId) => {
    const outcome = await settle(() => api.resetSessions(userId, scope, observer.onRetry));
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
    const outcome = await settle(() => api.resetSessionsBulk(batch, scope, observer.onRetry));
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
    const outcome = await settle(() => api.invalidateSession({ userId, ...session }, observer.onRetry));
    observer.onResult?.();
    return { target: { userId, ...session }, outcome };
  });
}
