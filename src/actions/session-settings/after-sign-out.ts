import type { Order } from '../../domain/approval';
import { requestIdFrom } from '../../domain/origin';
import type { AnyPlan } from '../../domain/plan';
import type { Report } from '../../domain/report';
import { SESSION_DURATION } from './duration';
import { SESSION_SETTINGS } from './ids';
import type { SettingsPlan } from './plan';

/** "And shorten their sessions to 8 hours for now", on a sign-out's confirmation: Slack's shortest session. */
export const SHORTEN_TO = SESSION_DURATION.min;

/**
 * The change that follows a sign-out when its admin ticked "and shorten their sessions": sessions of SHORTEN_TO for
 * everyone the sign-out did (or, in bulk, queued, or in a dry run would have), as the same admin's order with the
 * same reason. Its request ID is the sign-out's, derived, so a run of the same sign-out can never make two; its
 * records name the sign-out they follow. Undefined when nobody was signed out.
 */
export function shortenAfter(first: AnyPlan, report: Report, reason?: string): Order | undefined {
  const userIds = [...new Set(report.results.filter((r) => r.outcome.ok).map((r) => r.target.userId))];
  if (userIds.length === 0) return undefined;
  const plan: SettingsPlan = {
    kind: 'session_settings',
    invokerId: first.invokerId,
    requestId: requestIdFrom(`${first.requestId}:then-shorten`),
    ...(first.responseUrl ? { responseUrl: first.responseUrl } : {}),
    userIds,
    skipped: [],
    skippedUnlisted: 0,
    change: { set: { duration: SHORTEN_TO } },
    after: first.requestId,
  };
  return { action: SESSION_SETTINGS, plan, ...(reason ? { reason } : {}), notify: false };
}
