import type { Report } from '../views/result-view';

/**
 * One line of record per executed confirmation: who acted, on whom, why, and what Slack answered for each target.
 * Slack's own audit log names the admin token's owner for every call, so this is the only record of which admin
 * pressed Submit.
 */
export interface AuditRecord {
  type: 'session_audit';
  time: string;
  invokerId: string;
  action: 'reset' | 'invalidate';
  scope?: string;
  reason?: string;
  targets: {
    userId: string;
    teamId?: string;
    sessionId?: number;
    result: 'done' | 'failed' | 'unknown';
    error?: string;
  }[];
}

export function auditRecord(invokerId: string, report: Report, now: Date = new Date()): AuditRecord {
  const result = (o: Report['results'][number]['outcome']) => ({
    result: o.ok ? ('done' as const) : o.uncertain ? ('unknown' as const) : ('failed' as const),
    ...(o.ok ? {} : { error: o.code }),
  });
  const base = { type: 'session_audit' as const, time: now.toISOString(), invokerId, reason: report.reason };
  if (report.kind === 'reset') {
    return {
      ...base,
      action: 'reset',
      scope: report.scope,
      targets: report.results.map((r) => ({ userId: r.userId, ...result(r.outcome) })),
    };
  }
  return {
    ...base,
    action: 'invalidate',
    targets: report.results.map((r) => ({ userId: report.userId, ...r.session, ...result(r.outcome) })),
  };
}

/** Where records go. Stdout by default: one JSON line each, ready for any log pipeline. */
export type AuditSink = (record: AuditRecord) => void;

export const stdoutAuditSink: AuditSink = (record) => {
  process.stdout.write(`${JSON.stringify(record)}\n`);
};
