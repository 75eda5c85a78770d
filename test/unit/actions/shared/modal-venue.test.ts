import { RESET_WORDS } from '../../../../src/actions/reset/words';
import { modalVenue } from '../../../../src/actions/shared/modal-venue';
import { executedRecord } from '../../../../src/domain/audit-record';
import type { Report } from '../../../../src/domain/report';
import { resultText, resultView } from '../../../../src/views/result-view';
import {
  ALICE,
  BOB,
  type Fakes,
  failed,
  fakeDeps,
  OK,
  REQUEST_ID,
  RESPONSE_URL,
  resetPlan,
  textOf,
  unknown,
  VIEW_ID,
} from '../../../support/listener-fakes';

const REPORT: Report = {
  action: 'reset',
  details: { scope: 'all' },
  reason: 'INC-42',
  results: [
    { target: { userId: ALICE }, outcome: OK },
    { target: { userId: BOB }, outcome: failed('user_session_reset_failed') },
  ],
  skipped: [],
  skippedUnlisted: 0,
};

describe('modalVenue', () => {
  let f: Fakes;
  beforeEach(() => {
    f = fakeDeps();
  });
  const venue = (plan = resetPlan({ userIds: [ALICE, BOB] })) =>
    modalVenue({ slack: f.surface, logger: f.logger, viewId: VIEW_ID, plan, words: RESET_WORDS, total: 2 });

  it('shows the result in the modal and sends it by message', async () => {
    await venue().report(REPORT);
    expect(f.surface.calls).toEqual([
      { method: 'updateModal', viewId: VIEW_ID, view: resultView(REPORT, RESET_WORDS) },
      { method: 'postEphemeral', responseUrl: RESPONSE_URL, text: resultText(REPORT, RESET_WORDS) },
    ]);
    expect(f.surface.messages()[0]?.text).toContain(':warning: *Signed out 1 of 2 people, 1 failed.*');
    expect(f.logger.error).not.toHaveBeenCalled();
  });

  it('sends no message when the plan has no response_url', async () => {
    await venue(resetPlan({ userIds: [ALICE, BOB], responseUrl: undefined })).report(REPORT);
    expect(f.surface.methods()).toEqual(['updateModal']);
  });

  it('still sends the message when the modal was closed', async () => {
    f.surface.acceptUpdate = () => false;
    await venue().report(REPORT);
    expect(f.surface.messages()).toHaveLength(1);
    expect(f.logger.error).not.toHaveBeenCalled();
  });

  it('logs when the result reached the admin neither way', async () => {
    f.surface.acceptUpdate = () => false;
    f.surface.delivered = false;
    await venue().report(REPORT);
    expect(f.logger.error).toHaveBeenCalledWith(
      'the result of reset 3f2b8c1e-9d4a-4e6b-8f7c-1a2b3c4d5e6f reached the admin neither way',
    );
  });

  it('sends what follows the report by message, and shows progress as a line that may be dropped', async () => {
    await venue().note('told 2 of 2');
    await venue().progress(1, 'waiting');
    expect(f.surface.messages()).toEqual([{ responseUrl: RESPONSE_URL, text: 'told 2 of 2' }]);
    expect(textOf(f.surface.updates()[0]?.view)).toContain('1 of 2 finished');
  });

  it('the record of a report: a dry run as a dry run, an all-unknown run as unknown', () => {
    const by = { requestId: REQUEST_ID, invokerId: ALICE };
    const dry = { ...REPORT, results: [{ target: { userId: ALICE }, outcome: OK }], dryRun: true };
    const lost = { ...REPORT, results: [{ target: { userId: ALICE }, outcome: unknown('timeout') }] };
    expect(
      [executedRecord(by, dry, true), executedRecord(by, lost, false)].map((r) => [r.outcome, r.targets[0]?.result]),
    ).toEqual([
      ['dry_run', 'dry_run'],
      ['unknown', 'unknown'],
    ]);
  });
});
