import type { SessionKey } from './plan';
import type { Outcome, ResetScope, Skipped } from './types';

/** What came of a submitted plan, per target: what the admin is told and what the record keeps. */
interface ReportBase {
  reason?: string;
  /** DRY_RUN: no change was made; the successes are what would have happened. */
  dryRun?: boolean;
}

export interface ResetReport extends ReportBase {
  kind: 'reset';
  scope: ResetScope;
  /** Named but never attempted; listed so the report covers everyone the admin named. */
  skipped: Skipped[];
  /** More never attempted than `skipped` lists (they were listed on the confirmation). */
  skippedUnlisted: number;
  results: { userId: string; outcome: Outcome }[];
}

export interface InvalidateReport extends ReportBase {
  kind: 'invalidate';
  userId: string;
  results: { session: SessionKey; outcome: Outcome }[];
}

export type Report = ResetReport | InvalidateReport;
