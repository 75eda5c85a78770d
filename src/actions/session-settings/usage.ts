import { durationWords, SESSION_DURATION } from './duration';

/** The help text, shown for `help` and after a usage error. */
export function settingsUsage(maxTargets: number, most: number): string {
  const { min, max } = SESSION_DURATION;
  return [
    '*/session-settings* shows and changes how long people stay signed in to Slack.',
    '• `/session-settings @alice @bob` — show their session settings; change them from there if you like',
    `• \`/session-settings @alice --duration 8h\` — their sessions last 8 hours (\`12h\`, \`7d\`, \`30d\`, \`2w\`: from ${durationWords(min)} to ${durationWords(max)}, Slack’s limits)`,
    '• `/session-settings @alice --quit-ends-session` — a session ends when they quit the app or browser; `--no-quit-ends-session` keeps it',
    '• `/session-settings @alice --clear` — back to the organization’s default for both',
    '• `/session-settings @contractors` — every member of a user group (pick it from the @ menu)',
    `Up to ${maxTargets} people named, ${most} with groups. You always confirm before anything changes.`,
  ].join('\n');
}
