import type { NotifyResult } from '../domain/notify';
import { slackDate } from './audit-text';
import { describeSlackError } from './error-sentences';
import { mention } from './mrkdwn';

/**
 * The DM to a person signed out, from NOTIFY_TEMPLATE: {when} is the time (in their own time zone), {admin} the
 * confirming admin only when NOTIFY_NAME_ADMIN allows, else "your security team".
 */
export function notifyMessage(template: string, when: Date, adminId: string | undefined): string {
  const admin = adminId ? mention(adminId) : 'your security team';
  return template.replaceAll('{when}', slackDate(when.toISOString())).replaceAll('{admin}', admin);
}

/** The note to the admin once the DMs are sent: who was told, and who was not and why. */
export function notifySummary(results: readonly NotifyResult[]): string {
  const told = results.filter((r) => r.sent).length;
  const lines = [`:envelope: Told ${told} of ${results.length} by DM that they were signed out.`];
  for (const r of results) {
    if (!r.sent) lines.push(`• ${mention(r.userId)} was not told: ${describeSlackError(r.code ?? 'unknown', 'bot')}`);
  }
  return lines.join('\n');
}
