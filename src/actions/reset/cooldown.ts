import type { AllMiddlewareArgs, Logger, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { Ready, Review } from '../../domain/review-targets';
import type { Skipped } from '../../domain/types';
import { INPUT } from '../../views/ids';
import { minutesAgo } from '../../views/labels';
import { mention } from '../../views/mrkdwn';
import type { ListenerDeps } from '../shared/deps';
import { fromStore } from '../shared/store-read';
import { stateValue } from '../shared/submitted-plan';
import { RESET, RESET_INPUT } from './ids';
import type { ResetPlan } from './plan';

/**
 * The cooldown, checked again on Submit: another admin may have reset someone since the modal opened. A tick of
 * "again anyway" covers the people it was shown for; anyone reset meanwhile needs a fresh confirmation. Returns the
 * field errors to answer with, or undefined when the plan may go ahead.
 */
export async function cooldownErrors(
  { view, logger }: AllMiddlewareArgs & SlackViewMiddlewareArgs,
  plan: ResetPlan,
  deps: ListenerDeps,
): Promise<Record<string, string> | undefined> {
  const now = new Date();
  const recent = await recentResets(deps, plan.userIds, now, logger, plan.requestId);
  const ticked = (stateValue(view, RESET_INPUT.cooldown)?.selected_options ?? []).some((o) => o.value === 'again');
  const unconfirmed = [...recent.keys()].filter((id) => !(ticked && plan.again.includes(id)));
  if (unconfirmed.length === 0) return undefined;
  // Field errors must name an input block of this view: the checkbox if it covers them, else the reason field.
  if (unconfirmed.every((id) => plan.again.includes(id))) {
    return { [RESET_INPUT.cooldown.block]: 'Tick this to sign them out again.' };
  }
  const who = unconfirmed.map((id) => `${mention(id)} ${minutesAgo(recent.get(id) ?? now, now)}`).join(', ');
  return {
    [INPUT.reason.block]: `Already signed out meanwhile: ${who}. Close this and run the command again to confirm.`,
  };
}

/**
 * People reset (or maybe reset, or being reset) within the cooldown, from the store, so it holds across restarts.
 * The cooldown guards against slips; it is not a lock: an unreadable store is logged and must not stop an incident.
 * A plan's own records never count against it (`exceptRequestId`): a second replica checking the same Submit must
 * not take the first one's run for someone else's.
 */
export async function recentResets(
  deps: ListenerDeps,
  userIds: readonly string[],
  now: Date,
  logger: Logger,
  exceptRequestId?: string,
): Promise<Map<string, Date>> {
  const minutes = deps.config.resetCooldownMinutes;
  if (minutes === 0 || userIds.length === 0) return new Map();
  const since = new Date(now.getTime() - minutes * 60_000);
  const read = await fromStore(logger, 'the cooldown (not checked)', () =>
    deps.store.lastActed(RESET, userIds, since, exceptRequestId),
  );
  return read.ok ? read.value : new Map();
}

/**
 * A review with whoever was signed out within the cooldown left out (`recently_reset`), where nobody can tick "again
 * anyway": a bulk reset, and an order without a modal. The people left in, everyone left out, and how many the
 * cooldown took.
 */
export async function outsideCooldown(
  review: Review,
  deps: ListenerDeps,
  logger: Logger,
  exceptRequestId?: string,
): Promise<{ ready: Ready[]; skipped: Skipped[]; recent: number }> {
  const ids = review.ready.map((r) => r.person.id);
  const recent = await recentResets(deps, ids, new Date(), logger, exceptRequestId);
  return {
    ready: review.ready.filter((r) => !recent.has(r.person.id)),
    skipped: [
      ...review.refused.map((r) => r.skipped),
      ...[...recent.keys()].map((id) => ({ label: id, code: 'recently_reset' })),
    ],
    recent: recent.size,
  };
}
