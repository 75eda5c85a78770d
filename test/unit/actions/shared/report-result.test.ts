import { RESET_WORDS } from '../../../../src/actions/reset/words';
import { reportResult } from '../../../../src/actions/shared/report-result';
import type { Report } from '../../../../src/domain/report';
import { resultText, resultView } from '../../../../src/views/result-view';
import {
  ALICE,
  BOB,
  type Fakes,
  failed,
  fakeDeps,
  OK,
  RESPONSE_URL,
  resetPlan,
  unknown,
  VIEW_ID,
} from '../../../support/listener-fakes';

const REPORT: Report = {
  action: 'reset',
  scope: 'all',
  reason: 'INC-42',
  results: [
    { target: { userId: ALICE }, outcome: OK },
    { target: { userId: BOB }, outcome: failed('user_session_reset_failed') },
  ],
  skipped: [],
  skippedUnlisted: 0,
};

describe('reportResult', () => {
  let f: Fakes;
  beforeEach(() => {
    f = fakeDeps();
  });
  const report = (plan = resetPlan({ userIds: [ALICE, BOB] }), r: Report = REPORT) =>
    reportResult({ slack: f.surface, logger: f.logger, viewId: VIEW_ID, plan, words: RESET_WORDS }, r, f.deps);

  it('shows the result in the modal, sends it by message and records it', async () => {
    await report();
    expect(f.surface.calls).toEqual([
      { method: 'updateModal', viewId: VIEW_ID, view: resultView(REPORT, RESET_WORDS) },
      { method: 'postEphemeral', responseUrl: RESPONSE_URL, text: resultText(REPORT, RESET_WORDS) },
    ]);
    expect(f.surface.messages()[0]?.text).toContain(':warning: *Signed out 1 of 2 people, 1 failed.*');
    expect(f.audit.records).toEqual([
      expect.objectContaining({
        action: 'reset',
        outcome: 'partial',
        reason: 'INC-42',
        targets: [
          { userId: ALICE, result: 'done' },
          { userId: BOB, result: 'failed', error: 'user_session_reset_failed' },
        ],
      }),
    ]);
    expect(f.logger.error).not.toHaveBeenCalled();
  });

  it('sends no message when the plan has no response_url', async () => {
    await report(resetPlan({ userIds: [ALICE, BOB], responseUrl: undefined }));
    expect(f.surface.methods()).toEqual(['updateModal']);
    expect(f.audit.records).toHaveLength(1);
  });

  it('still sends the message and the record when the modal was closed', async () => {
    f.surface.acceptUpdate = () => false;
    await report();
    expect(f.surface.messages()).toHaveLength(1);
    expect(f.audit.records).toHaveLength(1);
    expect(f.logger.error).not.toHaveBeenCalled();
  });

  it('logs when the result reached the admin neither way, and still records it', async () => {
    f.surface.acceptUpdate = () => false;
    f.surface.delivered = false;
    await report();
    expect(f.logger.error).toHaveBeenCalledWith(
      'the result of reset 3f2b8c1e-9d4a-4e6b-8f7c-1a2b3c4d5e6f reached the admin neither way',
    );
    expect(f.audit.records).toHaveLength(1);
  });

  it('records a dry run as a dry run and an all-unknown run as unknown', async () => {
    await report(resetPlan(), { ...REPORT, results: [{ target: { userId: ALICE }, outcome: OK }], dryRun: true });
    await report(resetPlan(), { ...REPORT, results: [{ target: { userId: ALICE }, outcome: unknown('timeout') }] });
    expect(f.audit.records.map((r) => [r.outcome, r.targets[0]?.result])).toEqual([
      ['dry_run', 'dry_run'],
      ['unknown', 'unknown'],
    ]);
    expect(f.surface.messages()[0]?.text).toContain('Dry run: would have signed out 1 of 1 person');
  });
});
