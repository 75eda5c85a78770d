/**
 * 3. At Slack's rate tiers, scaled: what an admin waits for, each against the bound the tiers set. The fake Slack
 * enforces every method's tier P.tierScale times faster than Slack (429 + Retry-After past it), and an app of its
 * own runs with SLACK_RATE_SCALE at the same scale. The people sit at the end of a workspace of P.workspaceSize, so
 * listing it (users.list, Tier 2, 200 a page) must read every page.
 *
 *   a. a group of 300 and of 1,000: command -> the complete bulk confirmation (nobody left out);
 *   b. a 1,000-person bulk reset: Submit -> "queued";
 *   c. P.verifyUsers people signed out one by one (confirmations of MAX_TARGETS, submitted together) and verified:
 *      first Submit -> the last "Checked afterwards".
 *
 * The bound of each is what the sliding windows allow at best (a window's calls at once, then the next window): no
 * schedule within the tiers finishes sooner. At Slack's real rates every figure is P.tierScale times longer.
 */
import { type Child, startChild } from '../children';
import { FAKE, NODE_ARGS, P } from '../params';
import { baseEnv, fake } from '../servers';
import { clock, commandBody, postSigned, viewSubmissionBody } from '../slack-requests';
import { log, sleep, waitUntil } from '../timing';
import { isConfirmation, REASON } from '../views';

export interface TierRun {
  name: string;
  people: number;
  wallMs: number;
  boundMs: number;
  /** What bounds it, in words. */
  bound: string;
  /** wall / bound: 1.0 is as fast as the tiers allow. */
  ratio: number;
  /** Calls the fake answered 429 (past their tier) during the run, by method. */
  limited: Record<string, number>;
  calls: Record<string, number>;
  /** People the confirmation left out, never reset, or reset twice; people the check called verified. */
  leftOut: number;
  lost: number;
  repeated: number;
  verified?: number;
}

const MINUTE = 60_000;
const windowOf = () => MINUTE / P.tierScale;
/** Windows a method of `perMinute` calls needs for `n` calls, beyond the first: its bound in windows. */
const windows = (n: number, perMinute: number) => Math.max(0, Math.ceil(n / perMinute) - 1);

const WORKSPACE = Array.from({ length: P.workspaceSize }, (_, i) => `W0WORK${String(i).padStart(5, '0')}`);
const groupOf = (n: number, tag: string) => `S0${tag}${String(n).padStart(6, '0')}`;

/** The lookup bound of a group of `n` at the workspace's end: one users.info each, or every page of users.list. */
function lookupBound(n: number): { ms: number; what: string } {
  const info = windows(n, 100);
  // users.list pages of 200, and the first page empty as Slack may send it.
  const pages = Math.ceil(P.workspaceSize / 200) + 1;
  const list = windows(pages, 20);
  const best = Math.min(info, list);
  return {
    ms: best * windowOf(),
    what: `${best} window(s): min(users.info ${info}, users.list ${pages} pages ${list})`,
  };
}

let app: Child | undefined;

/** The tier-bound cases, against an app that paces at the fake's scale; the fake's limits are on only meanwhile. */
export async function tierCases(): Promise<TierRun[]> {
  const f = fake.fake;
  for (const id of WORKSPACE) f.addUser({ id, team_id: 'T0TEAM0001' });
  for (const n of [300, 1000]) f.groups.set(groupOf(n, 'GRP'), WORKSPACE.slice(-n));
  f.groups.set(groupOf(1000, 'BLK'), WORKSPACE.slice(-2000, -1000));
  app = await startChild(
    'app',
    {
      ...baseEnv(),
      SLACK_RATE_SCALE: String(P.tierScale),
      BULK_MAX_TARGETS: '1000',
      RESET_COOLDOWN_MINUTES: '0',
      VERIFY_AFTER_RESET: 'true',
    },
    NODE_ARGS,
  );
  f.rateScale = P.tierScale;
  try {
    // Each case starts with the tiers' windows empty, as an admin's first command of the day would: a case right after
    // another would find its windows still full of the last one's calls.
    const runs: TierRun[] = [];
    for (const run of [() => groupCase(300), () => groupCase(1000), bulkCase, verifyCase]) {
      await sleep(windowOf() + 500);
      runs.push(await run());
    }
    return runs;
  } finally {
    f.rateScale = 0;
    await app.stop();
  }
}

const events = () => `${app?.url}/slack/events`;

/** What the fake saw during `work`, by method: calls taken and calls answered 429. */
async function counted<T>(
  work: () => Promise<T>,
): Promise<{ value: T; calls: Record<string, number>; limited: Record<string, number> }> {
  const f = fake.fake;
  const [c0, l0] = [f.calls.length, f.limited.length];
  const value = await work();
  const tally = (list: { method: string }[]) => {
    const byMethod: Record<string, number> = {};
    for (const c of list) byMethod[c.method] = (byMethod[c.method] ?? 0) + 1;
    return byMethod;
  };
  return { value, calls: tally(f.calls.slice(c0)), limited: tally(f.limited.slice(l0)) };
}

async function command(text: string, triggerId: string): Promise<void> {
  const body = commandBody({
    command: '/reset-sessions',
    text,
    userId: FAKE.admin,
    triggerId,
    responseUrl: fake.fake.responseUrl(triggerId),
  });
  const answer = await postSigned(events(), body, FAKE.signingSecret, 10_000);
  if (answer.status !== 200 || answer.text !== '') throw new Error(`${triggerId}: ${answer.status} ${answer.text}`);
}

/** The last view the app showed for a command, once `test` says it is the one awaited. */
async function shown(triggerId: string, test: (view: Record<string, unknown>) => boolean, timeoutMs: number) {
  let found: { viewId: string; view: Record<string, unknown>; at: number } | undefined;
  await waitUntil(() => {
    const opened = fake.opened.get(triggerId);
    const update = opened && fake.findUpdate(opened.viewId, test);
    if (opened && update) found = { viewId: opened.viewId, view: update.view, at: update.at };
    return found !== undefined;
  }, timeoutMs);
  if (!found) throw new Error(`${triggerId}: the awaited view was never shown`);
  return found;
}

const isBulkConfirmation = (v: Record<string, unknown>) => v.callback_id === 'reset_sessions_bulk';
const leftOutOf = (v: Record<string, unknown>) => Number(/Not signed out \((\d+)\)/.exec(JSON.stringify(v))?.[1] ?? 0);

async function groupCase(n: number): Promise<TierRun> {
  const trigger = `tiers.group.${n}`;
  const bound = lookupBound(n);
  const t0 = clock();
  const {
    value: view,
    calls,
    limited,
  } = await counted(async () => {
    await command(`<!subteam^${groupOf(n, 'GRP')}>`, trigger);
    return shown(trigger, isBulkConfirmation, Math.max(60_000, bound.ms * 6));
  });
  const wallMs = view.at - t0;
  log(`tiers: group of ${n} confirmed in ${(wallMs / 1000).toFixed(2)} s (bound ${(bound.ms / 1000).toFixed(1)} s)`);
  return {
    name: `group of ${n}: command -> confirmation`,
    people: n,
    wallMs,
    boundMs: bound.ms,
    bound: bound.what,
    ratio: wallMs / Math.max(bound.ms, 1),
    limited,
    calls,
    leftOut: leftOutOf(view.view),
    lost: 0,
    repeated: 0,
  };
}

async function bulkCase(): Promise<TierRun> {
  const n = 1000;
  const trigger = 'tiers.bulk';
  const bound = lookupBound(n);
  const t0 = clock();
  const { value, calls, limited } = await counted(async () => {
    await command(`<!subteam^${groupOf(n, 'BLK')}>`, trigger);
    const confirmation = await shown(trigger, isBulkConfirmation, Math.max(60_000, bound.ms * 6));
    const confirmedAt = clock();
    const values = { ...REASON, count: { count_input: { type: 'plain_text_input', value: String(n) } } };
    const body = viewSubmissionBody({
      viewId: confirmation.viewId,
      view: confirmation.view,
      userId: FAKE.admin,
      triggerId: `${trigger}.submit`,
      values,
    });
    await postSigned(events(), body, FAKE.signingSecret, 10_000);
    const result = await shown(trigger, (v) => /Queued the sign-out of/.test(JSON.stringify(v)), 60_000);
    return { confirmation, result, confirmedAt };
  });
  // The admin's own time to type the count is not the app's: from the confirmation shown to the Submit is left out.
  const wallMs = value.confirmation.at - t0 + (value.result.at - value.confirmedAt);
  const queued = Number(/Queued the sign-out of (\d+) of/.exec(JSON.stringify(value.result.view))?.[1] ?? 0);
  log(`tiers: bulk of ${n} queued in ${(wallMs / 1000).toFixed(2)} s`);
  return {
    name: `bulk of ${n}: command -> queued`,
    people: n,
    wallMs,
    // One resetBulk call for 1,000 people: nothing to wait for beyond the look-ups.
    boundMs: bound.ms,
    bound: `${bound.what} + 1 resetBulk`,
    ratio: wallMs / Math.max(bound.ms, 1),
    limited,
    calls,
    leftOut: leftOutOf(value.confirmation.view),
    lost: n - queued,
    repeated: 0,
  };
}

async function verifyCase(): Promise<TierRun> {
  const people = WORKSPACE.slice(0, P.verifyUsers);
  const perPlan = P.maxTargets;
  const f = fake.fake;
  for (const id of people) f.addSession(id, 1, {}, undefined, 'T0TEAM0001');
  const prepared: { trigger: string; viewId: string; view: Record<string, unknown> }[] = [];
  for (let i = 0; i < people.length; i += perPlan) {
    const trigger = `tiers.verify.${i}`;
    await command(
      people
        .slice(i, i + perPlan)
        .map((id) => `<@${id}>`)
        .join(' '),
      trigger,
    );
    const view = await shown(trigger, isConfirmation, 60_000);
    prepared.push({ trigger, viewId: view.viewId, view: view.view });
  }
  // The first confirmation's resets, then every person's list call (no list starts before its person is signed out).
  const resetWindows = windows(Math.min(perPlan, people.length), 20);
  const listWindows = windows(people.length, 20);
  const boundMs = (resetWindows + listWindows) * windowOf();
  const paths = new Set(prepared.map((p) => new URL(f.responseUrl(p.trigger)).pathname));
  const checks = () =>
    f.responses.filter((r) => paths.has(r.path) && String(r.body.text).includes('Checked afterwards'));
  const resetsBefore = f.callsTo('admin.users.session.reset').length;
  const t0 = clock();
  let lastAt = 0;
  const { calls, limited } = await counted(async () => {
    await Promise.all(
      prepared.map((p) =>
        postSigned(
          events(),
          viewSubmissionBody({
            viewId: p.viewId,
            view: p.view,
            userId: FAKE.admin,
            triggerId: `${p.trigger}.s`,
            values: REASON,
          }),
          FAKE.signingSecret,
          10_000,
        ),
      ),
    );
    await waitUntil(
      () => {
        if (checks().length < prepared.length) return false;
        lastAt ||= clock();
        return true;
      },
      Math.max(120_000, boundMs * 4),
    );
  });
  const wallMs = (lastAt || clock()) - t0;
  const resets = f
    .callsTo('admin.users.session.reset')
    .slice(resetsBefore)
    .map((c) => c.args.user_id ?? '');
  const lines = checks().flatMap((r) => String(r.body.text).split('\n'));
  log(
    `tiers: ${people.length} signed out and verified in ${(wallMs / 1000).toFixed(2)} s (bound ${(boundMs / 1000).toFixed(1)} s)`,
  );
  return {
    name: `${people.length} one by one, verified: Submit -> last check`,
    people: people.length,
    wallMs,
    boundMs,
    bound: `${resetWindows} window(s) of resets + ${listWindows} of lists (Tier 2 each)`,
    ratio: wallMs / Math.max(boundMs, 1),
    limited,
    calls,
    leftOut: 0,
    lost: people.filter((id) => !resets.includes(id)).length,
    repeated: resets.length - new Set(resets).size,
    verified: lines.filter((l) => l.includes('*verified*')).length,
  };
}
