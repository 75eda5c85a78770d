import { isResetScope, type ResetScope, type Result } from '../../domain/types';
import type { Unattended } from '../shared/unattended';
import { outsideCooldown } from './cooldown';
import { RESET } from './ids';
import { bulkPlan, type ResetPlan } from './plan';

/**
 * A sign-out asked for by a workflow step or an API client. With nobody to tick "again anyway", whoever was signed
 * out within RESET_COOLDOWN_MINUTES is left out (`recently_reset`), as a bulk reset leaves them out. Past MAX_TARGETS
 * people named, it is a bulk reset (admin.users.session.resetBulk, reported as queued), as the command offers.
 */
export const resetUnattended: Unattended<{ scope: ResetScope }> = {
  action: RESET,
  details: ({ scope }) => ({ scope }),
  async plan(review, { scope }, base, deps, logger) {
    // The request's own records never count against it: a redelivery is not someone else's reset.
    const { ready, skipped } = await outsideCooldown(review, deps, logger, base.requestId);
    if (ready.length === 0) return { ok: false, skipped };
    if (review.ready.length + review.refused.length > deps.config.maxTargets) {
      return { ok: true, plan: bulkPlan(base, scope, ready, skipped), quiet: true };
    }
    const userIds = ready.map((r) => r.person.id);
    const privileged = ready.filter((r) => r.warnings.includes('privileged')).map((r) => r.person.id);
    const plan: ResetPlan = {
      kind: 'reset',
      ...base,
      privileged,
      scope,
      userIds,
      skipped,
      skippedUnlisted: 0,
      again: [],
    };
    return { ok: true, plan };
  },
};

/** Which sessions: all (when absent), mobile or web. */
export function readScope(raw: unknown, field: string): Result<ResetScope> {
  if (raw === undefined || raw === null || raw === '') return { ok: true, value: 'all' };
  return isResetScope(raw) ? { ok: true, value: raw } : { ok: false, error: `${field} must be all, mobile or web.` };
}
