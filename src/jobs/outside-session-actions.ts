import type { Logger } from '@slack/bolt';
import {
  isOwnEntry,
  peopleOf,
  runsOf,
  SESSION_ACTIONS_BY_SLACK,
  type SlackAuditDeclaration,
} from '../domain/slack-audit';
import type { AuditStore } from '../ports/audit-store';
import type { SlackAuditLog } from '../ports/slack-audit-log';
import { outsideActionText } from '../views/outside-action-text';

export interface OutsideActionsDeps {
  store: AuditStore;
  log: SlackAuditLog;
  /** Every action's declaration of how Slack's log records it (the registry). */
  declarations: readonly SlackAuditDeclaration[];
  declarationOf(action: string): SlackAuditDeclaration | undefined;
  /** The admin token's owner: Slack names them as the actor of each of the app's calls. */
  ownerId(): string | undefined;
  /** How late Slack's log may show an entry (AUDIT_CONFIRM_WAIT_SECONDS): each scan reads that far back again. */
  waitMs: number;
  /** How often the log is scanned (AUDIT_SCAN_INTERVAL_SECONDS), by one process at a time. */
  intervalMs: number;
  /** Posts to the audit channel; absent when there is none (the log line stays). */
  post?(text: string): Promise<void>;
  logger: Logger;
  now?: () => Date;
}

const SCAN = 'slack-audit-scan';
/** After a long outage the scan reads at most this far back. */
const MAX_LOOKBACK_MS = 24 * 60 * 60_000;
/** Records naming a person read to tell the app's own entries from others'. */
const RUNS_READ = 50;

/**
 * Sign-outs (and other session actions) the app did not make: someone used the admin dashboard or another tool, or
 * Slack's own anomaly response acted. One process at a time reads Slack's log since the last scan (a turn in the
 * store, which keeps where it read up to), reading back as far as Slack's log may lag; each entry not the app's own
 * is claimed in the store and posted once, with who, what, whom and when, whichever replica sees it.
 */
export async function scanForOutsideActions(deps: OutsideActionsDeps): Promise<number> {
  const now = deps.now?.() ?? new Date();
  // Held a little under the interval, so the next process to tick after it takes the next turn.
  const turn = await deps.store.takeTurn(SCAN, now, new Date(now.getTime() + deps.intervalMs * 0.9));
  if (!turn) return 0;
  const from = Math.max(turn.note ?? now.getTime() - deps.intervalMs, now.getTime() - MAX_LOOKBACK_MS) - deps.waitMs;
  const actions = [...new Set([...deps.declarations.flatMap((d) => d.actions), ...SESSION_ACTIONS_BY_SLACK])];
  const answer = await deps.log.entries({ actions, oldest: from / 1000, latest: now.getTime() / 1000 });
  if (!answer.ok) {
    deps.logger.warn(`Slack’s audit log could not be scanned for sign-outs made outside the app: ${answer.code}`);
    return 0;
  }
  if (answer.truncated) deps.logger.warn('Slack’s audit log had more entries than one scan reads: some were not read');
  let posted = 0;
  // Slack lists newest first: posted oldest first, as they happened.
  for (const entry of [...answer.entries].reverse()) {
    const runsNaming = async (userId: string) => runsOf(await deps.store.forTarget(userId, RUNS_READ));
    if (await isOwnEntry(entry, deps.ownerId(), runsNaming, deps.declarationOf, deps.waitMs, now)) continue;
    if (!(await deps.store.claim(`slack-entry:${entry.id}`))) continue;
    deps.logger.info(
      `Slack’s audit log shows ${entry.action} (entry ${entry.id}) by ${entry.actor.user?.id ?? entry.actor.type} on ${peopleOf(entry).slice(0, 5).join(', ') || entry.entity.type}, not made through this app`,
    );
    if (!deps.post) continue;
    try {
      await deps.post(outsideActionText(entry));
      posted += 1;
    } catch (error) {
      deps.logger.error(`the audit channel was not told of Slack audit log entry ${entry.id}: ${String(error)}`);
    }
  }
  await deps.store.endTurn(SCAN, new Date(now.getTime() + deps.intervalMs * 0.9), now.getTime());
  return posted;
}
