import { INVALIDATE_WORDS } from '../../../src/actions/invalidate/words';
import { RESET_WORDS } from '../../../src/actions/reset/words';
import type { Report } from '../../../src/domain/report';
import type { Outcome } from '../../../src/domain/types';
import { progressView, reportLines, reportSummary, resultText, resultView } from '../../../src/views/result-view';
import { allText, assertBlockKitLimits, foreignMarkup } from '../../support/block-kit-limits';
import { rawHostile, userId } from './fixtures';

const OK: Outcome = { ok: true };
const FAILED: Outcome = { ok: false, code: 'user_session_reset_failed', uncertain: false };
const UNKNOWN: Outcome = { ok: false, code: 'timeout', uncertain: true };

const resetReport = (outcomes: Outcome[], reason?: string): Report => ({
  action: 'reset',
  details: { scope: 'all' },
  reason,
  results: outcomes.map((outcome, i) => ({ target: { userId: userId(i) }, outcome })),
  skipped: [],
  skippedUnlisted: 0,
});

const invalidateReport = (outcomes: Outcome[], reason?: string): Report => ({
  action: 'invalidate',
  reason,
  results: outcomes.map((outcome, i) => ({
    target: { userId: 'W0ALICE0001', teamId: 'E0123ABCDEF', sessionId: 1000 + i },
    outcome,
  })),
  skipped: [],
  skippedUnlisted: 0,
});

/** Each action's own words, as its registry entry gives them to the views. */
const words = (report: Pick<Report, 'action'>) => (report.action === 'reset' ? RESET_WORDS : INVALIDATE_WORDS);

describe('a failure is never reported as success', () => {
  const report = resetReport([OK, FAILED, UNKNOWN], 'INC-42');

  it('the summary says 1 of 3, with the failure and the unknown counted apart', () => {
    expect(reportSummary(report, words(report))).toBe(':warning: *Signed out 1 of 3 people, 1 failed, 1 unknown.*');
  });

  it('each line says done, not done or unknown, in distinct words', () => {
    const [done, failed, unknown] = reportLines(report, words(report));
    expect(done).toBe(`:white_check_mark: <@${userId(0)}> signed out of all sessions.`);
    expect(failed).toMatch(new RegExp(`^:x: <@${userId(1)}>: \\*not done\\*\\. Slack could not end the sessions`));
    expect(unknown).toMatch(new RegExp(`^:grey_question: <@${userId(2)}>: \\*unknown\\* whether it took effect\\.`));
    expect(failed).not.toMatch(/unknown|signed out of/);
    expect(unknown).not.toMatch(/not done|signed out of/);
  });

  it('the modal and the message both carry the same truth', () => {
    const view = resultView(report, words(report));
    assertBlockKitLimits(view);
    const text = allText(view);
    const message = resultText(report, words(report));
    for (const t of [text, message]) {
      expect(t).toContain('1 of 3 people, 1 failed, 1 unknown');
      expect(t).toContain('*not done*');
      expect(t).toContain('*unknown*');
      expect(t).toContain('Reason: INC-42');
      expect(t).not.toContain(':white_check_mark: *Signed');
    }
  });

  it.each<[string, Outcome[], string]>([
    ['all done', [OK, OK], ':white_check_mark: *Signed out 2 of 2 people.*'],
    ['all failed', [FAILED, FAILED], ':x: *Signed out 0 of 2 people, 2 failed.*'],
    ['all unknown', [UNKNOWN], ':x: *Signed out 0 of 1 person, 1 unknown.*'],
    ['one done', [OK], ':white_check_mark: *Signed out 1 of 1 person.*'],
  ])('reset summary when %s', (_name, outcomes, summary) => {
    expect(reportSummary(resetReport(outcomes), RESET_WORDS)).toBe(summary);
  });

  it.each<[string, Outcome[], string]>([
    ['one ended', [OK], ':white_check_mark: *Ended 1 of 1 session.*'],
    ['mixed', [OK, FAILED, UNKNOWN], ':warning: *Ended 1 of 3 sessions, 1 failed, 1 unknown.*'],
  ])('invalidate summary when %s', (_name, outcomes, summary) => {
    expect(reportSummary(invalidateReport(outcomes), INVALIDATE_WORDS)).toBe(summary);
  });

  it('invalidate lines name the session and the person', () => {
    expect(reportLines(invalidateReport([OK, FAILED]), INVALIDATE_WORDS)).toEqual([
      ':white_check_mark: Session 1000 of <@W0ALICE0001> ended.',
      expect.stringMatching(/^:x: Session 1001 of <@W0ALICE0001>: \*not done\*\./),
    ]);
  });

  it('names the scope that was reset', () => {
    expect(reportLines({ ...resetReport([OK]), details: { scope: 'mobile' } }, RESET_WORDS)[0]).toContain(
      'signed out of mobile sessions only',
    );
    expect(reportLines({ ...resetReport([OK]), details: { scope: 'web' } }, RESET_WORDS)[0]).toContain(
      'signed out of web sessions only',
    );
  });
});

describe('resultView limits', () => {
  const mixed = (n: number) => Array.from({ length: n }, (_, i) => [OK, FAILED, UNKNOWN][i % 3] as Outcome);

  it.each([1, 25, 50])('a reset report for %d people stays within Block Kit limits', (n) => {
    const view = resultView(resetReport(mixed(n), 'r'.repeat(600)), RESET_WORDS);
    assertBlockKitLimits(view);
    expect(foreignMarkup(view)).toEqual([]);
    expect(view.submit).toBeUndefined();
    expect(view.close?.text).toBe('Done');
  });

  it.each([1, 10, 11, 50])('an invalidate report for %d sessions stays within Block Kit limits', (n) => {
    const view = resultView(invalidateReport(mixed(n)), INVALIDATE_WORDS);
    assertBlockKitLimits(view);
    expect(view.title.text).toBe('End a session');
  });

  it('escapes the reason and shows unknown error codes inert', () => {
    const report = resetReport(
      [{ ok: false, code: '<!here>&<@U123>', uncertain: false }],
      'because <!here> & <@U123> said <https://evil|x>',
    );
    const view = resultView(report, words(report));
    expect(foreignMarkup(view)).toEqual([]);
    for (const t of [allText(view.blocks), resultText(report, words(report))]) {
      const withoutAppMentions = t.replace(/<@W[0-9]{10}>/g, '');
      expect(rawHostile(withoutAppMentions)).toEqual([]);
      expect(withoutAppMentions).not.toContain('<');
    }
    expect(resultText(report, words(report))).toContain(
      'Reason: because &lt;!here&gt; &amp; &lt;@U123&gt; said &lt;https://evil|x&gt;',
    );
  });

  it('says when no reason was given', () => {
    expect(resultText(resetReport([OK]), RESET_WORDS)).toMatch(/No reason given\.$/);
  });
});

describe('progressView', () => {
  it.each<['reset' | 'invalidate', number, string]>([
    ['reset', 1, 'Signing out 1 person…'],
    ['reset', 50, 'Signing out 50 people…'],
    ['invalidate', 1, 'Ending 1 session…'],
    ['invalidate', 50, 'Ending 50 sessions…'],
  ])('%s of %d says it is still running', (kind, count, what) => {
    const view = progressView(words({ action: kind }), count);
    assertBlockKitLimits(view);
    expect(view.submit).toBeUndefined();
    expect(allText(view)).toContain(`:hourglass_flowing_sand: ${what}`);
    expect(allText(view)).not.toMatch(/white_check_mark|Signed out \d/);
  });
});
