import type { Logger } from '@slack/bolt';
import { type AuditRecord, confirmedBySlackRecord } from '../domain/audit-record';
import { personOf } from '../domain/origin';
import {
  type Finding,
  findInLog,
  logWindow,
  type RunInLog,
  type SlackAuditDeclaration,
  slackTargets,
} from '../domain/slack-audit';
import type { AuditStore } from '../ports/audit-store';
import type { SlackAuditLog } from '../ports/slack-audit-log';
import type { AuditLog } from '../ports/slack-surface';
import type { WordsOf } from '../views/action-words';
import { slackCheckText } from '../views/slack-check-text';

export interface SlackConfirmationsDeps {
  store: AuditStore;
  audit: AuditLog;
  log: SlackAuditLog;
  /** An action's declaration of how Slack's log records it, by its name in the records (the registry). */
  declarationOf(action: string): SlackAuditDeclaration | undefined;
  wordsOf: WordsOf;
  /** The admin token's owner: Slack names them as the actor of each of the app's calls. */
  ownerId(): string | undefined;
  /** How long after a run Slack's log is given to show it (AUDIT_CONFIRM_WAIT_SECONDS). */
  waitMs: number;
  /** A direct message to the admin who confirmed the run. */
  tell(userId: string, text: string): Promise<void>;
  logger: Logger;
  now?: () => Date;
}

/** Runs older than this are not looked at any more (a check put off by a long outage still happens within it). */
const LOOKBACK_MS = 24 * 60 * 60_000;
/** A run's check is held by one process this long at most; if that process dies, another takes it up then. */
const HOLD_MS = 5 * 60_000;

/**
 * When a run is checked, counted from its end: at 1/15 of the wait, then 3/15, 7/15 and the whole wait (with the
 * default 15 minutes: after 1, 3, 7 and 15 minutes). Slack's log is not instant; most entries show within the first.
 */
const checks = (endedAt: number, waitMs: number) => [1, 3, 7, 15].map((n) => endedAt + (n / 15) * waitMs);
/** The next check after `now` (a run checked late, after an outage, is not checked again and again to catch up). */
const nextCheck = (endedAt: number, waitMs: number, now: number) =>
  checks(endedAt, waitMs).find((at) => at > now) ?? endedAt + waitMs;

interface Due {
  run: RunInLog;
  declaration: SlackAuditDeclaration;
  window: { oldest: number; latest: number };
  key: string;
}

/**
 * Checks each run of the app with Slack's own audit log, once per run across replicas (a turn in the store), with
 * backoff: every target Slack's log shows is `confirmed` (with Slack's entry id and time), each person a bulk job
 * failed is `failed`, and once the wait is over the rest are `not_seen`. Then one `confirmed_by_slack` record is
 * written, and the admin who confirmed the run is told by DM. One query serves every run due at once. Never part of
 * a Submit: a sign-out never waits for it.
 */
export async function confirmWithSlack(deps: SlackConfirmationsDeps): Promise<number> {
  const now = deps.now?.() ?? new Date();
  const due: Due[] = [];
  for (const run of await deps.store.unconfirmedRuns(new Date(now.getTime() - LOOKBACK_MS))) {
    const declaration = deps.declarationOf(run.record.action);
    if (!declaration || now.getTime() < Math.min(...checks(Date.parse(run.record.time), deps.waitMs))) continue;
    const key = `slack-confirm:${run.record.requestId}`;
    if (!(await deps.store.takeTurn(key, now, new Date(now.getTime() + HOLD_MS)))) continue;
    const ran = { ...run, endedAt: run.record.time };
    due.push({ run: ran, declaration, window: logWindow(ran, deps.waitMs, now), key });
  }
  if (due.length === 0) return 0;

  const ownerId = deps.ownerId();
  const answer = await deps.log.entries({
    actions: [...new Set(due.flatMap((d) => d.declaration.actions))],
    oldest: Math.min(...due.map((d) => d.window.oldest)),
    latest: Math.max(...due.map((d) => d.window.latest)),
    ...(ownerId ? { actor: ownerId } : {}),
  });
  if (answer.ok && answer.truncated) deps.logger.warn('Slack’s audit log had more entries than the app reads at once');

  let written = 0;
  const used = new Set<string>();
  for (const d of due) {
    const endedAt = Date.parse(d.run.record.time);
    const last = now.getTime() >= endedAt + deps.waitMs;
    const found = answer.ok ? findInLog(d.run, answer.entries, d.declaration, d.window, used) : [];
    const complete = answer.ok && found.every((f) => f !== undefined);
    if (!complete && !last) {
      await deps.store.endTurn(d.key, new Date(nextCheck(endedAt, deps.waitMs, now.getTime())));
      continue;
    }
    // What was not read cannot be called unseen: a failed query, or pages left unread.
    const unread = !answer.ok ? answer.code : answer.truncated ? 'log_truncated' : undefined;
    await report(deps, d.run.record, found, unread, now);
    await deps.store.endTurn(d.key, new Date(now.getTime() + LOOKBACK_MS));
    written += 1;
  }
  return written;
}

async function report(
  deps: SlackConfirmationsDeps,
  run: AuditRecord,
  found: readonly (Finding | undefined)[],
  unread: string | undefined,
  now: Date,
): Promise<void> {
  const record = confirmedBySlackRecord(run, slackTargets(run, found, unread), now);
  await deps.audit.record(record);
  // Only a person is told by DM: an API client reads the record with GET.
  const person = personOf(run.invokerId);
  if (!person) return;
  await deps
    .tell(person, slackCheckText(record, deps.wordsOf, deps.waitMs))
    .catch((error: unknown) =>
      deps.logger.warn(`could not tell ${person} what Slack’s audit log showed: ${String(error)}`),
    );
}
