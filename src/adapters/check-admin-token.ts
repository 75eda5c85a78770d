import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { USER_ID } from '../domain/ids';
import { describeSlackError } from '../views/error-sentences';
import { callFailure } from './call-outcome';

const ADMIN_SCOPES = ['admin.users:read', 'admin.users:write'];

/** Fails start-up with a clear sentence when the admin token is unusable, instead of failing at 3 a.m. */
export async function checkAdminToken(client: WebClient, logger: Logger): Promise<string | undefined> {
  let who: Awaited<ReturnType<WebClient['auth']['test']>>;
  try {
    who = await client.auth.test();
  } catch (error) {
    const { code } = callFailure(error);
    throw new Error(`SLACK_ADMIN_TOKEN was refused by Slack (${code}): ${describeSlackError(code)}`);
  }
  // Slack lists the token's scopes in a header; when it does, a token without the admin scopes is caught now.
  const scopes = who.response_metadata?.scopes;
  const missing = scopes ? ADMIN_SCOPES.filter((s) => !scopes.includes(s)) : [];
  if (missing.length > 0) {
    throw new Error(`SLACK_ADMIN_TOKEN lacks ${missing.join(' and ')}: add the user scopes and reinstall the app.`);
  }
  if (!who.enterprise_id) {
    logger.warn(
      'SLACK_ADMIN_TOKEN is not from an Enterprise organization: the admin.users.session methods will refuse it',
    );
  }
  logger.info(`admin token belongs to ${who.user_id} (${who.enterprise_id ?? who.team_id ?? 'no team'})`);
  // Slack's answer is input too: only a well-formed user ID is compared with targets and shown.
  return typeof who.user_id === 'string' && USER_ID.test(who.user_id) ? who.user_id : undefined;
}
