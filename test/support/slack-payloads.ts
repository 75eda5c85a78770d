import { ENTERPRISE_ID, TEAM_ID } from './fake-slack';
import { formBody, payloadBody } from './signed-request';

/** The fields a test chooses; the rest are what Slack sends for a command in the fake organization. */
export interface CommandFields {
  command: string;
  text: string;
  userId: string;
  triggerId: string;
  responseUrl: string;
  /** An org-wide (Enterprise) install: is_enterprise_install, and no workspace on views. */
  orgWide?: boolean;
}

/** A slash command's fields: Socket Mode sends them as an envelope's payload. */
export function commandPayload(c: CommandFields): Record<string, string> {
  return {
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
    is_enterprise_install: String(c.orgWide ?? false),
    response_url: c.responseUrl,
    trigger_id: c.triggerId,
  };
}

/** The body of a slash command, form-encoded as Slack posts it. */
export const commandBody = (c: CommandFields): string => formBody(commandPayload(c));

export interface SubmissionFields {
  viewId: string;
  view: Record<string, unknown>;
  userId: string;
  triggerId: string;
  values?: Record<string, Record<string, unknown>>;
  orgWide?: boolean;
}

/** A view_submission for a view the app opened: Socket Mode sends it as an envelope's payload. */
export function viewSubmissionPayload(s: SubmissionFields): Record<string, unknown> {
  const orgWide = s.orgWide ?? false;
  return {
    type: 'view_submission',
    team: orgWide ? null : { id: TEAM_ID, domain: 'acme', enterprise_id: ENTERPRISE_ID },
    user: { id: s.userId, username: s.userId.toLowerCase(), name: s.userId.toLowerCase(), team_id: TEAM_ID },
    api_app_id: 'A0APP00001',
    token: 'deprecated-verification-token',
    trigger_id: s.triggerId,
    enterprise: { id: ENTERPRISE_ID, name: 'Acme' },
    is_enterprise_install: orgWide,
    view: {
      ...s.view,
      id: s.viewId,
      team_id: orgWide ? '' : TEAM_ID,
      app_id: 'A0APP00001',
      bot_id: 'B0BOT00001',
      hash: '1700000000.abc',
      state: { values: s.values ?? {} },
    },
    response_urls: [],
  };
}

/** The same, as Slack posts it over HTTP (`payload=` form field). */
export const viewSubmissionBody = (s: SubmissionFields): string => payloadBody(viewSubmissionPayload(s));

export interface ClickFields {
  userId: string;
  actionId: string;
  value: string;
  triggerId: string;
  responseUrl: string;
  /** The message the button is in. */
  message: { channel: string; ts: string };
}

/** A click on a button in a message the app posted, as Slack sends block_actions. */
export function blockActionsPayload(c: ClickFields): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: c.userId, team_id: TEAM_ID },
    team: { id: TEAM_ID, domain: 'acme', enterprise_id: ENTERPRISE_ID },
    api_app_id: 'A0APP00001',
    trigger_id: c.triggerId,
    response_url: c.responseUrl,
    container: { type: 'message', message_ts: c.message.ts, channel_id: c.message.channel, is_ephemeral: false },
    channel: { id: c.message.channel, name: 'approvals' },
    message: { type: 'message', ts: c.message.ts, text: 'Approval requested' },
    actions: [
      {
        type: 'button',
        action_id: c.actionId,
        block_id: 'approval',
        value: c.value,
        action_ts: String(Date.now() / 1000),
      },
    ],
    is_enterprise_install: false,
  };
}

export const blockActionsBody = (c: ClickFields): string => payloadBody(blockActionsPayload(c));
