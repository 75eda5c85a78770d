/** The benchmark's parameters (`--quick`, `--profile`), the fake's credentials and people, and where results go. */
import { resolve } from 'node:path';

export const QUICK = process.argv.includes('--quick');
/** --profile: each child writes a V8 CPU profile to bench/dist/profiles when it stops (for finding causes). */
const PROFILE_DIR = resolve(__dirname, '..', 'profiles');
export const NODE_ARGS = process.argv.includes('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
export const P = {
  mode: QUICK ? 'quick' : 'full',
  /**
   * Ack benchmark, run as bare/app/app/bare halves. Requests per server at a level: a fixed floor, and enough for
   * every client to send several (a closed loop that ends before each client has sent twice measures start-up).
   */
  ackRequests: (c: number) => Math.max(QUICK ? 60 : 200, (QUICK ? 6 : 10) * c),
  levels: [
    // Diagnostic: one command at a time with room in between, so post-ack work never overlaps the next ack.
    { concurrency: 1, gapMs: 25, diagnostic: true },
    { concurrency: 1, gapMs: 0, diagnostic: false },
    { concurrency: 10, gapMs: 0, diagnostic: false },
    { concurrency: 50, gapMs: 0, diagnostic: false },
  ],
  startupTrials: QUICK ? 2 : 4,
  /** Trigger-window benchmark: commands per case, sent open-loop at this interval. */
  modalCommands: QUICK ? 15 : 40,
  modalIntervalMs: 50,
  lookupDelays: [0, 2500],
  triggerWindowMs: 3000,
  /** The app's per-confirmation cap (MAX_TARGETS). */
  maxTargets: 50,
  /**
   * Section 3: Slack's rate tiers run this many times faster, in the fake and in the app that section starts
   * (SLACK_RATE_SCALE): Tier 2's minute is 6 s (2 s quick). The other sections measure the app itself: the fake
   * enforces no tier there, and their app paces at THROUGHPUT_RATE_SCALE, where no tier binds.
   */
  tierScale: QUICK ? 30 : 10,
  /** People in the workspace the groups of section 3 come from (at its end: listing it reads every page). */
  workspaceSize: 10_000,
  /** Open loop (section 7): commands a second, commands per server per repeat, and repeats. */
  openRates: QUICK ? [20] : [10, 40],
  openRequests: QUICK ? 60 : 100,
  repeats: 3,
  /** Saturation (section 8): open-loop rates tried in turn, 3 s of commands each, until one is not clean. */
  saturationRates: QUICK ? [25, 100, 400] : [25, 50, 100, 200, 400, 800],
  /** Section 3c: people signed out one by one (confirmations of MAX_TARGETS), each listed afterwards. */
  verifyUsers: QUICK ? 100 : 200,
  /** Store benchmark: Submits' store calls per run, and how many plans at once. */
  storeSubmits: QUICK ? 300 : 1000,
  storeConcurrency: [1, 10],
  /** Cooldown look-up: records in the store, and look-ups timed at each size. */
  lookupRecords: [1_000, 100_000],
  lookupSamples: QUICK ? 200 : 500,
  /** The whole run is abandoned after this long, children included. */
  watchdogMs: QUICK ? 240_000 : 900_000,
} as const;

/** One level of the ack benchmark (an entry of `P.levels`). */
export interface Level {
  concurrency: number;
  /** Each client pauses this long after an answer: 0 is a closed loop (the next request at once). */
  gapMs: number;
  /** Diagnostic levels are reported but not judged against the target. */
  diagnostic: boolean;
}

export const levelName = (l: Level) => (l.gapMs > 0 ? `${l.concurrency}, ${l.gapMs} ms apart` : String(l.concurrency));

/** Made-up credentials the fake accepts; the admin is the only one on ADMIN_USER_IDS. */
export const FAKE = {
  botToken: 'xoxb-bench-bot-token',
  adminToken: 'xoxp-bench-admin-token',
  signingSecret: 'bench-signing-secret-0123456789abcdef',
  admin: 'W0ADMIN001',
} as const;
export const TARGET = 'W0TARGET01';
/** The throughput sections' app: Slack's tiers so scaled that none binds (views.open's is then 1,666 a second). */
export const THROUGHPUT_RATE_SCALE = 1000;
export const RESULTS = resolve(__dirname, '..', '..', 'results.json');
