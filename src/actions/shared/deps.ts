import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Config } from '../../config';
import type { DecodeRules } from '../../domain/plan';
import type { Inflight } from '../../inflight';
import type { AuditStore } from '../../ports/audit-store';
import type { AdminApi } from '../../ports/slack';
import type { AuditLog, SlackSurface } from '../../ports/slack-surface';

/** What listeners need besides Bolt's own arguments. */
export interface ListenerDeps {
  config: Config;
  /** The real admin API, or its dry-run stand-in when DRY_RUN is on. */
  adminApi: AdminApi;
  planRules: DecodeRules;
  audit: AuditLog;
  store: AuditStore;
  /** Submitted plans being carried out: shutdown waits for them, and none runs twice at once. */
  inflight: Inflight;
  /** The admin token's owner, known once auth.test has answered at start. */
  tokenOwnerId(): string | undefined;
  /** Modals, messages and look-ups through a listener's bot-token client. */
  slack(client: WebClient, logger: Logger): SlackSurface;
}

/**
 * People reset (or maybe reset, or being reset) within the cooldown, from the store, so it holds across restarts.
 * The cooldown guards against slips; it is not a lock: an unreadable store is logged and must not stop an incident.
 */
export async function recentResets(
  deps: ListenerDeps,
  userIds: readonly string[],
  now: Date,
  logger: Logger,
): Promise<Map<string, Date>> {
  const minutes = deps.config.resetCooldownMinutes;
  if (minutes === 0 || userIds.length === 0) return new Map();
  try {
    return await deps.store.lastResets(userIds, new Date(now.getTime() - minutes * 60_000));
  } catch (error) {
    logger.error(`AUDIT STORE UNREADABLE, cooldown not checked: ${String(error)}`);
    return new Map();
  }
}
