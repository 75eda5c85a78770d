/** Requests exactly as Slack sends them (form-encoded, timestamped, signed), with a time bound on each. */
import { performance } from 'node:perf_hooks';
import { signature } from '../test/support/signed-request';

/** Milliseconds on a clock shared by every thread and process of the benchmark (epoch, sub-millisecond). */
export const clock = (): number => performance.timeOrigin + performance.now();

export interface Answer {
  status: number;
  text: string;
}

export async function postSigned(url: string, body: string, secret: string, timeoutMs: number): Promise<Answer> {
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature(secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, text: await res.text() };
  } catch (error) {
    return { status: 0, text: error instanceof Error ? error.name : String(error) };
  }
}

// The request bodies are the test suite's own, so the benchmark sends exactly what the e2e tests send.
export { commandBody, viewSubmissionBody } from '../test/support/slack-payloads';
