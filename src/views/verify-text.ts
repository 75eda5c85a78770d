import type { ResetScope } from '../domain/types';
import type { PersonCheck, SessionCheck } from '../domain/verify';
import { describeSlackError } from './error-sentences';
import { deviceLabel, scopeLabel } from './labels';
import { fitLines, mention, quoteInput } from './mrkdwn';

/** Sessions still listed are shown up to this many per person; the rest are counted. */
const MAX_SHOWN = 5;

const where = (teamId: string) =>
  teamId ? `workspace ${quoteInput(teamId)}` : 'any workspace (none is known for them)';

/** Workspaces not checked are named up to this many per person; the rest are counted. */
const UNLISTED_SHOWN = 3;

function unlistedText(c: PersonCheck): string {
  const named = c.unlisted
    .slice(0, UNLISTED_SHOWN)
    .map((u) => `${where(u.teamId)} could not be listed (${describeSlackError(u.code)})`);
  if (c.unlisted.length > UNLISTED_SHOWN) named.push(`and ${c.unlisted.length - UNLISTED_SHOWN} more workspaces`);
  return named.join('; ');
}

/** One person's line: verified, or exactly what is still listed (device and IP), and what could not be checked. */
export function personCheckLine(c: PersonCheck, scope: ResetScope): string {
  const who = mention(c.userId);
  const workspaces = `${c.checked.length} ${c.checked.length === 1 ? 'workspace' : 'workspaces'} checked`;
  const missing = c.unlisted.length > 0 ? ` Not checked: ${unlistedText(c)}.` : '';
  if (c.remaining.length === 0) {
    if (c.checked.length === 0) return `:grey_question: ${who}: *not verified*.${missing}`;
    // Verified only when every workspace answered: one that could not be listed may still hold a session.
    if (c.unlisted.length > 0) {
      return `:warning: ${who}: *not verified*: ${unlistedText(c)}. Nothing is listed in the ${workspaces}.`;
    }
    return `:white_check_mark: ${who}: *verified*: no active session left (${workspaces}).`;
  }
  const shown = c.remaining
    .slice(0, MAX_SHOWN)
    .map((s) => `${deviceLabel(s.recent ?? s.created)} (session ${s.sessionId}, \`${s.teamId}\`)`);
  if (c.remaining.length > MAX_SHOWN) shown.push(`and ${c.remaining.length - MAX_SHOWN} more`);
  const n = c.remaining.length === 1 ? '1 session' : `${c.remaining.length} sessions`;
  // A scoped reset leaves the other kind by design, and the list does not say which kind a session is.
  const note =
    scope === 'all'
      ? ''
      : ` A reset of ${scopeLabel(scope)} leaves the others, and the list does not say which kind each one is.`;
  const icon = scope === 'all' ? ':warning:' : ':information_source:';
  return `${icon} ${who}: *${n} still listed*: ${shown.join('; ')}.${note}${missing}`;
}

/** One ended session's line: gone, still listed, or not checked. */
export function sessionCheckLine(c: SessionCheck): string {
  const what = `Session ${c.sessionId} of ${mention(c.userId)}`;
  if (c.gone === true) return `:white_check_mark: ${what}: *gone* from the list.`;
  if (c.gone === false) return `:warning: ${what}: *still listed*.`;
  return `:grey_question: ${what}: *not verified*: ${where(c.teamId)} could not be listed (${describeSlackError(c.code ?? 'unknown')}).`;
}

export const verifyHeading = ':mag: *Checked afterwards* with `admin.users.session.list`:';

/** The message of a check afterwards: the heading and a line each, within a message's length (the record has all). */
export const checkMessage = (lines: readonly string[]): string =>
  fitLines({ head: [verifyHeading], lines, tail: [] }, (n) => `…and ${n} more in the \`verified\` record.`);

/** Lines about people with something left or unknown, at most this many in a bulk check; the rest are counted. */
const BULK_LINES = 20;

/** A later check of a bulk reset: counts, then the people with something left or not verified. */
export function bulkCheckText(checks: readonly PersonCheck[], scope: ResetScope): string {
  const clear = checks.filter((c) => c.remaining.length === 0 && c.unlisted.length === 0);
  const left = checks.filter((c) => c.remaining.length > 0);
  const unknown = checks.length - clear.length - left.length;
  const head = `${verifyHeading} ${checks.length} people: *${clear.length} with no active session left*, ${left.length} with sessions still listed, ${unknown} not verified.`;
  const worth = checks.filter((c) => c.remaining.length > 0 || c.unlisted.length > 0);
  const lines = worth.slice(0, BULK_LINES).map((c) => personCheckLine(c, scope));
  if (worth.length > BULK_LINES) lines.push(`…and ${worth.length - BULK_LINES} more in the record.`);
  return [head, ...lines].join('\n');
}
