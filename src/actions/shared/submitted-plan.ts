import { randomUUID } from 'node:crypto';
import type { Logger, SlackViewMiddlewareArgs, ViewStateValue } from '@slack/bolt';
import { noActionRecord } from '../../domain/audit-record';
import { type AnyPlan, decodeKept, PLAN_TTL_MS, type PlanSchema, readPlanRef } from '../../domain/plan';
import { truncate } from '../../domain/text';
import { noteLogContext } from '../../logging/base-logger';
import { redact } from '../../logging/redacting-logger';
import { noticeView } from '../../views/blocks';
import { INPUT, MAX_REASON } from '../../views/ids';
import type { ListenerDeps } from './deps';
import { fromStore } from './store-read';

type ViewArgs = SlackViewMiddlewareArgs;

/** Why a kept plan cannot be used for this modal and this person. */
export type Unusable = 'invalid' | 'gone' | 'expired' | 'not_theirs';

const UNUSABLE: Record<Unusable, string> = {
  invalid: 'This confirmation’s data is not valid; nothing was changed. Run the command again.',
  gone: 'This confirmation’s plan could not be read back (the audit database may be unreachable), so nothing was done. Run the command again.',
  expired:
    'This confirmation waited more than 30 minutes, so nothing was done: run the command again for one of facts looked up now.',
  not_theirs:
    'This confirmation does not belong to you or to this command; nothing was changed. Run the command again.',
};

/** Keeps a confirmation's plan in the store, bound to the modal Slack opened for it; false (logged) when it cannot. */
export async function keepPlan(deps: ListenerDeps, plan: AnyPlan, viewId: string, logger: Logger): Promise<boolean> {
  noteLogContext({ requestId: plan.requestId });
  return (await fromStore(logger, 'keeping a plan (not kept)', () => deps.store.keepPlan(plan, viewId))).ok;
}

/**
 * The plan kept for this modal, for this person: the modal names its plan's request ID, and only the plan kept for
 * that very modal (the view id Slack gave it), opened by this person, of the kind this modal holds, and not past
 * PLAN_TTL_MS, is theirs to submit or cancel. Checked again by its kind's schema. Never throws.
 */
export async function keptPlanFor<P extends AnyPlan>(
  view: { id: string; private_metadata?: string },
  userId: string,
  schema: PlanSchema<P>,
  deps: ListenerDeps,
  logger: Logger,
): Promise<{ ok: true; plan: P } | { ok: false; why: Unusable; requestId?: string }> {
  const requestId = readPlanRef(view.private_metadata);
  if (!requestId) return { ok: false, why: 'invalid' };
  const read = await fromStore(logger, 'reading a plan back', () => deps.store.keptPlan(requestId));
  const kept = read.ok ? read.value : undefined;
  if (!kept) return { ok: false, why: 'gone', requestId };
  if (kept.viewId !== view.id || kept.plan.invokerId !== userId || kept.plan.kind !== schema.kind) {
    return { ok: false, why: 'not_theirs', requestId };
  }
  if (Date.now() - kept.keptAt.getTime() > PLAN_TTL_MS) return { ok: false, why: 'expired', requestId };
  const plan = decodeKept(kept.plan, deps.planRules, schema);
  return plan ? { ok: true, plan } : { ok: false, why: 'invalid', requestId };
}

/**
 * The plan of a submitted modal (see keptPlanFor). On refusal the modal says why and nothing else happens; a
 * submission for a modal the app never opened, or by someone else, is recorded as refused.
 */
export async function submittedPlan<P extends AnyPlan>(
  { ack, body, view, logger }: ViewArgs & { logger: Logger },
  schema: PlanSchema<P>,
  deps: ListenerDeps,
): Promise<P | undefined> {
  const read = await keptPlanFor(view, body.user.id, schema, deps, logger);
  if (read.ok) return read.plan;
  await ack({ response_action: 'update', view: noticeView('Not done', UNUSABLE[read.why]) });
  if (read.why === 'invalid' || read.why === 'not_theirs') {
    logger.warn(`a confirmation that is not ${body.user.id}'s, or was never shown, was submitted: refused`);
    const base = { requestId: read.requestId ?? randomUUID(), invokerId: body.user.id };
    await deps.audit.record({
      ...noActionRecord(base, 'refused', 'other'),
      reason: 'A confirmation the app did not show this admin (or never showed at all) was submitted.',
    });
  }
  return undefined;
}

export function stateValue(
  view: ViewArgs['view'],
  input: { block: string; action: string },
): ViewStateValue | undefined {
  return view.state.values[input.block]?.[input.action];
}

/**
 * Text an admin typed (a reason, a reason for denying): trimmed, bounded (Slack enforces max_length, but the
 * payload is still input) and with anything shaped like a token masked before it is kept, so a token pasted by
 * mistake never reaches the audit channel, history, App Home or a DM.
 */
export function freeText(raw: unknown): string | undefined {
  const text = typeof raw === 'string' ? redact(truncate(raw.trim(), MAX_REASON), []) : '';
  return text === '' ? undefined : text;
}

/** The optional reason of a confirmation. */
export const reasonOf = (view: ViewArgs['view']): string | undefined => freeText(stateValue(view, INPUT.reason)?.value);

/** A plan claimed to run; `unguarded` when the store could not be asked, so run-once held in this process only. */
export interface Claim {
  release(): void;
  unguarded: boolean;
}

/** What asking to run a plan came to: claimed, already placed (run, cancelled, decided), or fields to fix first. */
export type ClaimAnswer = { claimed: Claim } | { already: true } | { fix: Record<string, string> };

/**
 * Claims a plan so it runs at most once: in this process (where shutdown waits for it), and in the store, which every
 * replica shares, so a double click, a replay or a redelivery that lands on another replica is refused too.
 * `precheck` runs in between (the cooldown): after "was it already run?", so a resubmitted plan reads as already
 * done, and before the lasting claim, so a field error leaves the admin free to fix it and submit again.
 */
export async function claimPlan(
  deps: ListenerDeps,
  requestId: string,
  logger: Logger,
  precheck?: () => Promise<Record<string, string> | undefined>,
): Promise<ClaimAnswer> {
  const release = deps.inflight.claim(requestId);
  if (!release) return { already: true };
  try {
    const executed = await fromStore(logger, RUN_ONCE, () => deps.store.wasExecuted(requestId));
    if (executed.ok && executed.value) {
      release();
      return { already: true };
    }
    const errors = await precheck?.();
    if (errors) {
      release();
      return { fix: errors };
    }
    const stored = await claimInStore(deps, requestId, logger);
    if (!stored.claimed) {
      release();
      return { already: true };
    }
    return { claimed: { release, unguarded: !executed.ok || stored.unguarded } };
  } catch (error) {
    release();
    throw error;
  }
}

const RUN_ONCE = 'the run-once check (held in this process only)';

/**
 * Claims a plan once and for all, in this process and in the store (see claimPlan): for an approved order, or for a
 * Cancel, which takes the plan's one fate as a Submit does. Undefined when anything else became of it already.
 */
export async function claimOnce(deps: ListenerDeps, requestId: string, logger: Logger): Promise<Claim | undefined> {
  const release = deps.inflight.claim(requestId);
  if (!release) return undefined;
  const stored = await claimInStore(deps, requestId, logger);
  if (stored.claimed) return { release, unguarded: stored.unguarded };
  release();
  return undefined;
}

/**
 * The store's run-once claim, shared by every replica. An unreachable store must not stop an incident: the plan
 * runs, claimed in this process only (`unguarded`), and says so.
 */
async function claimInStore(
  deps: ListenerDeps,
  requestId: string,
  logger: Logger,
): Promise<{ claimed: boolean; unguarded: boolean }> {
  const claimed = await fromStore(logger, RUN_ONCE, () => deps.store.claim(requestId));
  return claimed.ok ? { claimed: claimed.value, unguarded: false } : { claimed: true, unguarded: true };
}

/** REQUIRE_REASON: answers with a field error and returns true when the reason is missing. */
export async function requireReason(
  { ack }: ViewArgs,
  reason: string | undefined,
  deps: ListenerDeps,
): Promise<boolean> {
  if (!deps.config.requireReason || reason !== undefined) return false;
  await ack({
    response_action: 'errors',
    errors: { [INPUT.reason.block]: 'A reason is required: say why, for the record.' },
  });
  return true;
}
