/**
 * Slack's error codes, as sentences an admin understands in a hurry. Each sentence says what it means for the
 * person being signed out and, where there is one, what to do next.
 */
const SENTENCES: Record<string, string> = {
  // admin.users.session.reset / invalidate
  cannot_reset_primary_owner: 'Slack never lets an app sign out the Primary Owner; only they can end their sessions.',
  cannot_invalidate_primary_owner:
    'Slack never lets an app sign out the Primary Owner; only they can end their sessions.',
  cannot_reset_bot: 'This is a bot or app user, which has no sessions to end.',
  user_not_found: 'Slack could not find this user.',
  users_not_found: 'No Slack user has this email address.',
  user_not_visible: 'This user is not visible to the app.',
  user_session_reset_failed: 'Slack could not end the sessions this time; try again.',
  failed_for_some_users:
    'Slack queued the job and refused some of these people (a bot, the Primary Owner, an unknown ID), and does not say whom. Slack’s audit log (`bulk_session_reset_by_admin`) lists who was and was not signed out; “Verify now” shows what is left.',
  unexpected_answer: 'Slack’s answer was about someone else than the person asked for, so it was not used.',
  list_incomplete: 'Slack’s list was incomplete (items the app could not read, or more pages than it reads).',
  // The check afterwards (verified records): what Slack showed once the order ran.
  still_listed: 'Slack still lists a session that should have ended.',
  other_sessions_listed: 'Slack lists sessions of a kind this sign-out left alone (mobile or web only).',
  not_as_asked: 'Slack holds settings other than the ones this change set.',
  not_returned: 'Slack’s answer left this person out, so what it holds for them is not known.',
  session_reset_not_allowed: 'Only the Primary Owner can end the Primary Owner’s sessions.',
  restricted_action: 'The organization’s settings do not allow this action for this token.',
  session_invalidation_failed: 'Slack could not end this session this time; try again.',
  session_not_found: 'That session no longer exists: it has ended, or the ID is wrong.',
  no_active_sessions: 'This person has no active sessions.',
  admin_token_owner:
    'This person owns the admin token the app acts with: only an admin confirming in Slack may sign them out, never a workflow or an API client.',
  bots_not_allowed: 'This is a bot or app user, which has no sessions.',
  admin_unauthorized: 'The admin token’s owner is not allowed to end this person’s sessions.',
  not_an_admin: 'The admin token does not belong to an org admin or owner, so Slack refused.',
  feature_not_enabled: 'Session management is not enabled here: it needs Slack Enterprise.',
  enterprise_is_restricted: 'This Enterprise organization restricts this method.',
  team_not_found: 'Slack could not find that workspace.',
  missing_team: 'Slack needs the workspace to list sessions.',
  missing_user: 'Slack needs the user to list sessions.',
  invalid_cursor: 'Slack rejected the paging cursor while listing sessions; run the command again.',
  // Token and permission problems: the fix is in the app's set-up, not in the command.
  not_allowed_token_type:
    'The admin token is the wrong kind: it must be the user token (xoxp-) of an org admin from an org-wide install.',
  missing_scope: 'The admin token lacks a scope it needs (admin.users:read and admin.users:write); reinstall the app.',
  invalid_auth: 'Slack rejected the app’s token; it may have been revoked or mistyped.',
  not_authed: 'The app sent no token; check its configuration.',
  account_inactive: 'The token’s owner has been deactivated; install the app again as an active admin.',
  token_revoked: 'The token has been revoked; install the app again.',
  token_expired: 'The token has expired; install the app again.',
  no_permission: 'The token is not allowed to do this.',
  // Load and outages.
  ratelimited:
    'Slack asked the app to wait longer than ADMIN_RETRY_BUDGET_MS allows (rate limit); nothing was done for this person. Try again in a minute.',
  internal_error: 'Slack had an internal error; it is unknown whether this took effect.',
  fatal_error: 'Slack had an internal error; it is unknown whether this took effect.',
  service_unavailable: 'Slack is unavailable right now; try again shortly.',
  request_timeout: 'Slack did not answer in time; it is unknown whether this took effect.',
  // Produced by this app for transport failures (see adapters/call-outcome.ts).
  timeout: 'Slack did not answer in time; it is unknown whether this took effect. Check before trying again.',
  network_error: 'The connection to Slack failed; it is unknown whether this took effect. Check before trying again.',
  slack_server_error: 'Slack answered with a server error; it is unknown whether this took effect.',
  unexpected_error:
    'The app failed before it learned what Slack did; it is unknown whether this took effect. Check before trying again.',
  shutting_down: 'The app was stopping, so this was not sent (or not tried again). Run the command again.',
  // views.open
  expired_trigger_id: 'Slack’s 3-second window to open the confirmation passed.',
  exchanged_trigger_id: 'That command’s confirmation window was already used.',
  trigger_expired: 'Slack’s 3-second window to open the confirmation passed.',
  no_view_id: 'Slack opened a modal without saying which, so the confirmation could not be shown in it.',
};

/** The same codes when the bot token made the call (look-ups, modals, messages): the fix is different. */
const BOT_SENTENCES: Record<string, string> = {
  not_allowed_token_type: 'The bot token is the wrong kind: it must be the app’s bot token (xoxb-).',
  missing_scope: 'The bot token lacks a scope it needs (users:read, users:read.email, chat:write); reinstall the app.',
  invalid_auth: 'Slack rejected the app’s bot token; it may have been revoked or mistyped.',
  ratelimited:
    'Slack asked the app to wait longer than LOOKUP_RETRY_BUDGET_MS allows (rate limit). Try again in a minute.',
};

/** The same codes for the app-level token, which only opens Socket Mode connections (apps.connections.open). */
const APP_SENTENCES: Record<string, string> = {
  not_allowed_token_type: 'It must be an app-level token (xapp-) from Basic Information → App-Level Tokens.',
  missing_scope: 'It lacks the connections:write scope: create an app-level token with that scope.',
  invalid_auth: 'Slack rejected it; it may have been revoked or mistyped.',
  not_authed: 'No token was sent; check SLACK_APP_TOKEN.',
  token_revoked: 'It has been revoked; create a new app-level token.',
  ratelimited: 'Slack is rate limiting new connections.',
  timeout: 'Slack did not answer in time.',
  network_error: 'The connection to Slack failed.',
  slack_server_error: 'Slack answered with a server error.',
  connection_closed: 'The WebSocket closed (or was refused) before Slack said hello.',
};

/** The same codes for the audit token, which only reads Slack's Audit Logs API (SLACK_AUDIT_TOKEN). */
const AUDIT_SENTENCES: Record<string, string> = {
  not_allowed_token_type:
    'The Audit Logs API takes only the user token (xoxp-) of an Org Owner, from an app that owner installed on the organization; an admin’s token is refused.',
  missing_scope: 'It lacks the auditlogs:read user scope: add it and have the Org Owner reinstall the app.',
  invalid_auth: 'Slack rejected it; it may have been revoked or mistyped.',
  not_authed: 'No token was sent; check SLACK_AUDIT_TOKEN.',
  token_revoked:
    'It has been revoked (the owner left, or the app was uninstalled); have an Org Owner reinstall the app.',
  token_expired: 'It has expired; have an Org Owner reinstall the app.',
  account_inactive: 'Its owner has been deactivated; have an active Org Owner reinstall the app.',
  feature_not_enabled: 'The Audit Logs API is only for Enterprise organizations.',
  team_not_authorized: 'The app is not installed on the organization, so the Audit Logs API refuses it.',
  ratelimited:
    'Slack asked the app to wait longer than its budget (the Audit Logs API is Tier 3 for the whole organization, shared with any other tool reading it).',
};

/**
 * A sentence for a Slack error code; an unknown code is still shown, inert, so nothing is hidden. `via` names the
 * token that made the call, since token problems are fixed differently for each; `method` holds what a code means
 * for the one method that answered it (an action's own words), read first.
 */
export function describeSlackError(
  code: string,
  via: 'admin' | 'bot' | 'app' | 'audit' = 'admin',
  method: Readonly<Record<string, string>> = {},
): string {
  const own = { admin: method, bot: BOT_SENTENCES, app: APP_SENTENCES, audit: AUDIT_SENTENCES }[via];
  const table = own && Object.hasOwn(own, code) ? own : SENTENCES;
  const known = Object.hasOwn(table, code) ? table[code] : undefined;
  if (known !== undefined) return known;
  // callFailure's code for an HTTP error answer below 500: Slack refused the request itself.
  const http = /^http_(\d{3})$/.exec(code)?.[1];
  if (http) return `Slack refused the request with HTTP ${http}; it was not done.`;
  const safe = code.replace(/[^a-z0-9_.-]/gi, '').slice(0, 60) || 'unknown_error';
  return `Slack answered with the error \`${safe}\`.`;
}
