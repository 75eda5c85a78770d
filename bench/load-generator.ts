/** The parent side of the load worker (load-worker.ts): one worker thread for the whole run. */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LoadJob, LoadResult } from './load-worker';
import { FAKE, TARGET } from './params';
import { fake } from './servers';
import { log } from './timing';

/** The load generator: one worker thread for the whole run, so its keep-alive connections are reused. */
class LoadGenerator {
  private worker?: Worker;
  private nextId = 0;
  private readonly waiting = new Map<number, (result: LoadResult) => void>();

  run(job: LoadJob): Promise<LoadResult> {
    if (!this.worker) {
      this.worker = new Worker(join(__dirname, 'load-worker.js'));
      this.worker.on('message', (m: { id: number; result: LoadResult }) => {
        this.waiting.get(m.id)?.(m.result);
        this.waiting.delete(m.id);
      });
      this.worker.on('error', (error) => log(`load worker failed: ${error.message}`));
    }
    const id = ++this.nextId;
    const worker = this.worker;
    return new Promise((done, fail) => {
      const timer = setTimeout(
        () => {
          this.waiting.delete(id);
          fail(new Error(`load run ${job.triggerPrefix} did not finish in time`));
        },
        30_000 + job.requests * (200 + job.gapMs),
      );
      this.waiting.set(id, (result) => {
        clearTimeout(timer);
        done(result);
      });
      worker.postMessage({ id, job });
    });
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
  }
}

export const load = new LoadGenerator();

/** `/reset-sessions <@TARGET>` commands from the test admin to a server, closed loop or (with ratePerS) open loop. */
export function resetCommands(
  serverUrl: string,
  requests: number,
  triggerPrefix: string,
  pace: { concurrency: number; gapMs: number; ratePerS?: number },
): LoadJob {
  return {
    url: `${serverUrl}/slack/events`,
    secret: FAKE.signingSecret,
    requests,
    ...pace,
    command: '/reset-sessions',
    text: `<@${TARGET}>`,
    userId: FAKE.admin,
    triggerPrefix,
    responseUrlBase: fake.fake.responseUrl(''),
    timeoutMs: 10_000,
  };
}
