import type { App, Receiver } from '@slack/bolt';

/**
 * A receiver that hands bodies straight to the app, as bolt-js's own tests do: no HTTP, no signature, no socket.
 * `send` resolves with what the listener acked (undefined when it never acked).
 */
export class FakeReceiver implements Receiver {
  private app?: App;

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  async send(body: Record<string, unknown>): Promise<{ acked: boolean; response?: unknown }> {
    const answer: { acked: boolean; response?: unknown } = { acked: false };
    await this.app?.processEvent({
      body,
      ack: async (response?: unknown) => {
        answer.acked = true;
        answer.response = response;
      },
    });
    return answer;
  }
}
