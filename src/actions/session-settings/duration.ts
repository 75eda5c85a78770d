import type { Result } from '../../domain/types';
import { quoteInput } from '../../views/mrkdwn';

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * How long Slack lets a session last, in seconds: the one place the app keeps it. Source: Slack's reference for
 * admin.users.session.setSettings (https://docs.slack.dev/reference/methods/admin.users.session.setSettings),
 * argument `duration`: "The minimum value is 28800, which represents 8 hours; the max value is 315569520 or 10 years".
 * @slack/web-api 8's AdminUsersSessionSetSettingsArguments and Slack's other SDKs say the same. A minimum of 180 said
 * to be in a schema of Slack's is in no copy of its reference or SDKs read for this, and contradicts the reference's
 * own words, so the reference wins. A duration outside these is refused before any call.
 */
export const SESSION_DURATION = { min: 8 * HOUR, max: 315_569_520 } as const;

const UNITS: Record<string, number> = { h: HOUR, d: DAY, w: 7 * DAY };
const UNIT_NAMES: Record<string, string> = {
  hour: 'h',
  hours: 'h',
  hr: 'h',
  hrs: 'h',
  day: 'd',
  days: 'd',
  week: 'w',
  weeks: 'w',
  wk: 'w',
  wks: 'w',
};

/**
 * A duration as people type it, in seconds: `8h`, `12h`, `7d`, `30d`, `2w`, `1d12h`, `8 hours`; checked against
 * Slack's limits. Pure: never throws.
 */
export function parseDuration(text: string): Result<number> {
  const typed = text.trim().toLowerCase();
  const parts = [...typed.matchAll(/(\d{1,6})\s*([a-z]+)\s*/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== typed) {
    return {
      ok: false,
      error: `${quoteInput(text.trim() || '(nothing)')} is not a duration: write it like 8h, 12h, 7d or 30d.`,
    };
  }
  let seconds = 0;
  for (const [, amount, unit = ''] of parts) {
    const per = UNITS[UNIT_NAMES[unit] ?? unit];
    if (per === undefined)
      return { ok: false, error: `${quoteInput(unit)} is not a unit: use h (hours), d (days) or w (weeks).` };
    seconds += Number(amount) * per;
  }
  return withinLimits(seconds);
}

/** A duration Slack accepts, or why not, in words. */
export function withinLimits(seconds: number): Result<number> {
  const { min, max } = SESSION_DURATION;
  if (seconds < min) {
    return {
      ok: false,
      error: `${durationWords(seconds)} is too short: Slack’s shortest session is ${durationWords(min)}.`,
    };
  }
  if (seconds > max) {
    return {
      ok: false,
      error: `${durationWords(seconds)} is too long: Slack’s longest session is ${durationWords(max)}.`,
    };
  }
  return { ok: true, value: seconds };
}

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

/** "8 hours", "7 days", "1 day 12 hours", "10 years" (Slack's longest): a duration in seconds, in words. */
export function durationWords(seconds: number): string {
  if (seconds === SESSION_DURATION.max) return '10 years';
  const parts = [
    [Math.floor(seconds / DAY), 'day'],
    [Math.floor((seconds % DAY) / HOUR), 'hour'],
    [Math.floor((seconds % HOUR) / 60), 'minute'],
    [seconds % 60, 'second'],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, unit]) => plural(n, unit));
  return said.length > 0 ? said.join(' ') : '0 seconds';
}
