import { originVoice, stepOutputs } from '../../../src/actions/origin';
import { RESET_WORDS } from '../../../src/actions/reset/words';
import type { Report } from '../../../src/domain/report';
import { FakeSurface, fakeLogger } from '../../support/listener-fakes';
import { outputProblems } from '../../support/manifest';

const ID = '3f2b8c1e-9d4a-4e6b-8f7c-000000000042';
const report = (over: Partial<Report> = {}): Report => ({
  action: 'reset',
  details: { scope: 'all' },
  results: [
    { target: { userId: 'W0ALICE001' }, outcome: { ok: true } },
    { target: { userId: 'W0BOB00001' }, outcome: { ok: false, code: 'cannot_reset_primary_owner', uncertain: false } },
    { target: { userId: 'W0CAROL001' }, outcome: { ok: false, code: 'timeout', uncertain: true } },
  ],
  skipped: [{ label: 'W0BOT00001', code: 'is_bot' }],
  skippedUnlisted: 0,
  ...over,
});

describe('stepOutputs', () => {
  it('counts the truth per person into the outputs manifest.yml declares, for both steps', () => {
    const outputs = stepOutputs(report(), ID, RESET_WORDS);
    expect(outputs).toEqual({
      outcome: 'partial',
      done: 1,
      not_done: 2,
      unknown: 1,
      request_id: ID,
      result: expect.stringContaining('Signed out 1 of 4 people'),
    });
    expect(outputProblems('sign_people_out', outputs)).toEqual([]);
    expect(outputProblems('change_session_settings', outputs)).toEqual([]);
  });

  it('counts a bulk reset’s queued people and a dry run’s as done, as their outcome says', () => {
    const queued = report({ queued: true, results: [{ target: { userId: 'W0ALICE001' }, outcome: { ok: true } }] });
    expect(stepOutputs(queued, ID, RESET_WORDS)).toMatchObject({ outcome: 'queued', done: 1, not_done: 1 });
    expect(stepOutputs(report({ dryRun: true }), ID, RESET_WORDS)).toMatchObject({
      outcome: 'dry_run',
      done: 1,
      unknown: 1,
    });
  });
});

describe('originVoice', () => {
  it('completes or fails a workflow step, and says nothing to an API client or a modal', async () => {
    const surface = new FakeSurface();
    const logger = fakeLogger();
    const step = originVoice(
      { kind: 'workflow', step: 'sign_people_out', functionExecutionId: 'Fx1' },
      surface,
      logger,
    );
    await step.ran(report(), ID, RESET_WORDS);
    await step.notRun('Denied.');
    await originVoice({ kind: 'api', client: 'soar' }, surface, logger).notRun('Denied.');
    await originVoice(undefined, surface, logger).ran(report(), ID, RESET_WORDS);
    expect(surface.calls.map((c) => c.method)).toEqual(['completeStep', 'failStep']);
    surface.stepAnswer = { ok: false, code: 'execution_not_in_running_state' };
    await step.notRun('Again.');
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('execution_not_in_running_state'));
  });
});
