import type { WebClient } from '@slack/web-api';
import type { OnWait } from '../ports/slack';
import { type CallFailure, callFailure } from './call-outcome';
import type { RatePacer } from './rate-tiers';

/** How one call may wait and be tried again. */
export interface CallPolicy {
  /**
   * The longest this call waits in all, counting what Slack asked (each 429's Retry-After) and the backoffs after
   * failures that may have taken effect. Waiting for its turn under the pace is not counted: that is the app's own
   * queue, it moves at the tier's rate, and the admin sees it move.
   */
  budgetMs: number;
  /** Attempts after a 5xx, a timeout or a dropped connection, the first included; 1 never repeats such a call. */
  attempts: number;
  /** The longest wait for a turn under the pace; past it the call is not sent and answers `ratelimited`. */
  maxQueueMs?: number;
  onWait?: OnWait;
  /**
   * Aborted when this call is no longer wanted: it sends nothing new, a wait ends at once, and it answers
   * `shutting_down`. Admin calls carry the app's stop signal, so no new sign-out starts while it stops (reports and
   * messages carry none, so the truth still reaches the admin); a look-up carries one when another way found the person.
   */
  stopSignal?: AbortSignal;
}

export type Answer =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; failure: CallFailure /** an earlier attempt may have taken effect */; afterUncertain: boolean };

/** A turn under the pace this long or longer is told to the admin: shorter ones are not worth a line. */
const TOLD_PACE_MS = 1000;

export interface SlackCallOptions {
  pacer: RatePacer;
  /** First backoff after a 5xx or a network failure; doubled each time, with jitter. */
  baseDelayMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Told of every call sent to Slack: its method, `ok` or the error code, and how long Slack took to answer. */
  observe?: (method: string, outcome: string, seconds: number) => void;
}

/** A wait that ends early when `signal` aborts. */
function interruptibleSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export type SlackCall = (
  client: WebClient,
  method: string,
  args: Record<string, unknown>,
  policy: CallPolicy,
) => Promise<Answer>;

/** One attempt at a call: Slack's answer, or why not (see callFailure). Never throws. */
export type Attempt = () => Promise<{ ok: true; data: Record<string, unknown> } | { ok: false; failure: CallFailure }>;

/**
 * A call paced like every Web API call: `attempt` is tried under `method`'s tier, as slackCall describes. For an API
 * that is not the Web API but shares its rules (the Audit Logs API: a GET on another base URL, with its own tier).
 */
export type PacedCall = (
  method: string,
  args: Record<string, unknown>,
  policy: CallPolicy,
  attempt: Attempt,
) => Promise<Answer>;

/**
 * The one way the app calls Slack's Web API: every call takes its turn under its method's tier (shared by every
 * call in the process), a 429 holds every call to that method for Retry-After and is tried again for as long as the
 * call's budget allows (a 429 means nothing was done, so it is never a reason to give up early), and a failure that
 * may have taken effect is tried again with backoff, a bounded number of times. Never throws: the answer or why not.
 */
export function slackCall(options: SlackCallOptions): SlackCall {
  const paced = pacedCall(options);
  return (client, method, args, policy) =>
    paced(method, args, policy, async () => {
      try {
        return { ok: true, data: (await client.apiCall(method, args)) as unknown as Record<string, unknown> };
      } catch (error) {
        return { ok: false, failure: callFailure(error) };
      }
    });
}

/** The pace, the 429 holds and the retries of slackCall, around any attempt. */
export function pacedCall(options: SlackCallOptions): PacedCall {
  const { pacer } = options;
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const sleep = options.sleep ?? interruptibleSleep;
  const random = options.random ?? Math.random;
  const observe = options.observe ?? (() => {});
  const stopped = { ok: false, failure: { code: 'shutting_down', uncertain: false } } as const;

  return async (method, args, policy, attempt) => {
    const { stopSignal } = policy;
    let waited = 0;
    let afterUncertain = false;
    let told = false;
    for (let tries = 1; ; ) {
      // Held: some call to this method heard 429 (this one, or another plan's), and everyone waits it out.
      const held = pacer.heldFor(method, args) > 0;
      const turn = pacer.reserve(method, args, policy.maxQueueMs);
      if (turn === undefined) {
        return { ok: false, failure: { code: 'ratelimited', uncertain: false }, afterUncertain };
      }
      const { waitMs: wait } = turn;
      if (!told && (held || wait >= TOLD_PACE_MS)) {
        policy.onWait?.({ method, code: held ? 'ratelimited' : 'paced', waitMs: wait });
      }
      told = false;
      if (wait > 0) await sleep(wait, stopSignal);
      // Not wanted any more before its turn came: the turn goes back to the calls still waiting.
      if (stopSignal?.aborted) {
        turn.giveBack();
        return { ...stopped, afterUncertain };
      }
      // A 429 heard by another call while this one waited for its turn: take a new turn after the hold.
      if (pacer.heldFor(method, args) > 0) continue;
      const sent = performance.now();
      const answer = await attempt();
      if (answer.ok) {
        observe(method, 'ok', (performance.now() - sent) / 1000);
        return answer;
      }
      const { failure } = answer;
      observe(method, failure.code, (performance.now() - sent) / 1000);
      const limited = failure.code === 'ratelimited';
      if (!limited && (!failure.uncertain || tries >= policy.attempts)) {
        return { ok: false, failure, afterUncertain };
      }
      // web-api reads Retry-After as whole seconds; without one, a second is Slack's usual answer.
      const waitMs = limited
        ? (failure.retryAfter ?? 1) * 1000
        : Math.round(baseDelayMs * 2 ** (tries - 1) * (0.5 + random()));
      // Slack's limit is the method's, not this call's: every call to it waits, whether or not this one goes on.
      if (limited) pacer.hold(method, args, waitMs);
      if (waited + waitMs > policy.budgetMs) return { ok: false, failure, afterUncertain };
      waited += waitMs;
      policy.onWait?.({ method, code: failure.code, waitMs });
      told = true;
      // The hold makes this call wait too, at its next turn.
      if (limited) continue;
      afterUncertain = true;
      tries += 1;
      await sleep(waitMs, stopSignal);
    }
  };
}
