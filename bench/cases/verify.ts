/**
 * 6. Sign out and verify: P.verifyUsers people through the real modals (confirmations of MAX_TARGETS, submitted
 * together), each then listed in their workspace, against the scaled Tier 2 limit on both methods. Measured until
 * the last "Checked afterwards" message; compared with the rate-limit bound.
 */
import { SlidingWindowLimiter } from '../bench-fake';
import { P, VERIFY_SET } from '../params';
import { fake, must } from '../servers';
import { clock } from '../slack-requests';
import { log, waitUntil } from '../timing';
import { prepareConfirmations, submitConfirmation } from './bulk';

export interface VerifyRun {
  users: number;
  confirmations: number;
  limit: string;
  /** First Submit to the last verification message. */
  wallMs: number;
  /** The bound: the first confirmation's resets, then every list call at the limit. */
  idealMs: number;
  efficiency: number;
  resetCalls: number;
  listCalls: number;
  list429s: number;
  /** People the verification messages called verified, and people they did not. */
  verified: number;
  notVerified: number;
}

export async function verifyCase(): Promise<VerifyRun> {
  const events = `${must('app').url}/slack/events`;
  const users = VERIFY_SET;
  const prepared = await prepareConfirmations(events, users, 'verify');

  fake.limiter = new SlidingWindowLimiter(P.rateLimit, P.rateWindowMs);
  fake.listLimiter = new SlidingWindowLimiter(P.rateLimit, P.rateWindowMs);
  const listsBefore = { ...fake.lists };
  const resetsBefore = [...fake.resets.values()].reduce((n, s) => n + s.calls, 0);
  const windows = (n: number) => Math.ceil(n / P.rateLimit) - 1;
  const idealMs = (windows(Math.min(P.maxTargets, users.length)) + windows(users.length)) * P.rateWindowMs;
  const paths = new Set(prepared.map((p) => new URL(fake.fake.responseUrl(p.triggerId)).pathname));
  const checks = () =>
    fake.fake.responses.filter((r) => paths.has(r.path) && String(r.body.text ?? '').includes('Checked afterwards'));
  const t0 = clock();
  await Promise.all(prepared.map((p) => submitConfirmation(events, p)));
  let lastAt = 0;
  await waitUntil(
    () => {
      if (checks().length < prepared.length) return false;
      lastAt ||= clock();
      return true;
    },
    Math.max(60_000, idealMs * 6),
  );
  const wallMs = (lastAt || clock()) - t0;
  fake.limiter = undefined;
  fake.listLimiter = undefined;
  const lines = checks().flatMap((r) => String(r.body.text ?? '').split('\n'));
  const verified = lines.filter((l) => l.includes('*verified*')).length;
  const run: VerifyRun = {
    users: users.length,
    confirmations: prepared.length,
    limit: `${P.rateLimit} per ${P.rateWindowMs / 1000} s, per method`,
    wallMs,
    idealMs,
    efficiency: idealMs / wallMs,
    resetCalls: [...fake.resets.values()].reduce((n, s) => n + s.calls, 0) - resetsBefore,
    listCalls: fake.lists.calls - listsBefore.calls,
    list429s: fake.lists.limited - listsBefore.limited,
    verified,
    notVerified: users.length - verified,
  };
  log(`sign out and verify ${users.length}: ${(wallMs / 1000).toFixed(2)} s (bound ${(idealMs / 1000).toFixed(1)} s)`);
  return run;
}
