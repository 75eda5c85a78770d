/**
 * Worker thread: the load generator for the ack benchmark. It runs on its own event loop so that the fake Slack
 * in the main thread (which serves the app's post-ack Web API calls) does not delay the measurement of acks, and it
 * lives for the whole benchmark so its keep-alive connections to each server are reused from run to run.
 */
import { parentPort } from 'node:worker_threads';
import { clock, commandBody, postSigned } from './slack-requests';

export interface LoadJob {
  url: string;
  secret: string;
  requests: number;
  concurrency: number;
  /** Pause after each answer before the same client sends again (0: closed loop, back to back). */
  gapMs: number;
  command: string;
  text: string;
  userId: string;
  triggerPrefix: string;
  responseUrlBase: string;
  timeoutMs: number;
  /** Open loop: send at this many commands a second, on schedule, whatever the answers (no concurrency cap). */
  ratePerS?: number;
}

export interface LoadSample {
  triggerId: string;
  sentAt: number;
  ackMs: number;
  status: number;
  /** The app answered "busy" in the ack (too many commands in flight): no modal is owed. */
  busy: boolean;
}

export interface LoadResult {
  samples: LoadSample[];
  wallMs: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function run(job: LoadJob): Promise<LoadResult> {
  const samples: LoadSample[] = [];
  let next = 0;
  const start = clock();
  const send = async (i: number) => {
    const triggerId = `${job.triggerPrefix}.${i}`;
    const body = commandBody({
      command: job.command,
      text: job.text,
      userId: job.userId,
      triggerId,
      responseUrl: `${job.responseUrlBase}${triggerId}`,
    });
    const sentAt = clock();
    const answer = await postSigned(job.url, body, job.secret, job.timeoutMs);
    const busy = answer.status === 200 && answer.text.includes('The app is busy');
    samples.push({ triggerId, sentAt, ackMs: clock() - sentAt, status: answer.status, busy });
  };
  const client = async () => {
    while (next < job.requests) {
      await send(next++);
      if (job.gapMs > 0) await sleep(job.gapMs);
    }
  };
  if (job.ratePerS) {
    const interval = 1000 / job.ratePerS;
    const sends: Promise<void>[] = [];
    for (let i = 0; i < job.requests; i++) {
      const due = start + i * interval;
      const wait = due - clock();
      if (wait > 0) await sleep(wait);
      sends.push(send(i));
    }
    await Promise.all(sends);
    return { samples, wallMs: clock() - start };
  }
  await Promise.all(Array.from({ length: Math.min(job.concurrency, job.requests) }, client));
  return { samples, wallMs: clock() - start };
}

parentPort?.on('message', (message: { id: number; job: LoadJob }) => {
  void run(message.job).then((result) => parentPort?.postMessage({ id: message.id, result }));
});
