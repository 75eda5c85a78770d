import type { SlackAuditEntry } from '../ports/slack-audit-log';
import {
  type AuditRecord,
  type AuditTarget,
  FINAL_OUTCOMES,
  type PlannedTarget,
  type TargetResult,
} from './audit-record';
import { USER_ID } from './ids';

/**
 * Slack's own audit log and the app's records, side by side. Slack's log names the admin token's owner as the actor
 * of every call the app makes, so only the app's records say who asked and who approved; Slack's say that it
 * happened, when, and (for a bulk reset) to whom. Together they hold up in a post-incident review.
 */

/** How Slack's audit log records what one of the app's actions does: declared by the action (actions/action.ts). */
export interface SlackAuditDeclaration {
  /** The audit log actions that record its targets (`user_session_reset_by_admin`, …). */
  actions: readonly string[];
  /**
   * What `entry` says of `target` of a run (its record: the action reads its own fields, a reset its scope): Slack
   * did it (`confirmed`), Slack's job failed for them (`failed`), or nothing (another person, another kind of reset).
   */
  says(entry: SlackAuditEntry, target: PlannedTarget, run: AuditRecord): Finding['says'] | undefined;
}

export interface Finding {
  says: 'confirmed' | 'failed';
  entry: SlackAuditEntry;
}

/**
 * Slack's clock and the app's may differ a little, and the "started" record is written just before the first call:
 * an entry may be dated this much before it.
 */
export const CLOCK_SKEW_MS = 30_000;

/**
 * Audit log actions that end someone's sessions without any action of this app, worth a post when they happen:
 * Slack's anomaly event response and a sign-out for a compromised device. Left out on purpose: `user_logout` (a
 * person signing themselves out, all day long), `user_logout_non_compliant_mobile_app_version` (a policy sweeping out
 * old app versions, by the thousand after a change) and `pref.session_duration_changed` (a setting, not a sign-out):
 * they would bury the few posts that matter. What the app's own actions do (`user_session_reset_by_admin`, …) is
 * watched too, from their declarations, for when someone does it another way.
 */
export const SESSION_ACTIONS_BY_SLACK: readonly string[] = [
  'user_sessions_reset_by_anomaly_event_response',
  'user_logout_compromised',
];

/** One run of an action, as the app's records show it. */
export interface RunInLog {
  /** The record listing its targets: its final record, or its "started" record while it runs. */
  record: AuditRecord;
  /** When it started: its "started" record's time (written just before the first admin call). */
  startedAt: string;
  /** When it ended (its final record's time); undefined while it runs. */
  endedAt?: string;
}

/**
 * A list of user IDs from an entry's details: Slack sends `succeeded_users` / `failed_users` as an array, or (for
 * historical reasons) as a string holding a JSON-encoded array. Anything else, or anything but a user ID in it, is
 * left out: Slack's answer is input.
 */
export function listedUsers(value: unknown): string[] {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      return [];
    }
  }
  return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string' && USER_ID.test(id)) : [];
}

/** Everyone an entry is about: the user it names, or the people a bulk reset lists. */
export function peopleOf(entry: SlackAuditEntry): string[] {
  const named = entry.entity.user?.id;
  const listed = [...listedUsers(entry.details.succeeded_users), ...listedUsers(entry.details.failed_users)];
  return [...new Set([...(named && USER_ID.test(named) ? [named] : []), ...listed])];
}

/** Targets Slack's log should show: those done, queued, or of unknown outcome (which it may settle either way). */
export const SHOWN_IN_SLACK_LOG: readonly TargetResult[] = ['done', 'queued', 'unknown'];

/** The targets of a run Slack's log should show. */
export function expectedTargets(record: AuditRecord): AuditTarget[] {
  return record.targets.filter((t) => SHOWN_IN_SLACK_LOG.includes(t.result));
}

/** Slack's log window of a run, in epoch seconds (both bounds inclusive): from just before it started to `waitMs` after. */
export function logWindow(run: RunInLog, waitMs: number, now: Date): { oldest: number; latest: number } {
  const ended = run.endedAt ? Date.parse(run.endedAt) : now.getTime();
  return {
    oldest: Math.floor((Date.parse(run.startedAt) - CLOCK_SKEW_MS) / 1000),
    latest: Math.ceil(Math.min(now.getTime(), ended + waitMs + CLOCK_SKEW_MS) / 1000),
  };
}

const inWindow = (entry: SlackAuditEntry, window: { oldest: number; latest: number }) =>
  entry.dateCreate >= window.oldest && entry.dateCreate <= window.latest;

/**
 * What Slack's entries say of each target a run should show, in the order of expectedTargets: an entry of an action
 * the run's action declares, dated in its window, that says something of the target. Entries are taken oldest first,
 * and one speaks for a person once: two sessions of one person need two entries, while a bulk reset's one entry
 * speaks for everyone it lists. `used` carries that across the runs checked together.
 */
export function findInLog(
  run: RunInLog,
  entries: readonly SlackAuditEntry[],
  declaration: SlackAuditDeclaration,
  window: { oldest: number; latest: number },
  used: Set<string>,
): (Finding | undefined)[] {
  const candidates = entries
    .filter((e) => declaration.actions.includes(e.action) && inWindow(e, window))
    .sort((a, b) => a.dateCreate - b.dateCreate);
  return expectedTargets(run.record).map((target) => {
    for (const entry of candidates) {
      const key = `${entry.id}|${target.userId}`;
      if (used.has(key)) continue;
      const says = declaration.says(entry, target, run.record);
      if (!says) continue;
      used.add(key);
      return { says, entry };
    }
    return undefined;
  });
}

/**
 * The targets of a `confirmed_by_slack` record: what was found, and for the rest `not_seen` (the wait is over), or
 * `unknown` with Slack's code when the log could not be read at all.
 */
export function slackTargets(
  record: AuditRecord,
  found: readonly (Finding | undefined)[],
  unread?: string,
): AuditTarget[] {
  return expectedTargets(record).map((t, i) => {
    const { userId, teamId, sessionId } = t;
    const target = { userId, ...(teamId ? { teamId } : {}), ...(sessionId !== undefined ? { sessionId } : {}) };
    const finding = found[i];
    if (!finding) return unread ? { ...target, result: 'unknown', error: unread } : { ...target, result: 'not_seen' };
    const slackEntry = { id: finding.entry.id, time: new Date(finding.entry.dateCreate * 1000).toISOString() };
    return finding.says === 'confirmed'
      ? { ...target, result: 'confirmed', slackEntry }
      : { ...target, result: 'failed', error: 'failed_users', slackEntry };
  });
}

/**
 * A person's runs from the records naming them (newest first, as the store gives them): each run's targets, when it
 * started, and when it ended. Dry runs changed nothing, so they are not runs here.
 */
export function runsOf(records: readonly AuditRecord[]): RunInLog[] {
  const byRequest = new Map<string, { started?: AuditRecord; final?: AuditRecord }>();
  for (const r of records) {
    const isFinal = FINAL_OUTCOMES.includes(r.outcome) && r.outcome !== 'dry_run';
    if (r.outcome !== 'started' && !isFinal) continue;
    const run = byRequest.get(r.requestId) ?? {};
    if (isFinal) run.final = r;
    else run.started = r;
    byRequest.set(r.requestId, run);
  }
  return [...byRequest.values()].flatMap(({ started, final }) => {
    const record = final ?? started;
    if (!record) return [];
    return [{ record, startedAt: (started ?? record).time, ...(final ? { endedAt: final.time } : {}) }];
  });
}

/**
 * Whether an entry is the app's own doing: its actor is the admin token's owner (when known), and one of the app's
 * runs naming its first person (`runsNaming`, read only then), of an action that declares the entry's action, says it
 * covers one of its targets, within its window. Anyone else (the dashboard, another tool, another admin, Slack itself)
 * is someone else, even on a person the app signed out at the same moment.
 */
export async function isOwnEntry(
  entry: SlackAuditEntry,
  ownerId: string | undefined,
  runsNaming: (userId: string) => Promise<RunInLog[]>,
  declarationOf: (action: string) => SlackAuditDeclaration | undefined,
  waitMs: number,
  now: Date,
): Promise<boolean> {
  if (ownerId && entry.actor.user?.id !== ownerId) return false;
  const person = peopleOf(entry)[0];
  if (!person) return false;
  return (await runsNaming(person)).some((run) => {
    const declaration = declarationOf(run.record.action);
    if (!declaration?.actions.includes(entry.action)) return false;
    if (!inWindow(entry, logWindow(run, waitMs, now))) return false;
    return run.record.targets.some((t) => declaration.says(entry, t, run.record) !== undefined);
  });
}
