import type { NotifyResult } from './notify';
import type { Origin } from './origin';
import type { Report } from './report';
import type { Outcome } from './types';

/**
 * One record per attempt: who asked, for what, on whom, why, and what came of it for each target. Slack's own audit
 * log names the admin token's owner for every call, so this is the only record of which admin acted.
 */
export interface AuditRecord {
  time: string;
  /** Ties together the records of one command: its confirmation, cancel or submit. */
  requestId: string;
  invokerId: string;
  action: AuditAction;
  outcome: AuditOutcome;
  /** What the action says about the order beyond its targets: a reset's scope, a settings change's duration. */
  details?: ActionDetails;
  reason?: string;
  targets: AuditTarget[];
  /** Run while the audit store could not be reached: run-once held in one process, and no cooldown was checked. */
  unguarded?: true;
  /** The second admin who approved or denied the plan (the requester is `invokerId`). */
  approverId?: string;
  /** Run at once, without the approval the policy asks for: the requester ticked "Emergency: run now". */
  breakGlass?: true;
  /** Why the approver denied it, as they typed it. */
  denyReason?: string;
  /** Asked for by a Workflow Builder step or an API client rather than in a modal: which one. */
  origin?: Origin;
}

/** An action's name (from the registry of actions, e.g. `reset`), or `other` for a refused request that named none. */
export type AuditAction = string;

/**
 * An action's own facts about an order or a target, defined by the action and put in words by it (its
 * `ActionWords.describe`): the records, the stores and the views carry them as they are, never reading inside.
 */
export interface ActionDetails {
  readonly [key: string]: DetailValue;
}
export type DetailValue = string | number | boolean | ActionDetails;

/**
 * `started`: written before the first admin call, so a crash or a cut shutdown still leaves a trace of what was
 * about to happen; the final record follows. `partial`: some targets done, some not. `unknown`: none known done, but
 * some may have been.
 */
export type AuditOutcome =
  | 'refused'
  | 'cancelled'
  | 'started'
  | 'dry_run'
  | 'executed'
  | 'partial'
  | 'unknown'
  | 'failed'
  | 'approval_requested'
  | 'approved'
  | 'denied'
  | 'expired'
  | 'notified'
  | 'verified'
  | 'queued'
  | 'confirmed_by_slack';

/** Outcomes that end a plan: once one is recorded, a "started" plan is no longer unfinished. */
export const FINAL_OUTCOMES: readonly AuditOutcome[] = [
  'executed',
  'partial',
  'unknown',
  'failed',
  'dry_run',
  'queued',
];

/**
 * Records that leave a plan free to run: a refusal at the gate, and the approval steps before it runs. Any other
 * record of a request (started, carried out, cancelled, denied, expired) means it must never run (again).
 */
export const STILL_RUNNABLE: readonly AuditOutcome[] = ['refused', 'approval_requested', 'approved'];

export interface AuditTarget {
  /** The user ID; for a named person never found, the email or ID as the admin typed it. */
  userId: string;
  teamId?: string;
  sessionId?: number;
  result: TargetResult;
  /** Slack's error code, or the app's own for transport failures (timeout, network_error, …). */
  error?: string;
  /** The action's facts about this target: what a person's settings were before a change, or are after it. */
  details?: ActionDetails;
  /** In a `confirmed_by_slack` record: the entry of Slack's audit log that shows it, and its time. */
  slackEntry?: { id: string; time: string };
}

/**
 * `queued`: in a bulk reset Slack accepted, to be signed out by Slack's job; not known to be done yet. `confirmed` and
 * `not_seen`: in a `confirmed_by_slack` record, Slack's own audit log shows it, or did not within the wait.
 */
export type TargetResult =
  | 'done'
  | 'failed'
  | 'unknown'
  | 'not_attempted'
  | 'dry_run'
  | 'pending'
  | 'queued'
  | 'confirmed'
  | 'not_seen';

const targetResult = (o: Outcome, dryRun: boolean, queued: boolean): Pick<AuditTarget, 'result' | 'error'> => {
  if (o.ok) return { result: dryRun ? 'dry_run' : queued ? 'queued' : 'done' };
  return { result: o.uncertain ? 'unknown' : 'failed', error: o.code };
};

function overall(targets: readonly AuditTarget[], dryRun: boolean): AuditOutcome {
  if (dryRun) return 'dry_run';
  // A bulk reset is "queued" when every person it attempted was; those it never attempted are listed beside them.
  const queued = targets.filter((t) => t.result === 'queued').length;
  const attempted = targets.filter((t) => t.result !== 'not_attempted').length;
  if (queued > 0) return queued === attempted ? 'queued' : 'partial';
  const done = targets.filter((t) => t.result === 'done').length;
  // Named people the app never tried (unknown, bots, …) make an otherwise complete run partial.
  if (done === targets.length) return 'executed';
  if (done > 0) return 'partial';
  return targets.some((t) => t.result === 'unknown') ? 'unknown' : 'failed';
}

interface Who {
  requestId: string;
  invokerId: string;
  origin?: Origin;
  now?: Date;
}

/** The record of a submitted confirmation, from the report the admin was shown. */
export function executedRecord(who: Who & Approval, report: Report, dryRun: boolean): AuditRecord {
  const targets: AuditTarget[] = [
    ...report.results.map((r) => ({ ...r.target, ...targetResult(r.outcome, dryRun, report.queued === true) })),
    ...report.skipped.map((s) => ({ userId: s.label, result: 'not_attempted' as const, error: s.code })),
  ];
  return {
    time: (who.now ?? new Date()).toISOString(),
    requestId: who.requestId,
    invokerId: who.invokerId,
    action: report.action,
    outcome: overall(targets, dryRun),
    ...(report.details ? { details: report.details } : {}),
    ...(report.reason ? { reason: report.reason } : {}),
    targets,
    ...(report.unguarded ? { unguarded: true as const } : {}),
    ...approval(who),
  };
}

/** How a plan came to run, when it was not a plain Submit: approved by a second admin, or break-glass. */
export interface Approval {
  approverId?: string;
  breakGlass?: boolean;
  denyReason?: string;
}

/** How it came to run, and where it was asked for when not in a modal: every record of a request says both. */
const approval = (
  a: Approval & Pick<Who, 'origin'>,
): Pick<AuditRecord, 'approverId' | 'breakGlass' | 'denyReason' | 'origin'> => ({
  ...(a.approverId ? { approverId: a.approverId } : {}),
  ...(a.breakGlass ? { breakGlass: true as const } : {}),
  ...(a.denyReason ? { denyReason: a.denyReason } : {}),
  ...(a.origin ? { origin: a.origin } : {}),
});

/** A target as named before any admin call: it has no result yet. */
export type PlannedTarget = Omit<AuditTarget, 'result'>;

/** A record before any admin call: every target gets the same result. */
export function beforeCalls(
  who: Who & Approval,
  outcome: 'started' | 'refused' | 'cancelled' | 'failed' | 'approval_requested' | 'approved' | 'denied' | 'expired',
  action: AuditAction,
  targets: PlannedTarget[],
  details?: ActionDetails,
  reason?: string,
): AuditRecord {
  const result: TargetResult = outcome === 'started' ? 'pending' : 'not_attempted';
  return {
    time: (who.now ?? new Date()).toISOString(),
    requestId: who.requestId,
    invokerId: who.invokerId,
    action,
    outcome,
    ...(details ? { details } : {}),
    ...(reason ? { reason } : {}),
    targets: targets.map((t) => ({ ...t, result })),
    ...approval(who),
  };
}

/** Written before the first admin call of a submitted plan; every target is pending. */
export const startedRecord = (
  who: Who & Approval,
  action: AuditAction,
  targets: PlannedTarget[],
  details?: ActionDetails,
  reason?: string,
): AuditRecord => beforeCalls(who, 'started', action, targets, details, reason);

/**
 * A record where nothing was attempted: refused at the gate or by the guardrails, cancelled before Submit, or an
 * accepted request that failed before its order could be placed (its caller must not read "accepted" forever).
 */
export const noActionRecord = (
  who: Who,
  outcome: 'refused' | 'cancelled' | 'failed',
  action: AuditAction,
  targets: PlannedTarget[] = [],
  details?: ActionDetails,
): AuditRecord => beforeCalls(who, outcome, action, targets, details);

/**
 * Who among the people signed out was told by DM (`done`), not told (`failed`, with Slack's code), or would have
 * been in a dry run. Kept apart from the sign-out record: a failed DM never changes what the sign-out came to.
 */
export function notifiedRecord(
  who: Who & Approval & { reason?: string },
  action: AuditAction,
  results: readonly NotifyResult[],
  dryRun: boolean,
): AuditRecord {
  const targets = results.map((r): AuditTarget => {
    if (dryRun) return { userId: r.userId, result: 'dry_run' };
    return r.sent ? { userId: r.userId, result: 'done' } : { userId: r.userId, result: 'failed', error: r.code };
  });
  return afterRun(who, action, 'notified', targets);
}

/**
 * What Slack showed when the order's effect was checked afterwards, per target: `done` when it is as the order meant
 * (a sign-out: nothing left in the session list), `failed` with why when it is not, `unknown` when Slack could not
 * say. The action decides what its check asks (see `AfterCheck`).
 */
export function verifiedRecord(
  who: Who & Approval & { reason?: string },
  action: AuditAction,
  targets: AuditTarget[],
): AuditRecord {
  return afterRun(who, action, 'verified', targets);
}

/**
 * What Slack's own audit log showed of a run, per target it should show (see domain/slack-audit.ts): `confirmed`
 * with the entry, `failed` when Slack's job lists them as failed, `not_seen` past the wait, `unknown` when the log
 * could not be read. Written once per run, by whichever replica checks it last.
 */
export function confirmedBySlackRecord(run: AuditRecord, targets: AuditTarget[], now = new Date()): AuditRecord {
  return {
    time: now.toISOString(),
    requestId: run.requestId,
    invokerId: run.invokerId,
    action: run.action,
    outcome: 'confirmed_by_slack',
    ...(run.details ? { details: run.details } : {}),
    ...(run.reason ? { reason: run.reason } : {}),
    targets,
    ...approval(run),
  };
}

/**
 * A record about a plan that already ran (who was told, what was left): its targets as given, and the request's reason,
 * so that read alone (in the audit channel, in history) it does not say "no reason given" of a reasoned sign-out.
 */
function afterRun(
  who: Who & Approval & { reason?: string },
  action: AuditAction,
  outcome: 'notified' | 'verified',
  targets: AuditTarget[],
): AuditRecord {
  return {
    time: (who.now ?? new Date()).toISOString(),
    requestId: who.requestId,
    invokerId: who.invokerId,
    action,
    outcome,
    ...(who.reason ? { reason: who.reason } : {}),
    targets,
    ...approval(who),
  };
}
