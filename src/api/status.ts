import type { ApprovalRequest } from '../domain/approval';
import { type AuditRecord, type AuditTarget, FINAL_OUTCOMES } from '../domain/audit-record';
import { apiRequester } from '../domain/origin';
import type { ApiRequest } from '../ports/audit-store';
import type { ActionWords } from '../views/action-words';
import { describeSlackError } from '../views/error-sentences';
import { skipReason } from '../views/result-view';

/**
 * Where an API request stands, from its records and its approval request: `accepted` (the people are being looked
 * up), `refused` (nobody could be included; each person's reason), `awaiting_approval`, `denied`, `expired`,
 * `running`, or `done` (the outcome and each person's result; what the check afterwards found once it has).
 */
export type ApiStatus = 'accepted' | 'refused' | 'awaiting_approval' | 'denied' | 'expired' | 'running' | 'done';

/** One person (or session) of a record, for a machine: the result, and Slack's error code in a sentence. */
function personResult(t: AuditTarget, words?: ActionWords) {
  const why = t.error
    ? t.result === 'not_attempted'
      ? skipReason(t.error)
      : describeSlackError(t.error, 'admin', words?.errors)
    : undefined;
  return {
    person: t.userId,
    ...(t.teamId ? { workspace: t.teamId } : {}),
    ...(t.sessionId !== undefined ? { session: t.sessionId } : {}),
    result: t.result,
    ...(t.error ? { error: t.error, why } : {}),
    ...(t.details ? { details: t.details } : {}),
  };
}

/** The status document GET answers with (see openapi.json, ApiStatus). */
export function statusOf(
  request: ApiRequest,
  records: readonly AuditRecord[],
  approval: ApprovalRequest | undefined,
  words: ActionWords | undefined,
) {
  const final = records.find((r) => FINAL_OUTCOMES.includes(r.outcome));
  // Only the requester's own refusal: a refused click on its approval request is the clicker's record.
  const refused = records.find((r) => r.outcome === 'refused' && r.invokerId === apiRequester(request.client));
  const started = records.some((r) => r.outcome === 'started');
  const checked = records.find((r) => r.outcome === 'verified');
  const told = records.find((r) => r.outcome === 'notified');
  const status = ((): ApiStatus => {
    if (final) return 'done';
    if (started || approval?.status === 'approved') return 'running';
    if (approval?.status === 'pending') return 'awaiting_approval';
    if (approval?.status === 'denied' || approval?.status === 'expired') return approval.status;
    return refused ? 'refused' : 'accepted';
  })();
  const first = records[0];
  return {
    requestId: request.requestId,
    action: request.action,
    status,
    requestedAt: request.at.toISOString(),
    ...(first?.reason ? { reason: first.reason } : {}),
    ...(first?.details ? { details: first.details } : {}),
    ...(approval
      ? {
          approval: {
            status: approval.status,
            expiresAt: approval.expiresAt,
            ...(approval.deciderId ? { decidedBy: approval.deciderId, decidedAt: approval.decidedAt } : {}),
            ...(approval.denyReason ? { denyReason: approval.denyReason } : {}),
          },
        }
      : {}),
    ...(final ? { outcome: final.outcome } : {}),
    ...(final || refused ? { people: (final ?? refused)?.targets.map((t) => personResult(t, words)) } : {}),
    ...(told ? { told: told.targets.map((t) => ({ person: t.userId, told: t.result === 'done' })) } : {}),
    ...(checked ? { check: checked.targets.map((t) => personResult(t, words)) } : {}),
  };
}
