import fc from 'fast-check';
import { durationWords, parseDuration, SESSION_DURATION } from '../../../../src/actions/session-settings/duration';

const HOUR = 3600;
const DAY = 86_400;

describe('durations as people type them', () => {
  it('keeps Slack’s limits, from its reference: 8 hours to 315569520 seconds (10 years)', () => {
    expect(SESSION_DURATION).toEqual({ min: 28_800, max: 315_569_520 });
  });

  it.each([
    ['8h', 8 * HOUR, '8 hours'],
    ['12h', 12 * HOUR, '12 hours'],
    ['24h', DAY, '1 day'],
    ['7d', 7 * DAY, '7 days'],
    ['30d', 30 * DAY, '30 days'],
    ['2w', 14 * DAY, '14 days'],
    ['1d12h', 36 * HOUR, '1 day 12 hours'],
    ['1d 12h', 36 * HOUR, '1 day 12 hours'],
    ['8 hours', 8 * HOUR, '8 hours'],
    ['8H', 8 * HOUR, '8 hours'],
    ['1 week', 7 * DAY, '7 days'],
    ['3652d', 3652 * DAY, '3,652 days'],
  ])('reads %s as %d seconds, said back as "%s"', (typed, seconds, words) => {
    expect(parseDuration(typed)).toEqual({ ok: true, value: seconds });
    expect(durationWords(seconds)).toBe(words);
  });

  it('says Slack’s longest in words, and any odd number of seconds Slack may hold exactly', () => {
    expect(durationWords(315_569_520)).toBe('10 years');
    expect(durationWords(DAY + HOUR + 61)).toBe('1 day 1 hour 1 minute 1 second');
  });

  it.each([
    ['7h', '7 hours is too short: Slack’s shortest session is 8 hours.'],
    ['0d', '0 seconds is too short: Slack’s shortest session is 8 hours.'],
    ['3653d', '3,653 days is too long: Slack’s longest session is 10 years.'],
    ['8', '`8` is not a duration: write it like 8h, 12h, 7d or 30d.'],
    ['', '`(nothing)` is not a duration: write it like 8h, 12h, 7d or 30d.'],
    ['8h and more', '`8h and more` is not a duration: write it like 8h, 12h, 7d or 30d.'],
    ['8m', '`m` is not a unit: use h (hours), d (days) or w (weeks).'],
    ['<!here>h', '`&lt;!here&gt;h` is not a duration: write it like 8h, 12h, 7d or 30d.'],
  ])('refuses %s: %s', (typed, error) => {
    expect(parseDuration(typed)).toEqual({ ok: false, error });
  });

  it('never throws, accepts only whole seconds within Slack’s limits, and says why otherwise without markup', () => {
    const typed = fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 999_999 }), fc.constantFrom('h', 'd', 'w', 'hours', 'x', ''))
        .map(([n, u]) => `${n}${u}`),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(typed, (text) => {
        const r = parseDuration(text);
        if (r.ok) {
          expect(Number.isSafeInteger(r.value)).toBe(true);
          expect(r.value).toBeGreaterThanOrEqual(SESSION_DURATION.min);
          expect(r.value).toBeLessThanOrEqual(SESSION_DURATION.max);
        } else {
          expect(r.error).not.toMatch(/[<>]/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
