/**
 * Slack's rate limits for every Web API method the app calls, and a pace that keeps within them.
 *
 * Source: Slack's method reference (each method's page, "Rate limits"; https://docs.slack.dev/reference/methods) and
 * its rate-limit guide (https://docs.slack.dev/apis/web-api/rate-limits): Tier 1 is 1+ a minute, Tier 2 20+, Tier 3
 * 50+, Tier 4 100+, counted per method and per workspace (per organization for the org-level tokens an org-wide
 * install gets, which is what this app holds). chat.postMessage is "special": about one message a second per channel.
 * The "+" means Slack tolerates bursts past it; the app keeps to the number and treats any 429 as "wait".
 */

/** A reserved moment to send one call. */
export interface Turn {
  waitMs: number;
  giveBack(): void;
}

export interface RateLimit {
  /** Calls allowed in any window of `windowMs`. */
  calls: number;
  windowMs: number;
}

const MINUTE = 60_000;
const TIER_2: RateLimit = { calls: 20, windowMs: MINUTE };
const TIER_3: RateLimit = { calls: 50, windowMs: MINUTE };
const TIER_4: RateLimit = { calls: 100, windowMs: MINUTE };
const ONE_PER_SECOND: RateLimit = { calls: 1, windowMs: 1000 };

/** How the app names the Audit Logs API's one endpoint it calls, in its pace and its metrics. */
export const AUDIT_LOGS = 'audit/v1/logs';

export const RATE_TIERS: Readonly<Record<string, RateLimit>> = {
  'admin.users.session.reset': TIER_2,
  'admin.users.session.resetBulk': TIER_2,
  'admin.users.session.invalidate': TIER_2,
  'admin.users.session.list': TIER_2,
  'admin.users.session.getSettings': TIER_4,
  'admin.users.session.setSettings': TIER_4,
  'admin.users.session.clearSettings': TIER_4,
  'usergroups.users.list': TIER_2,
  'users.list': TIER_2,
  'users.lookupByEmail': TIER_3,
  'users.info': TIER_4,
  'views.open': TIER_4,
  'views.update': TIER_4,
  'views.push': TIER_4,
  'views.publish': TIER_4,
  'conversations.open': TIER_3,
  'chat.update': TIER_3,
  // Per channel (a DM's channel is the person's ID): see keyOf.
  'chat.postMessage': ONE_PER_SECOND,
  'functions.completeSuccess': TIER_3,
  'functions.completeError': TIER_3,
  // Not a Web API method: the Audit Logs API's GET /logs (its own base URL), Tier 3 counted across the whole
  // organization, so every replica, and any SIEM reading the same log, shares it (Slack's Audit Logs reference).
  [AUDIT_LOGS]: TIER_3,
};

/**
 * Slack counts arrivals, the app counts departures: a margin keeps a call that left late (a busy event loop, a slow
 * connection) from sharing a window with one that arrives early.
 */
const marginOf = (limit: RateLimit) => limit.windowMs / 40 + 50;

/** What Slack counts a call against: the method, and for chat.postMessage the channel too. */
function keyOf(method: string, args: Record<string, unknown>): string {
  return method === 'chat.postMessage' ? `${method}:${String(args.channel ?? '')}` : method;
}

/**
 * The app's calls in flight in one process, spread over time so that no method's window holds more calls than its
 * tier, and held back together once Slack says 429 (Retry-After applies to the method, not to the call that heard
 * it). Calls are served in the order they asked. Replicas pace on their own: between them it is Slack's 429 that
 * paces (see docs/operations.md, "Rate limits").
 *
 * `scale` runs every tier that many times faster: a fake Slack in tests and the benchmark enforces the same tiers
 * scaled, so a test of 300 people need not take Slack's minutes.
 */
export class RatePacer {
  /** Per key, the send times given out within the last window and to come, oldest first. */
  private readonly sent = new Map<string, number[]>();
  private readonly heldUntil = new Map<string, number>();

  constructor(
    readonly scale = 1,
    private readonly now: () => number = Date.now,
  ) {}

  /** The method's limit as paced here (scaled), or undefined for a method Slack does not tier (auth.test). */
  limitOf(method: string): RateLimit | undefined {
    const tier = RATE_TIERS[method];
    return tier && { calls: tier.calls, windowMs: tier.windowMs / this.scale };
  }

  /** The pace the app keeps for a method: its tier's calls per scaled window, the margin included. */
  paceOf(method: string): RateLimit {
    const limit = this.limitOf(method) ?? { calls: 1, windowMs: 0 };
    return { calls: limit.calls, windowMs: limit.windowMs + marginOf(limit) };
  }

  /**
   * Reserves the next free moment to send a call: how long from now that is, and a way to give the turn back (a
   * call no longer wanted before its turn came). When the turn is further away than `maxWaitMs`, nothing is
   * reserved and undefined comes back: the caller decides not to send at all.
   */
  reserve(method: string, args: Record<string, unknown>, maxWaitMs = Number.POSITIVE_INFINITY): Turn | undefined {
    const key = keyOf(method, args);
    const now = this.now();
    const held = this.heldUntil.get(key) ?? 0;
    const limit = this.limitOf(method);
    if (!limit) return { waitMs: held > now ? held - now : 0, giveBack: () => {} };
    const span = limit.windowMs + marginOf(limit);
    const times = this.sent.get(key) ?? [];
    // Turns a window past are of no more account; the rest, used and to come, are kept in order.
    const stale = times.findIndex((t) => t > now - span);
    times.splice(0, stale < 0 ? times.length : stale);
    const oldest = times.length >= limit.calls ? (times[times.length - limit.calls] ?? 0) : undefined;
    const at = Math.max(now, held, oldest === undefined ? now : oldest + span);
    if (at - now > maxWaitMs) return undefined;
    times.push(at);
    this.sent.set(key, times);
    return {
      waitMs: at - now,
      giveBack: () => {
        // Only a turn still to come: one already used was a call Slack counted.
        const i = times.lastIndexOf(at);
        if (i >= 0 && at > this.now()) times.splice(i, 1);
      },
    };
  }

  /** Slack said 429 with Retry-After: no call to the method (or channel) is sent until then. */
  hold(method: string, args: Record<string, unknown>, ms: number): void {
    const key = keyOf(method, args);
    this.heldUntil.set(key, Math.max(this.heldUntil.get(key) ?? 0, this.now() + ms));
  }

  /** Until when calls to the method are held after a 429 (0 when they are not). */
  heldFor(method: string, args: Record<string, unknown>): number {
    return Math.max(0, (this.heldUntil.get(keyOf(method, args)) ?? 0) - this.now());
  }
}
