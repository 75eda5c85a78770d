import type { ActionDetails } from '../../domain/audit-record';
import type { SessionSettings } from '../../ports/slack';
import type { ActionWords } from '../../views/action-words';
import { describeSlackError } from '../../views/error-sentences';
import { escapeMrkdwn, mention } from '../../views/mrkdwn';
import { durationWords } from './duration';
import { type Change, changeFromDetails, type Held, heldFrom } from './settings';

const DEFAULT = 'the organization’s default';

/**
 * What each code means for the settings methods, which answer for up to 1,000 people a call: Slack's reference says
 * `user_not_found` when "at least one of the requested users doesn't exist", and the call is refused for all of them.
 */
const ERRORS: Record<string, string> = {
  user_not_found: 'Slack could not find someone sent in the same call (up to 1,000 people a call) and refused it.',
  bots_not_allowed: 'Someone sent in the same call (up to 1,000 people a call) is a bot or app user; Slack refused it.',
  at_least_one_session_setting_required: 'Slack was sent no setting to change, so it changed nothing.',
  unable_to_update_existing_sessions:
    'Slack could not apply the settings to their sessions already open, and does not say whether it kept them for new ones; the check afterwards shows what it holds.',
  invalid_arguments: 'Slack refused the settings as invalid; nothing was changed.',
  not_returned: 'Slack’s answer left them out.',
};

/**
 * "sessions of 8 hours, ended on quitting the app or browser": settings in words, each one set (one left out is not
 * theirs, so it follows the organization's default).
 */
function settingsWords({ duration, quitEndsSession }: SessionSettings): string {
  const parts: string[] = [];
  if (duration !== undefined) parts.push(`of ${durationWords(duration)}`);
  if (quitEndsSession !== undefined) parts.push(`${quitEndsSession ? 'ended' : 'kept'} on quitting the app or browser`);
  return parts.length > 0 ? `sessions ${parts.join(', ')}` : 'settings of their own the app cannot read';
}

/** What Slack holds for a person, in words. */
export function heldWords(held: Held): string {
  if (held === 'default') return DEFAULT;
  if ('own' in held) return settingsWords(held.own);
  return `not known: ${describeSlackError(held.unknown, 'admin', ERRORS)}`;
}

/** "sessions of 8 hours", "back to the organization's default": what a change asks for, in words. */
export const changeWords = (change: Change): string =>
  change === 'clear' ? `back to ${DEFAULT}` : settingsWords(change.set);

export const SETTINGS_WORDS: ActionWords = {
  title: 'Session settings',
  verb: 'Changed the session settings of',
  past: 'changed the session settings of',
  doing: 'Changing the session settings of',
  one: 'person',
  many: 'people',
  describe,
  line: (target, details) => {
    const change = details && changeFromDetails(details);
    const had = target.details && describe(target.details);
    const done =
      change === 'clear'
        ? `cleared, ${changeWords(change)}`
        : `set to ${change ? changeWords(change) : 'the new settings'}`;
    return { subject: mention(target.userId), done: had ? `${done} (${had})` : done };
  },
  checking: 'Checking with `admin.users.session.getSettings` what Slack now holds',
  errors: ERRORS,
};

/**
 * A change's details ("8 hours, after the sign-out `…`"), or a person's: what they had before it ("had the
 * organization's default") or what Slack holds after it.
 */
function describe(details: ActionDetails): string | undefined {
  const before = heldFrom(details.before);
  if (before) return `had ${heldWords(before)}`;
  const now = heldFrom(details.now);
  if (now) return `Slack holds ${heldWords(now)}`;
  const change = changeFromDetails(details);
  if (!change) return undefined;
  const after = typeof details.after === 'string' ? `, after the sign-out \`${escapeMrkdwn(details.after)}\`` : '';
  return `${changeWords(change)}${after}`;
}
