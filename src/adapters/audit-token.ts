import type { Logger } from '@slack/bolt';
import { describeSlackError } from '../views/error-sentences';
import { TOKEN_LOST } from './admin-token';

/**
 * Slack's answers that mean the audit token itself cannot read the log, whatever the query: any token's loss (revoked,
 * expired, deactivated, never valid), and not an Org Owner's user token (an admin's is refused:
 * not_allowed_token_type), without auditlogs:read, or not on an Enterprise organization.
 */
const TOKEN_REFUSED = new Set([
  ...TOKEN_LOST,
  'not_allowed_token_type',
  'missing_scope',
  'feature_not_enabled',
  'team_not_authorized',
]);

/** While the token is refused, the log is asked again at most this often, to notice it works again. */
export const AUDIT_TOKEN_RETRY_MS = 5 * 60_000;

/**
 * Watches SLACK_AUDIT_TOKEN through the answers to the app's own queries: the first refusal is an error line and one
 * post to the audit channel; until it works again, queries are not sent, but for one every few minutes that finds
 * out. Sign-outs never depend on it: only the checks with Slack's log and the scan wait.
 */
export class AuditTokenWatch {
  private refusal: string | undefined;
  private lastTry = 0;

  constructor(
    private readonly logger: Logger,
    private readonly onLost: (problem: string) => Promise<unknown>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Slack's code for why the token cannot be used, while it cannot. */
  get refused(): string | undefined {
    return this.refusal;
  }

  /** Whether to send a query now: always while the token works; once every AUDIT_TOKEN_RETRY_MS while it does not. */
  mayAsk(): boolean {
    if (!this.refusal) return true;
    if (this.now() - this.lastTry < AUDIT_TOKEN_RETRY_MS) return false;
    this.lastTry = this.now();
    return true;
  }

  /** Slack answered a query. */
  worked(): void {
    if (!this.refusal) return;
    this.logger.warn('SLACK_AUDIT_TOKEN works again: runs are checked with Slack’s audit log again');
    this.refusal = undefined;
  }

  /** A query failed with this code: one that means the token is refused is acted on once. */
  async heard(code: string): Promise<void> {
    if (!TOKEN_REFUSED.has(code) || this.refusal) return;
    this.refusal = code;
    this.lastTry = this.now();
    const problem = `SLACK_AUDIT_TOKEN was refused by Slack’s Audit Logs API (${code}): ${describeSlackError(code, 'audit')}`;
    this.logger.error(
      `AUDIT TOKEN LOST: ${problem} Sign-outs go on; runs are not checked with Slack’s audit log, and sign-outs made outside the app are not reported, until it works.`,
    );
    try {
      await this.onLost(problem);
    } catch (error) {
      this.logger.error(`the audit channel was not told that the audit token was lost: ${String(error)}`);
    }
  }
}
