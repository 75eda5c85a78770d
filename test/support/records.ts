import type { AuditRecord } from '../../src/domain/audit-record';

/** Minute `minute` of a fixed day, as records store times. */
export const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 12, minute)).toISOString();
/** A one-target record at that minute, its request id made from the minute. */
export const rec = (
  minute: number,
  userId: string,
  result: 'done' | 'failed' | 'unknown' | 'dry_run',
  action: 'reset' | 'invalidate' = 'reset',
): AuditRecord => ({
  time: at(minute),
  requestId: `3f2b8c1e-9d4a-4e6b-8f7c-${String(minute).padStart(12, '0')}`,
  invokerId: 'W0ADMIN0001',
  action,
  outcome: result === 'done' ? 'executed' : result === 'dry_run' ? 'dry_run' : 'failed',
  targets: [{ userId, result }],
});
