/** Requests exactly as Slack sends them (form-encoded, timestamped, signed), with a time bound on each. */
import { performance } from 'node:perf_hooks';
import { ENTERPRISE_ID, TEAM_ID } from '../test/support/fake-slack';
import { formBody, payloadBody, signature } from '../test/support/signed-request';

/** Milliseconds on a clock shared by every thread and process of the benchmark (epoch, sub-millisecond). */
export const clock = (): number => performance.timeOrigin + performance.now();

export interface Answer {
  status: number;
  text: string;
}

export async function postSigned(url: string, body: string, secret: string, timeoutMs: number): Promise<Answer> {
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature(secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, text: await res.text() };
  } catch (error) {
    return { status: 0, text: error instanceof Error ? error.name : String(error) };
  }
}

export interface CommandFields {
  command: string;
  text: string;
  userId: string;
  triggerId: string;
  responseUrl: string;
}

/** The body of a slash command as Slack posts it (the same fields as test/support/harness.ts). */
export function commandBody(c: CommandFields): string {
  return formBody({
    token: 'deprecated-verification-token',
    team_id: TEAM_ID,
    team_domain: 'acme',
    enterprise_id: ENTERPRISE_ID,
    enterprise_name: 'Acme',
    channel_id: 'C0CHANNEL1',
    channel_name: 'incident',
    user_id: c.userId,
    user_name: c.userId.toLowerCase(),
    command: c.command,
    text: c.text,
    api_app_id: 'A0APP00001',
    is_enterprise_install: 'false',
    response_url: c.responseUrl,
    trigger_id: c.triggerId,
  });
}

/** A view_submission for a view the app opened, as Slack posts it (the same shape as harness.submit). */
export function viewSubmissionBody(
  viewId: string,
  view: Record<string, unknown>,
  userId: string,
  triggerId: string,
  values: Record<string, Record<string, unknown>> = {},
): string {
  return payloadBody({
    type: 'view_submission',
    team: { id: TEAM_ID, domain: 'acme', enterprise_id: ENTERPRISE_ID },
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: TEAM_ID },
    api_app_id: 'A0APP00001',
    token: 'deprecated-verification-token',
    trigger_id: triggerId,
    enterprise: { id: ENTERPRISE_ID, name: 'Acme' },
    is_enterprise_install: false,
    view: {
      ...view,
      id: viewId,
      team_id: TEAM_ID,
      app_id: 'A0APP00001',
      bot_id: 'B0BOT00001',
      hash: '1700000000.abc',
      state: { values },
    },
    response_urls: [],
  });
}
