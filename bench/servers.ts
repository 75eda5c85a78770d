/**
 * What every case shares at run time: the fake Slack, the running app and bare Bolt children, their environment,
 * and the count of confirmation modals the app owes (the drain waits for them).
 */
import { BenchFake } from './bench-fake';
import type { Child, Kind } from './children';
import { FAKE, P, THROUGHPUT_RATE_SCALE } from './params';
import { log, waitUntil } from './timing';

export const fake = new BenchFake();
export const children: Partial<Record<Kind, Child>> = {};
/** Confirmation modals the app must show (one per /reset-sessions it was sent); the drain waits for them. */
let expectedConfirmations = 0;

/** Records that the app was sent `n` more /reset-sessions commands, each owing a confirmation modal. */
export function expectConfirmations(n: number): void {
  expectedConfirmations += n;
}

export function baseEnv(): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: FAKE.botToken,
    SLACK_ADMIN_TOKEN: FAKE.adminToken,
    SLACK_SIGNING_SECRET: FAKE.signingSecret,
    ADMIN_USER_IDS: FAKE.admin,
    SLACK_API_URL: fake.fake.url,
    MAX_TARGETS: String(P.maxTargets),
    SLACK_RATE_SCALE: String(THROUGHPUT_RATE_SCALE),
    LOG_LEVEL: 'info',
    BENCH_MAX_LIFETIME_MS: String(P.watchdogMs + 10_000),
  };
}

export function must(kind: Kind): Child {
  const child = children[kind];
  if (!child) throw new Error(`${kind} is not running`);
  return child;
}

/** Waits until the app has finished the post-ack work of every command sent so far (its confirmation is shown). */
export async function drain(timeoutMs = 30_000): Promise<boolean> {
  const ok = await waitUntil(() => fake.confirmations >= expectedConfirmations, timeoutMs);
  if (!ok) log(`drain timed out: ${fake.confirmations} of ${expectedConfirmations} confirmations shown`);
  return ok;
}
