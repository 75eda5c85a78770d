import type { ResetScope } from '../../domain/types';
import type { Unattended } from '../shared/unattended';
import { recentResets } from './cooldown';
import { RESET } from './ids';
import type { BulkResetPlan, ResetPlan } from './plan';

/** Refusals kept by name in a bulk plan; past this they are counted. */
const SKIPPED_KEPT = 200;

/**
 * A sign-out asked for by a workflow step or an API client. With nobody to tick "again anyway", whoever was signed
 * out within RESET_COOLDOWN_MINUTES is left out (`recently_reset`), as a bulk reset leaves them out. Past MAX_TARGETS
 * people named, it is a bulk reset (admin.users.session.resetBulk, reported as queued), as the command offers.
 */
export const resetUnattended: Unattended<{ scope: ResetScope }> = {
  action: RESET,
  details: ({ scope }) => ({ scope }),
  async plan(review, { scope }, base, deps, logger) {
    const named = review.ready.length + review.refused.length;
    const ids = review.ready.map((r) => r.person.id);
    // The request's own records never count against it: a redelivery is not someone else's reset.
    const recent = await recentResets(deps, ids, new Date(), logger, base.requestId);
    const ready = review.ready.filter((r) => !recent.has(r.person.id));
    const skipped = [
      ...review.refused.map((r) => r.skipped),
      ...[...recent.keys()].map((id) => ({ label: id, code: 'recently_reset' })),
    ];
    if (ready.length === 0) return { ok: false, skipped };
    const userIds = ready.map((r) => r.person.id);
    const privileged = ready.filter((r) => r.warnings.includes('privileged')).map((r) => r.person.id);
    if (named > deps.config.maxTargets) {
      const plan: BulkResetPlan = {
        kind: 'reset_bulk',
        ...base,
        privileged,
        scope,
        userIds,
        skipped: skipped.slice(0, SKIPPED_KEPT),
        skippedUnlisted: Math.max(0, skipped.length - SKIPPED_KEPT),
      };
      return { ok: true, plan, quiet: true };
    }
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
