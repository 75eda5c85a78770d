/**
 * The test suite's fake Slack (test/support/fake-slack.ts), with the benchmark's overrides: it timestamps every
 * views.open and views.update on the shared clock and can answer users.info late. Its rate tiers are off
 * (`rateScale` 0) except in section 3, which turns them on at the scale it runs.
 */
import { FakeSlack } from '../test/support/fake-slack';
import { clock } from './slack-requests';

export interface ViewEvent {
  at: number;
  viewId: string;
  view: Record<string, unknown>;
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
  private viewCount = 0;

  async start(): Promise<void> {
    const { fake } = this;
    fake.rateScale = 0;
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
    await fake.start();
  }

  /** The last views.update of a view matching `test`, or undefined. */
  findUpdate(viewId: string, test: (view: Record<string, unknown>) => boolean): ViewEvent | undefined {
    return (this.updates.get(viewId) ?? []).filter((e) => test(e.view)).at(-1);
  }

  stop(): Promise<void> {
    return this.fake.stop();
  }
}
