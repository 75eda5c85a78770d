import type { ActionDetails, PlannedTarget } from './audit-record';
import type { Outcome, Skipped } from './types';

/** What came of a submitted plan, per target: what the admin is told and what the record keeps. */
export interface Report {
  /** The action's name in the audit trail. */
  action: string;
  reason?: string;
  /** DRY_RUN: no change was made; the successes are what would have happened. */
  dryRun?: boolean;
  /** The action's facts about the order (a reset's scope), as its records carry them. */
  details?: ActionDetails;
  /** One per admin call, in order: what it was for and what came of it. */
  results: { target: PlannedTarget; outcome: Outcome }[];
  /** Named but never attempted; listed so the report covers everyone the admin named. */
  skipped: Skipped[];
  /** More never attempted than `skipped` lists (they were listed on the confirmation). */
  skippedUnlisted: number;
  /**
   * The audit store could not be reached on Submit: run-once held in one process only, the cooldown was not
   * checked, and the records may reach only the log stream and the audit channel.
   */
  unguarded?: boolean;
  /** "Tell them by DM" was ticked: the people signed out are told after this report. */
  notify?: boolean;
  /** What it did is checked with Slack after this report (the action's `AfterCheck`): the findings follow. */
  verify?: boolean;
  /** The order that runs once this one is reported (a reset's "then shorten their sessions"), in words. */
  next?: string;
  /** Slack's own audit log is read for them later (SLACK_AUDIT_TOKEN), and what it shows comes by DM. */
  slackLog?: boolean;
  /** A bulk reset: a success means Slack queued the person's sign-out, not that it is done. */
  queued?: boolean;
  /** A bulk reset's request ID, when its people may be checked later ("Verify now"): its plan is in the store. */
  verifyLaterId?: string;
}

/**
 * The people a report says were signed out (or, in a dry run, would have been): each once, in order. Nobody in a
 * bulk reset: Slack only queued them.
 */
export function peopleDone(report: Pick<Report, 'results' | 'queued'>): string[] {
  if (report.queued) return [];
  return [...new Set(report.results.filter((r) => r.outcome.ok).map((r) => r.target.userId))];
}

/** Whether Slack may have queued anyone of a bulk report: some call queued, or may have (a partial refusal, a timeout). */
export const mayHaveQueued = (report: Pick<Report, 'results'>): boolean =>
  report.results.some((r) => r.outcome.ok || r.outcome.uncertain);
