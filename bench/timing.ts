/** The run's clock: when it started, sleeping, waiting for a condition, and log lines stamped with the run time. */
import { clock } from './slack-requests';

export const STARTED = clock();
export const sleep = (t: number) => new Promise<void>((r) => setTimeout(r, t));
export const log = (line: string) =>
  process.stderr.write(`[bench ${((clock() - STARTED) / 1000).toFixed(1)}s] ${line}\n`);

export async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = clock() + timeoutMs;
  while (!condition()) {
    if (clock() > deadline) return false;
    await sleep(10);
  }
  return true;
}
