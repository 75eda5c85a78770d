import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { Admission } from '../../admission';
import type { Config } from '../../config';
import type { DecodeRules } from '../../domain/plan';
import { responseUrlPolicy } from '../../domain/response-url';
import { Inflight } from '../../inflight';
import type { AuditStore } from '../../ports/audit-store';
import type { AdminApi } from '../../ports/slack';
import type { AuditLog, SlackSurface } from '../../ports/slack-surface';
import type { Registry } from '../registry';

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
  /** Commands whose post-ack work is under way, bounded: past the limit a command is answered "busy". */
  admission: Admission;
  /** The admin token's owner, known once auth.test has answered at start. */
  tokenOwnerId(): string | undefined;
  /** Every action (the registry): the one way to find one, by name or command, and its words. */
  actions: Registry;
  /** Modals, messages and look-ups through a listener's bot-token client. */
  slack(client: WebClient, logger: Logger): SlackSurface;
}

/**
 * Commands whose post-ack work may be under way at once. Admins send a few a minute; forty at once is already a
 * flood, and past it each command's ack says "busy" instead of growing a queue.
 */
const COMMANDS_AT_ONCE = 40;

/** The one wiring of ListenerDeps from its ports: the app's composition root and the tests' fakes both use it. */
export function listenerDeps(
  ports: Pick<ListenerDeps, 'config' | 'adminApi' | 'audit' | 'store' | 'tokenOwnerId' | 'actions' | 'slack'>,
): ListenerDeps {
  const { config } = ports;
  return {
    ...ports,
    planRules: {
      maxTargets: config.maxTargets,
      maxBulkTargets: config.bulkMaxTargets,
      isAllowedResponseUrl: responseUrlPolicy(config.slackApiUrl),
    },
    inflight: new Inflight(),
    admission: new Admission(COMMANDS_AT_ONCE),
  };
}
