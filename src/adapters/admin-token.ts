import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { USER_ID } from '../domain/ids';
import { describeSlackError } from '../views/error-sentences';
import { callFailure } from './call-outcome';

const ADMIN_SCOPES = ['admin.users:read', 'admin.users:write'];

/**
 * Slack's answers that mean the token itself is unusable, whatever the call: revoked (the admin left, an owner
 * revoked the install), expired, deactivated, or never valid. Every admin call would answer the same until someone
 * reinstalls the app, so one is enough to say so.
 */
export const TOKEN_LOST: ReadonlySet<string> = new Set([
  'token_revoked',
  'token_expired',
  'invalid_auth',
  'account_inactive',
  'not_authed',
]);

/** How often a running app asks `auth.test` whether the admin token still works (Tier 4: far below its limit). */
export const TOKEN_CHECK_INTERVAL_MS = 5 * 60_000;

interface TokenOwner {
  userId?: string;
  enterpriseId?: string;
}

/** `auth.test` for the admin token: who owns it, or the sentence saying why it cannot sign anyone out. */
async function askSlack(
  client: WebClient,
): Promise<{ ok: true; owner: TokenOwner } | { ok: false; code: string; problem: string }> {
  let who: Awaited<ReturnType<WebClient['auth']['test']>>;
  try {
    who = await client.auth.test();
  } catch (error) {
    const { code } = callFailure(error);
    return {
      ok: false,
      code,
      problem: `SLACK_ADMIN_TOKEN was refused by Slack (${code}): ${describeSlackError(code)}`,
    };
  }
  // Slack lists the token's scopes in a header; when it does, a token without the admin scopes is caught now.
  const scopes = who.response_metadata?.scopes;
  const missing = scopes ? ADMIN_SCOPES.filter((s) => !scopes.includes(s)) : [];
  if (missing.length > 0) {
    return {
      ok: false,
      code: 'missing_scope',
      problem: `SLACK_ADMIN_TOKEN lacks ${missing.join(' and ')}: add the user scopes and reinstall the app.`,
    };
  }
  // Slack's answer is input too: only a well-formed user ID is compared with targets and shown.
  const userId = typeof who.user_id === 'string' && USER_ID.test(who.user_id) ? who.user_id : undefined;
  return { ok: true, owner: { userId, enterpriseId: who.enterprise_id ?? who.team_id } };
}

/**
 * Watches the admin token: checked at start (an unusable token stops the app with a sentence, instead of failing at
 * 3 a.m.), again every few minutes, and at once when any admin call answers that the token is gone. A lost token is
 * an error line, a metric, a failing /readyz and a post to the audit channel, once until it works again.
 */
export class AdminTokenWatch {
  private problem: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The token owner's user ID: a target the app must not sign out (it would end its own admin session). */
  ownerId: string | undefined;

  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
    private readonly onLost: (problem: string) => Promise<unknown>,
    private readonly intervalMs = TOKEN_CHECK_INTERVAL_MS,
  ) {}

  get valid(): boolean {
    return this.problem === undefined;
  }

  /** Why the token cannot be used, while it cannot. */
  get why(): string | undefined {
    return this.problem;
  }

  /** At start: throws the sentence when the token is unusable. */
  async checkAtStart(): Promise<void> {
    const answer = await askSlack(this.client);
    if (!answer.ok) throw new Error(answer.problem);
    const { userId, enterpriseId } = answer.owner;
    if (!enterpriseId?.startsWith('E')) {
      this.logger.warn(
        'SLACK_ADMIN_TOKEN is not from an Enterprise organization: the admin.users.session methods will refuse it',
      );
    }
    this.logger.info(`admin token belongs to ${userId ?? 'an unknown user'} (${enterpriseId ?? 'no team'})`);
    this.ownerId = userId;
  }

  start(): void {
    this.timer = setInterval(() => void this.recheck(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Every admin call's error code passes here: one that means the token is gone is acted on at once. */
  heard(code: string): void {
    if (TOKEN_LOST.has(code))
      void this.lost(`SLACK_ADMIN_TOKEN was refused by Slack (${code}): ${describeSlackError(code)}`);
  }

  async recheck(): Promise<void> {
    const answer = await askSlack(this.client);
    if (answer.ok) {
      if (this.problem) this.logger.warn('SLACK_ADMIN_TOKEN works again: sign-outs can go ahead');
      this.problem = undefined;
      return;
    }
    // A timeout or an outage says nothing about the token: only Slack's refusal of the token itself counts.
    if (TOKEN_LOST.has(answer.code) || answer.code === 'missing_scope') await this.lost(answer.problem);
  }

  private async lost(problem: string): Promise<void> {
    if (this.problem) return;
    this.problem = problem;
    this.logger.error(`ADMIN TOKEN LOST: ${problem} No sign-out can run until the app is reinstalled.`);
    try {
      await this.onLost(problem);
    } catch (error) {
      this.logger.error(`the audit channel was not told that the admin token was lost: ${String(error)}`);
    }
  }
}
