import { USER_ID } from '../domain/ids';
import { listedUsers } from '../domain/slack-audit';
import { truncate } from '../domain/text';
import type { SlackAuditEntry, SlackAuditUser } from '../ports/slack-audit-log';
import { slackDate } from './audit-text';
import { escapeMrkdwn, quoteInput } from './mrkdwn';

/** Slack's session actions, in words; any other (one a new action of the app declares) is shown by its name. */
const WHAT: Record<string, string> = {
  user_session_reset_by_admin: 'signed out by an admin',
  bulk_session_reset_by_admin: 'signed out in a bulk reset by an admin',
  user_session_invalidated: 'had a session ended',
  user_sessions_reset_by_anomaly_event_response: 'signed out by Slack’s anomaly event response',
  user_logout_compromised: 'signed out for a compromised device',
  user_session_settings_changed: 'had their session settings changed',
};

/** People named one by one in a bulk entry; the rest are counted. */
const NAMED = 20;

/** A user as an entry names them: a mention when the ID is well formed, and their name and email, escaped. */
function who(user: SlackAuditUser | undefined, fallback: string): string {
  if (!user) return quoteInput(fallback || 'unknown');
  const id = USER_ID.test(user.id) ? `<@${user.id}>` : quoteInput(user.id);
  const about = [user.name, user.email].filter((s): s is string => s !== undefined).map((s) => truncate(s, 80));
  return about.length > 0 ? `${id} (${escapeMrkdwn(about.join(', '))})` : id;
}

function scopeOf(details: SlackAuditEntry['details']): string {
  if (details.mobile_only === true) return ' (mobile sessions only)';
  if (details.web_only === true) return ' (web sessions only)';
  return details.non_sso_only === true ? ' (non-SSO sessions only)' : '';
}

function listed(ids: string[]): string {
  const named = ids.slice(0, NAMED).map((id) => `<@${id}>`);
  if (ids.length > NAMED) named.push(`and ${ids.length - NAMED} more`);
  return named.join(', ');
}

/**
 * The audit channel's post for a session action the app did not make: who (Slack names the actor, often Slack
 * itself for an automatic response), what, whom, from where and when, and Slack's entry id to find it again. Every
 * part that came from Slack is escaped or shown inert.
 */
export function outsideActionText(entry: SlackAuditEntry): string {
  const action = `\`${escapeMrkdwn(truncate(entry.action, 80))}\``;
  const what = WHAT[entry.action];
  const when = slackDate(new Date(entry.dateCreate * 1000).toISOString());
  const lines = [`:rotating_light: *A session action made outside this app* · ${when}`];
  const succeeded = listedUsers(entry.details.succeeded_users);
  const failed = listedUsers(entry.details.failed_users);
  if (succeeded.length > 0 || failed.length > 0) {
    lines.push(`*Whom*: ${succeeded.length} ${what ?? action}${scopeOf(entry.details)}: ${listed(succeeded)}`);
    if (failed.length > 0) lines.push(`*Not signed out* (Slack’s job failed): ${failed.length}: ${listed(failed)}`);
  } else {
    const whom = who(entry.entity.user, entry.entity.id ?? entry.entity.type);
    lines.push(`*Whom*: ${whom} ${what ?? `(${action})`}${what ? scopeOf(entry.details) : ''}`);
  }
  lines.push(`*By*: ${who(entry.actor.user, entry.actor.type)}`);
  const from = entry.context.ipAddress ? `From IP ${quoteInput(entry.context.ipAddress)} · ` : '';
  lines.push(`${from}Slack’s ${action}, entry \`${escapeMrkdwn(entry.id)}\``);
  return lines.join('\n');
}
