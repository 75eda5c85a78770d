import { INVALIDATE_WORDS } from '../../../../src/actions/invalidate/words';
import { RESET_WORDS } from '../../../../src/actions/reset/words';
import { progressReporter } from '../../../../src/actions/shared/progress';
import { progressView } from '../../../../src/views/result-view';
import { type Fakes, fakeDeps, textOf, VIEW_ID, waitNotice } from '../../../support/listener-fakes';

describe('progressReporter', () => {
  let f: Fakes;
  beforeEach(() => {
    jest.useFakeTimers();
    f = fakeDeps();
  });
  afterEach(() => jest.useRealTimers());

  /** Shown in the modal, as a Submit's progress is. */
  const reporter = (total: number, words = RESET_WORDS) =>
    progressReporter({
      total,
      show: (finished, waiting) => f.surface.updateModal(VIEW_ID, progressView(words, total, finished, waiting)),
    });
  /** What each progress update said, in order. */
  const shown = () => f.surface.updates().map((u) => textOf(u.view));
  const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms);

  it('shows the first finished target at once, in the open modal', async () => {
    const progress = reporter(3);
    progress.onResult?.();
    await advance(0);
    expect(f.surface.updates().map((u) => u.viewId)).toEqual([VIEW_ID]);
    expect(shown()[0]).toContain(':hourglass_flowing_sand: Signing out 3 people… 1 of 3 finished.');
    await progress.close();
  });

  it('throttles: later results wait for the interval and are shown together', async () => {
    const progress = reporter(5, INVALIDATE_WORDS);
    progress.onResult?.();
    await advance(0);
    progress.onResult?.();
    progress.onResult?.();
    await advance(1000);
    expect(shown()).toHaveLength(1);
    await advance(1000);
    expect(shown()).toHaveLength(2);
    expect(shown()[1]).toContain('Ending 5 sessions… 3 of 5 finished.');
    await progress.close();
  });

  it('leaves the last result to the result view: no progress update once all are finished', async () => {
    const progress = reporter(1);
    progress.onResult?.();
    await advance(10_000);
    expect(f.surface.calls).toEqual([]);
    await progress.close();
  });

  it.each([
    ['ratelimited', 3200, 'Slack asks us to wait 4 s (rate limit on `admin.users.session.reset`).'],
    ['paced', 3200, "Keeping to Slack's rate limit on `admin.users.session.reset`: the next call in 4 s."],
    [
      'slack_server_error',
      3200,
      'Slack did not answer cleanly (`slack_server_error` on `admin.users.session.reset`); trying again in 4 s.',
    ],
  ])('says why it waits (%s), counts down, and keeps saying it until the wait is over', async (code, waitMs, line) => {
    const progress = reporter(3);
    progress.onWait?.(waitNotice(code, waitMs));
    await advance(0);
    expect(shown()[0]).toContain('0 of 3 finished.');
    expect(shown()[0]).toContain(`:turtle: ${line}`);
    // A result meanwhile (another person's call) does not take the wait off the screen.
    progress.onResult?.();
    await advance(1500);
    expect(shown()[1]).toContain('1 of 3 finished.');
    expect(shown()[1]).toContain(':turtle:');
    expect(shown()[1]).toMatch(/in 2 s|wait 2 s/);
    // Once it is over, the next update drops it, with nothing else to report.
    await advance(2000);
    expect(shown().at(-1)).toContain('1 of 3 finished.');
    expect(shown().at(-1)).not.toContain(':turtle:');
    const count = shown().length;
    await advance(10_000);
    expect(shown()).toHaveLength(count);
    await progress.close();
  });

  it('shows two waits on two methods at once', async () => {
    const progress = reporter(3);
    progress.onWait?.(waitNotice('ratelimited', 5000, 'users.info'));
    progress.onWait?.(waitNotice('ratelimited', 5000, 'admin.users.session.list'));
    await advance(0);
    expect(shown()[0]).toContain('rate limit on `users.info`');
    expect(shown()[0]).toContain('rate limit on `admin.users.session.list`');
    await progress.close();
  });

  it('in a quiet start (a look-up), says nothing of what finishes within the first interval, but says a wait at once', async () => {
    const quiet = progressReporter({
      total: 3,
      quietStart: true,
      show: (finished, waiting) => f.surface.updateModal(VIEW_ID, progressView(RESET_WORDS, 3, finished, waiting)),
    });
    quiet.onResult?.();
    await advance(1000);
    expect(shown()).toEqual([]);
    quiet.onWait?.(waitNotice('ratelimited', 5000, 'users.info'));
    await advance(0);
    expect(shown()[0]).toContain('rate limit on `users.info`');
    await quiet.close();
  });

  it('sends nothing after close, even what was already scheduled', async () => {
    const progress = reporter(3);
    progress.onResult?.();
    await progress.close();
    progress.onResult?.();
    progress.onWait?.(waitNotice('ratelimited', 1000));
    await advance(10_000);
    expect(f.surface.calls).toEqual([]);
  });

  it('sends updates one after another, and close waits for the one under way', async () => {
    let release: (shown: boolean) => void = () => {};
    const held = new Promise<boolean>((resolve) => {
      release = resolve;
    });
    const update = jest.spyOn(f.surface, 'updateModal').mockReturnValueOnce(held);
    const progress = reporter(4);
    progress.onResult?.();
    await advance(0);
    progress.onResult?.();
    await advance(1500);
    // The second update waits for the first to be answered.
    expect(update).toHaveBeenCalledTimes(1);

    let closed = false;
    const closing = progress.close().then(() => {
      closed = true;
    });
    await advance(0);
    expect(closed).toBe(false);
    release(true);
    await closing;
    expect(update).toHaveBeenCalledTimes(2);
    expect(textOf(update.mock.calls[1]?.[1])).toContain('2 of 4 finished.');
  });
});
