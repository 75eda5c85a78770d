import type { Logger } from '@slack/bolt';
import type { Order } from '../../domain/approval';
import { type ActionDetails, beforeCalls } from '../../domain/audit-record';
import type { Origin } from '../../domain/origin';
import { type AnyPlan, mostPeople, type PlanBase } from '../../domain/plan';
import { type Review, reviewTargets, unconfirmedReview } from '../../domain/review-targets';
import type { GroupRef, Skipped, TargetRef } from '../../domain/types';
import type { SlackSurface } from '../../ports/slack-surface';
import { mention } from '../../views/mrkdwn';
import { skipReason } from '../../views/result-view';
import type { ListenerDeps } from './deps';
import { lookUpNamed } from './look-up';

/**
 * How an action is ordered without a confirmation modal (by a Workflow Builder step, or an API client): what it makes
 * of the people the guardrails let through. Each action that can be ordered so has one beside its command.
 */
export interface Unattended<Ask> {
  /** The action's name in the audit trail. */
  action: string;
  /** The order's details (a reset's scope), for a refusal recorded before there is a plan. */
  details(ask: Ask): ActionDetails;
  /**
   * Its plan for these people (a cooldown may leave more out), or everyone left out when nobody is left. `quiet`:
   * nobody is told by DM, whatever was asked (a bulk reset only queues its sign-outs).
   */
  plan(
    review: Review,
    ask: Ask,
    base: PlanBase,
    deps: ListenerDeps,
    logger: Logger,
  ): Promise<{ ok: true; plan: AnyPlan; quiet?: true } | { ok: false; skipped: Skipped[] }>;
}

/** Who asks without a modal: the requester (a person, or `api:<client>`), the request ID, and where it came from. */
export interface Asker {
  invokerId: string;
  requestId: string;
  origin: Origin;
}

/** What a step's inputs or an API request's body ask for, read: the people they name, the action's ask, and more. */
export interface Asked<Ask> {
  named: { refs: TargetRef[]; groups: GroupRef[] };
  ask: Ask;
  reason: string;
  notify: boolean;
}

/** A request read well: the order it makes from the people it names (looked up, guardrails applied), or why none. */
export interface OrderRequest {
  order(
    by: Asker,
    at: { slack: SlackSurface; logger: Logger },
    deps: ListenerDeps,
  ): Promise<{ ok: true; order: Order } | { ok: false; why: string }>;
}

/** The request for what `asked` asks of the action `unattended` orders (its Ask hidden from whoever places it). */
export const orderRequest = <Ask>(asked: Asked<Ask>, unattended: Unattended<Ask>): OrderRequest => ({
  order: (by, at, deps) => orderFromPeople({ ...asked, by }, unattended, at, deps),
});

/**
 * An order from people named without a modal, as a command would make it: user groups expanded and each person
 * looked up (at most BULK_MAX_TARGETS in all), the same guardrails (bots, the deactivated, the Org Primary Owner,
 * anyone not found, and the admin token's owner, with nobody to confirm), then the action's own plan. When the look-up
 * stops or nobody is left, the refusal is recorded with each person's reason and said in a sentence. Read-only.
 */
export async function orderFromPeople<Ask>(
  asked: Asked<Ask> & { by: Asker },
  unattended: Unattended<Ask>,
  at: { slack: SlackSurface; logger: Logger },
  deps: ListenerDeps,
): Promise<{ ok: true; order: Order } | { ok: false; why: string }> {
  const { named, ask, reason, by } = asked;
  const refuse = async (why: string, skipped: readonly Skipped[] = []) => {
    const targets = skipped.map((s) => ({ userId: s.label, error: s.code }));
    await deps.audit.record(beforeCalls(by, 'refused', unattended.action, targets, unattended.details(ask), reason));
    return { ok: false as const, why };
  };
  const most = mostPeople(deps.planRules);
  const found = await lookUpNamed({ slack: at.slack }, { ...named, most });
  if (!found.ok) return refuse(found.why);
  const review = unconfirmedReview(reviewTargets(found.resolved, by.invokerId, deps.tokenOwnerId()));
  const planned =
    review.ready.length === 0
      ? { ok: false as const, skipped: review.refused.map((r) => r.skipped) }
      : await unattended.plan(review, ask, { invokerId: by.invokerId, requestId: by.requestId }, deps, at.logger);
  if (!planned.ok) return refuse(nobodyLeft(planned.skipped), planned.skipped);
  const notify = asked.notify && !planned.quiet;
  return { ok: true, order: { action: unattended.action, plan: planned.plan, reason, notify, origin: by.origin } };
}

/** Nobody is left: each person named, and why (the first few; the record has them all). */
function nobodyLeft(skipped: readonly Skipped[]): string {
  const shown = skipped.slice(0, 10).map((s) => `${mention(s.label)}: ${skipReason(s.code)}`);
  if (skipped.length > shown.length) shown.push(`and ${skipped.length - shown.length} more`);
  return ['Nobody named can be included, so nothing was done.', ...shown].join('\n');
}
