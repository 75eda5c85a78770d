/** 3. Bulk sign-out of 100 people through the real modals against a scaled Tier 2 limit (429 + Retry-After). */
import { SlidingWindowLimiter } from '../bench-fake';
import { BULK_SETS, FAKE, P } from '../params';
import { expectConfirmations, fake, must } from '../servers';
import { clock, commandBody, postSigned, viewSubmissionBody } from '../slack-requests';
import { log, waitUntil } from '../timing';
import { isConfirmation, REASON, resultSummary, sectionTexts } from '../views';

export interface BulkRun {
  mode: 'parallel' | 'sequential';
  users: number;
  confirmations: number;
  limit: string;
  wallMs: number;
  lastResetMs: number;
  idealMs: number;
  pacedMs: number;
  efficiency: number;
  calls: number;
  rateLimited: number;
  /** Users whose reset never succeeded, and users reset more than once. */
  lost: string[];
  repeated: string[];
  maxCallsForOneUser: number;
  /** What the admin was told: "Signed out X of Y" summed over the result modals, ✅ lines, message, audit. */
  toldSummaryDone: number;
  toldSummaryOf: number;
  toldModalDoneLines: number;
  toldModalFailedLines: number;
  toldMessageDoneLines: number;
  auditDone: number;
  resultsShown: number;
  messagesPosted: number;
  submitAcks: number[];
  /** Users who got through here but whose waits, scaled to Slack's real 60 s window, exceed the app's budget. */
  projectedLostAtRealTier2: number;
}

export async function bulkRun(mode: 'parallel' | 'sequential'): Promise<BulkRun> {
  const app = must('app');
  const events = `${app.url}/slack/events`;
  fake.limiter = undefined;
  fake.resets.clear();
  const auditStart = app.jsonLines.length;
  const bulkUsers = BULK_SETS[mode];
  // The admin runs one command per batch and each confirmation is shown: look-ups only, nothing rate limited yet.
  const prepared = await prepareConfirmations(events, bulkUsers, `bulk.${mode}`);

  fake.limiter = new SlidingWindowLimiter(P.rateLimit, P.rateWindowMs);
  const idealMs = (Math.ceil(bulkUsers.length / P.rateLimit) - 1) * P.rateWindowMs;
  const resultTimeoutMs = Math.max(30_000, idealMs * 6);
  const submitAcks: number[] = [];
  const resultAt: number[] = [];
  const t0 = clock();
  const submit = async (p: (typeof prepared)[number]) => {
    const sentAt = clock();
    await submitConfirmation(events, p);
    submitAcks.push(clock() - sentAt);
    await waitUntil(() => fake.findUpdate(p.viewId, (v) => resultSummary(v) !== null) !== undefined, resultTimeoutMs);
    const shown = fake.findUpdate(p.viewId, (v) => resultSummary(v) !== null);
    if (shown) resultAt.push(shown.at);
  };
  if (mode === 'parallel') await Promise.all(prepared.map(submit));
  else for (const p of prepared) await submit(p);
  const wallMs = (resultAt.length > 0 ? Math.max(...resultAt) : clock()) - t0;
  fake.limiter = undefined;

  const paths = new Set(prepared.map((p) => new URL(fake.fake.responseUrl(p.triggerId)).pathname));
  const messages = () => fake.fake.responses.filter((r) => paths.has(r.path));
  await waitUntil(() => messages().length >= prepared.length, 5000);
  await waitUntil(() => app.jsonLines.length - auditStart >= prepared.length, 2000);

  let toldSummaryDone = 0;
  let toldSummaryOf = 0;
  let toldModalDoneLines = 0;
  let toldModalFailedLines = 0;
  for (const p of prepared) {
    const shown = fake.findUpdate(p.viewId, (v) => resultSummary(v) !== null);
    if (!shown) continue;
    const m = resultSummary(shown.view);
    toldSummaryDone += Number(m?.[1] ?? 0);
    toldSummaryOf += Number(m?.[2] ?? 0);
    const texts = sectionTexts(shown.view);
    toldModalDoneLines += texts.filter((t) => t.startsWith(':white_check_mark: <@')).length;
    toldModalFailedLines += texts.filter((t) => t.startsWith(':x: <@') || t.startsWith(':grey_question: <@')).length;
  }
  const toldMessageDoneLines = messages()
    .flatMap((r) => String(r.body.text ?? '').split('\n'))
    .filter((l) => l.startsWith(':white_check_mark: <@')).length;
  const auditDone = app.jsonLines
    .slice(auditStart)
    .filter((r) => r.type === 'session_audit' && r.action === 'reset' && r.outcome !== 'verified')
    .flatMap((r) => (Array.isArray(r.targets) ? (r.targets as { result?: string }[]) : []))
    .filter((t) => t.result === 'done').length;

  const stats = bulkUsers.map((id) => ({ id, s: fake.resets.get(id) }));
  const okTimes = stats.flatMap(({ s }) => s?.okAt ?? []);
  const scale = P.realWindowMs / P.rateWindowMs;
  const projectedLostAtRealTier2 = stats.filter(({ s }) => {
    if (!s || s.ok === 0) return false;
    // The waits Slack would have asked for at its real pace, in whole seconds, against the app's budget.
    let waited = 0;
    for (const [i, need] of s.neededWaitMs.entries()) {
      const wait = Math.max(1, Math.ceil((need * scale) / 1000)) * 1000;
      if (i + 1 >= P.appMaxAttempts || waited + wait > P.appMaxWaitMs) return true;
      waited += wait;
    }
    return false;
  }).length;

  const run: BulkRun = {
    mode,
    users: bulkUsers.length,
    confirmations: prepared.length,
    limit: `${P.rateLimit} per ${P.rateWindowMs / 1000} s`,
    wallMs,
    lastResetMs: okTimes.length > 0 ? Math.max(...okTimes) - t0 : Number.NaN,
    idealMs,
    pacedMs: (bulkUsers.length / P.rateLimit) * P.rateWindowMs,
    efficiency: idealMs / wallMs,
    calls: stats.reduce((n, { s }) => n + (s?.calls ?? 0), 0),
    rateLimited: stats.reduce((n, { s }) => n + (s?.limited ?? 0), 0),
    lost: stats.filter(({ s }) => (s?.ok ?? 0) === 0).map(({ id }) => id),
    repeated: stats.filter(({ s }) => (s?.ok ?? 0) > 1).map(({ id }) => id),
    maxCallsForOneUser: Math.max(0, ...stats.map(({ s }) => s?.calls ?? 0)),
    toldSummaryDone,
    toldSummaryOf,
    toldModalDoneLines,
    toldModalFailedLines,
    toldMessageDoneLines,
    auditDone,
    resultsShown: resultAt.length,
    messagesPosted: messages().length,
    submitAcks,
    projectedLostAtRealTier2,
  };
  log(
    `bulk ${mode}: ${(wallMs / 1000).toFixed(2)} s (ideal ${(idealMs / 1000).toFixed(1)} s), 429s ${run.rateLimited}, lost ${run.lost.length}`,
  );
  return run;
}

export interface Prepared {
  triggerId: string;
  viewId: string;
  view: Record<string, unknown>;
}

/**
 * One `/reset-sessions` per MAX_TARGETS of `people` (mentioned), each confirmation shown and returned, ready to be
 * submitted.
 */
export async function prepareConfirmations(
  events: string,
  people: readonly string[],
  tag: string,
): Promise<Prepared[]> {
  const batches: string[][] = [];
  for (let i = 0; i < people.length; i += P.maxTargets) batches.push(people.slice(i, i + P.maxTargets));
  const prepared: Prepared[] = [];
  for (const [b, ids] of batches.entries()) {
    const triggerId = `${tag}.${b}`;
    const text = ids.map((id) => `<@${id}>`).join(' ');
    const body = commandBody({
      command: '/reset-sessions',
      text,
      userId: FAKE.admin,
      triggerId,
      responseUrl: fake.fake.responseUrl(triggerId),
    });
    const answer = await postSigned(events, body, FAKE.signingSecret, 10_000);
    if (answer.status !== 200 || answer.text !== '') {
      throw new Error(`command ${triggerId} was answered ${answer.status}: ${answer.text.slice(0, 300)}`);
    }
    expectConfirmations(1);
    const shown = await waitUntil(() => {
      const opened = fake.opened.get(triggerId);
      return opened !== undefined && fake.findUpdate(opened.viewId, isConfirmation) !== undefined;
    }, 15_000);
    const opened = fake.opened.get(triggerId);
    const confirmation = opened && fake.findUpdate(opened.viewId, isConfirmation);
    if (!shown || !opened || !confirmation) throw new Error(`no confirmation was shown for ${triggerId}`);
    prepared.push({ triggerId, viewId: opened.viewId, view: confirmation.view });
  }
  return prepared;
}

/** Submits a shown confirmation as Slack would (signed view_submission, with a reason). */
export async function submitConfirmation(events: string, p: Prepared): Promise<void> {
  const body = viewSubmissionBody({
    viewId: p.viewId,
    view: p.view,
    userId: FAKE.admin,
    triggerId: `${p.triggerId}.submit`,
    values: REASON,
  });
  const answer = await postSigned(events, body, FAKE.signingSecret, 10_000);
  if (answer.status !== 200) throw new Error(`submission ${p.triggerId} was answered ${answer.status}`);
}
