/**
 * The test suite's fake Slack (test/support/fake-slack.ts), with the benchmark's overrides: it timestamps every
 * views.open and views.update on the shared clock, can answer users.info late, and can enforce a scaled Tier 2 rate
 * limit on admin.users.session.reset and on admin.users.session.list (429 + integer Retry-After), counting per user
 * what succeeded and what was refused.
 */
import { FakeSlack, type RecordedCall } from '../test/support/fake-slack';
import { clock } from './slack-requests';

export interface ViewEvent {
  at: number;
  viewId: string;
  view: Record<string, unknown>;
}

export interface ResetStats {
  calls: number;
  ok: number;
  limited: number;
  /** Retry-After values (seconds) the fake sent this user's calls. */
  retryAfter: number[];
  /** The exact wait (ms) each of those 429s stood for, before rounding up to whole seconds. */
  neededWaitMs: number[];
  okAt: number[];
}

/** A sliding-window limiter: at most `limit` accepted calls in any `windowMs`. */
export class SlidingWindowLimiter {
  private accepted: number[] = [];
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** undefined when the call may go ahead; otherwise the exact wait and the Retry-After in whole seconds (>= 1). */
  check(now: number): { waitMs: number; retryAfter: number } | undefined {
    while (this.accepted.length > 0 && (this.accepted[0] ?? 0) <= now - this.windowMs) this.accepted.shift();
    if (this.accepted.length < this.limit) {
      this.accepted.push(now);
      return undefined;
    }
    const waitMs = (this.accepted[0] ?? now) + this.windowMs - now;
    return { waitMs, retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}

export class BenchFake {
  readonly fake = new FakeSlack();
  /** trigger_id -> the view views.open opened for it, and when the fake received the call. */
  readonly opened = new Map<string, { viewId: string; at: number }>();
  readonly triggerOfView = new Map<string, string>();
  /** view_id -> every views.update the app sent for it, in order. */
  readonly updates = new Map<string, ViewEvent[]>();
  /** Confirmation views shown (views.update with the reset confirmation's callback_id). */
  confirmations = 0;
  /** Milliseconds users.info waits before answering. */
  lookupDelayMs = 0;
  limiter?: SlidingWindowLimiter;
  /** The same scaled Tier 2 limit on admin.users.session.list, a budget of its own as at Slack. */
  listLimiter?: SlidingWindowLimiter;
  readonly lists = { calls: 0, limited: 0 };
  readonly resets = new Map<string, ResetStats>();
  private viewCount = 0;

  async start(): Promise<void> {
    const { fake } = this;
    fake.on('views.open', (call) => {
      const viewId = `V${String(++this.viewCount).padStart(9, '0')}`;
      const trigger = call.args.trigger_id ?? '';
      this.opened.set(trigger, { viewId, at: clock() });
      this.triggerOfView.set(viewId, trigger);
      return { body: { ok: true, view: { id: viewId } } };
    });
    fake.on('views.update', (call) => {
      const viewId = call.args.view_id ?? '';
      let view: Record<string, unknown> = {};
      try {
        view = JSON.parse(call.args.view ?? '{}') as Record<string, unknown>;
      } catch {
        // recorded as an empty view
      }
      const list = this.updates.get(viewId) ?? [];
      list.push({ at: clock(), viewId, view });
      this.updates.set(viewId, list);
      if (view.callback_id === 'reset_sessions_confirm') this.confirmations += 1;
      return { body: { ok: true, view: { id: viewId } } };
    });
    fake.on('users.info', (call) => {
      const user = fake.users.get(call.args.user ?? '');
      return {
        body: user ? { ok: true, user } : { ok: false, error: 'user_not_found' },
        delayMs: this.lookupDelayMs,
      };
    });
    fake.on('admin.users.session.reset', (call) => this.reset(call));
    fake.on('admin.users.session.list', () => {
      this.lists.calls += 1;
      const refused = this.listLimiter?.check(clock());
      if (refused === undefined) return undefined;
      this.lists.limited += 1;
      return {
        status: 429,
        headers: { 'retry-after': String(refused.retryAfter) },
        body: { ok: false, error: 'ratelimited' },
      };
    });
    await fake.start();
  }

  /** Only rate limiting and counting; a call within the limit falls through to the fake's own answer. */
  private reset(call: RecordedCall) {
    const userId = call.args.user_id ?? '';
    const stats = this.resets.get(userId) ?? {
      calls: 0,
      ok: 0,
      limited: 0,
      retryAfter: [],
      neededWaitMs: [],
      okAt: [],
    };
    this.resets.set(userId, stats);
    stats.calls += 1;
    const now = clock();
    const refused = this.limiter?.check(now);
    if (refused !== undefined) {
      stats.limited += 1;
      stats.retryAfter.push(refused.retryAfter);
      stats.neededWaitMs.push(refused.waitMs);
      return {
        status: 429,
        headers: { 'retry-after': String(refused.retryAfter) },
        body: { ok: false, error: 'ratelimited' },
      };
    }
    if (this.fake.users.has(userId)) {
      stats.ok += 1;
      stats.okAt.push(now);
    }
    return undefined;
  }

  /** The last views.update of a view matching `test`, or undefined. */
  findUpdate(viewId: string, test: (view: Record<string, unknown>) => boolean): ViewEvent | undefined {
    return (this.updates.get(viewId) ?? []).filter((e) => test(e.view)).at(-1);
  }

  stop(): Promise<void> {
    return this.fake.stop();
  }
}
