import type { Logger } from '@slack/bolt';
import { type KeptPlan, PLAN_TTL_MS } from '../domain/plan';
import type { AuditStore } from '../ports/audit-store';

/** Plans held in this process at most, besides the store: confirmations shown within PLAN_TTL_MS. */
const KEPT_HERE = 500;

export type StoreState = 'ok' | 'unreachable';

export interface WatchedStore {
  /** The same store, with every call bounded in time and failing fast while the database is known to be down. */
  store: AuditStore;
  /** Asks the database now (at most once per `retryAfterMs`), even while calls fail fast: for /healthz. */
  probe(): Promise<StoreState>;
}

export interface WatchOptions {
  logger: Logger;
  /**
   * How long a read or a claim may take. They run before Submit is answered, inside Slack's 3-second window: a
   * database that does not answer must leave time to run the plan and say so, not time the admin out.
   */
  deadlineMs: number;
  /** After a failure, calls fail at once for this long instead of each waiting out the deadline again. */
  retryAfterMs: number;
  now?: () => number;
}

class StoreUnreachable extends Error {}

/**
 * Watches the audit store for an outage mid-incident. The app goes on without it (see docs/operations.md, "Running more
 * than one replica"): every caller already treats an unreadable store as "not known", and this makes that answer
 * quick, logs the outage once when it begins and once when it ends, and tells /healthz.
 */
export function watchStore(inner: AuditStore, options: WatchOptions): WatchedStore {
  const { logger, deadlineMs, retryAfterMs } = options;
  const now = options.now ?? Date.now;
  let state: StoreState = 'ok';
  let downSince = 0;
  let lastFailure = 0;
  let lastProbe = 0;
  /** Plans kept in this process, oldest first (a Map keeps insertion order). */
  const keptHere = new Map<string, KeptPlan>();

  const failed = (error: unknown) => {
    lastFailure = now();
    if (state === 'ok') {
      state = 'unreachable';
      downSince = lastFailure;
      logger.error(
        `AUDIT STORE UNREACHABLE: ${String(error)}. Plans still run; records reach the log stream and the audit channel only, run-once holds per replica and the cooldown is not checked, until it is back.`,
      );
    }
  };
  const reached = () => {
    if (state === 'unreachable') {
      logger.warn(`audit store reachable again after ${Math.round((now() - downSince) / 1000)} s`);
      state = 'ok';
    }
  };
  const withDeadline = <T>(work: Promise<T>, ms: number): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreUnreachable(`no answer within ${ms} ms`)), ms);
    });
    return Promise.race([work, late]).finally(() => clearTimeout(timer));
  };
  const call = async <T>(work: () => Promise<T>, ms: number | undefined, failFast = true): Promise<T> => {
    if (failFast && state === 'unreachable' && now() - lastFailure < retryAfterMs) {
      throw new StoreUnreachable('the audit store is unreachable (failing fast)');
    }
    try {
      const result = await (ms === undefined ? work() : withDeadline(work(), ms));
      reached();
      return result;
    } catch (error) {
      failed(error);
      throw error;
    }
  };

  const store: AuditStore = {
    migrate: () => inner.migrate(),
    // A record is written after the admin was answered: it gets the pool's own timeouts, not the short deadline.
    append: (record) => call(() => inner.append(record), undefined),
    recent: (limit) => call(() => inner.recent(limit), deadlineMs),
    refusalsSince: (since) => call(() => inner.refusalsSince(since), deadlineMs),
    forTarget: (userId, limit) => call(() => inner.forTarget(userId, limit), deadlineMs),
    lastActed: (action, ids, since, except) => call(() => inner.lastActed(action, ids, since, except), deadlineMs),
    unfinishedPlans: () => call(() => inner.unfinishedPlans(), deadlineMs),
    wasExecuted: (requestId) => call(() => inner.wasExecuted(requestId), deadlineMs),
    claim: (requestId) => call(() => inner.claim(requestId), deadlineMs),
    throttle: (key, windowMs, at) => call(() => inner.throttle(key, windowMs, at), deadlineMs),
    createApproval: (request) => call(() => inner.createApproval(request), deadlineMs),
    getApproval: (id) => call(() => inner.getApproval(id), deadlineMs),
    setApprovalMessage: (id, channel, ts) => call(() => inner.setApprovalMessage(id, channel, ts), deadlineMs),
    // Decided after Slack was answered, and it must not be given up on while it may still commit: no short deadline.
    decideApproval: (id, decision) => call(() => inner.decideApproval(id, decision), undefined),
    pendingApprovals: () => call(() => inner.pendingApprovals(), deadlineMs),
    expiredApprovals: (at) => call(() => inner.expiredApprovals(at), deadlineMs),
    // Kept here too: the replica that showed a confirmation still runs its Submit while the database is out
    // (another replica then says it cannot read the plan back). The outage itself is logged by `failed`.
    async keepPlan(plan, viewId) {
      keptHere.set(plan.requestId, { plan, viewId, keptAt: new Date(now()) });
      for (const [id, k] of keptHere) {
        if (keptHere.size <= KEPT_HERE && now() - k.keptAt.getTime() <= PLAN_TTL_MS) break;
        keptHere.delete(id);
      }
      await call(() => inner.keepPlan(plan, viewId), deadlineMs).catch(() => undefined);
    },
    async keptPlan(requestId) {
      const here = keptHere.get(requestId);
      if (here && now() - here.keptAt.getTime() <= PLAN_TTL_MS) return here;
      return call(() => inner.keptPlan(requestId), deadlineMs);
    },
    unconfirmedRuns: (since) => call(() => inner.unconfirmedRuns(since), deadlineMs),
    takeTurn: (key, at, holdUntil) => call(() => inner.takeTurn(key, at, holdUntil), deadlineMs),
    endTurn: (key, nextAt, note) => call(() => inner.endTurn(key, nextAt, note), deadlineMs),
    recordsOf: (requestId) => call(() => inner.recordsOf(requestId), deadlineMs),
    firstUse: (signature, expiresAt) => call(() => inner.firstUse(signature, expiresAt), deadlineMs),
    keepApiRequest: (request) => call(() => inner.keepApiRequest(request), deadlineMs),
    apiRequest: (requestId) => call(() => inner.apiRequest(requestId), deadlineMs),
    close: () => inner.close(),
  };
  return {
    store,
    async probe() {
      if (now() - lastProbe < retryAfterMs) return state;
      lastProbe = now();
      await call(() => inner.recent(1), deadlineMs, false).catch(() => undefined);
      return state;
    },
  };
}
