import { RESET_WORDS } from '../../../src/actions/reset/words';
import { statusOf } from '../../../src/api/status';
import type { ApprovalRequest } from '../../../src/domain/approval';
import type { AuditRecord } from '../../../src/domain/audit-record';

const ID = '3f2b8c1e-9d4a-4e6b-8f7c-000000000042';
const asked = {
  client: 'soar',
  idempotencyKey: 'INC-7',
  requestId: ID,
  action: 'sign-outs',
  fingerprint: 'f',
  at: new Date('2026-11-26T10:00:00.000Z'),
};
const rec = (outcome: AuditRecord['outcome'], over: Partial<AuditRecord> = {}): AuditRecord => ({
  time: '2026-11-26T10:00:01.000Z',
  requestId: ID,
  invokerId: 'api:soar',
  action: 'reset',
  outcome,
  reason: 'INC-7',
  details: { scope: 'all' },
  targets: [],
  origin: { kind: 'api', client: 'soar' },
  ...over,
});
const approval = (status: ApprovalRequest['status'], over: Partial<ApprovalRequest> = {}): ApprovalRequest => ({
  id: ID,
  requesterId: 'api:soar',
  order: { action: 'reset', plan: { kind: 'reset', invokerId: 'api:soar', requestId: ID }, notify: false },
  why: 'always',
  createdAt: '2026-11-26T10:00:01.000Z',
  expiresAt: '2026-11-26T10:30:01.000Z',
  status,
  ...over,
});
const status = (records: AuditRecord[], a?: ApprovalRequest) => statusOf(asked, records, a, RESET_WORDS).status;

describe('statusOf', () => {
  it('follows a request from accepted to done, through approval when it is asked for', () => {
    expect(status([])).toBe('accepted');
    expect(status([rec('approval_requested')], approval('pending'))).toBe('awaiting_approval');
    expect(status([rec('approval_requested'), rec('approved')], approval('approved'))).toBe('running');
    expect(status([rec('started')])).toBe('running');
    expect(status([rec('started'), rec('executed')])).toBe('done');
    expect(status([rec('approval_requested'), rec('denied')], approval('denied'))).toBe('denied');
    expect(status([rec('approval_requested'), rec('expired')], approval('expired'))).toBe('expired');
    expect(status([rec('refused')])).toBe('refused');
    // Accepted, then it could not be placed (its approval request could not be kept, an error): said as done, failed.
    expect(statusOf(asked, [rec('failed')], undefined, RESET_WORDS)).toMatchObject({
      status: 'done',
      outcome: 'failed',
    });
    // A refused click on its approval request is the clicker's record, not a refusal of the request.
    expect(status([rec('approval_requested'), rec('refused', { invokerId: 'W0ADMIN001' })], approval('pending'))).toBe(
      'awaiting_approval',
    );
  });

  it('gives each person’s result with Slack’s error in a sentence, who was told and what the check found', () => {
    const done = statusOf(
      asked,
      [
        rec('partial', {
          targets: [
            { userId: 'W0ALICE001', result: 'done' },
            { userId: 'W0BOB00001', result: 'failed', error: 'cannot_reset_primary_owner' },
            { userId: 'W0BOT00001', result: 'not_attempted', error: 'is_bot' },
          ],
        }),
        rec('notified', { targets: [{ userId: 'W0ALICE001', result: 'done' }] }),
        rec('verified', { targets: [{ userId: 'W0ALICE001', result: 'failed', error: 'still_listed' }] }),
      ],
      approval('approved', { deciderId: 'W0ADMIN002', decidedAt: '2026-11-26T10:01:00.000Z' }),
      RESET_WORDS,
    );
    expect(done).toEqual({
      requestId: ID,
      action: 'sign-outs',
      status: 'done',
      requestedAt: '2026-11-26T10:00:00.000Z',
      reason: 'INC-7',
      details: { scope: 'all' },
      approval: {
        status: 'approved',
        expiresAt: '2026-11-26T10:30:01.000Z',
        decidedBy: 'W0ADMIN002',
        decidedAt: '2026-11-26T10:01:00.000Z',
      },
      outcome: 'partial',
      people: [
        { person: 'W0ALICE001', result: 'done' },
        {
          person: 'W0BOB00001',
          result: 'failed',
          error: 'cannot_reset_primary_owner',
          why: 'Slack never lets an app sign out the Primary Owner; only they can end their sessions.',
        },
        { person: 'W0BOT00001', result: 'not_attempted', error: 'is_bot', why: expect.stringContaining('bot') },
      ],
      told: [{ person: 'W0ALICE001', told: true }],
      check: [
        {
          person: 'W0ALICE001',
          result: 'failed',
          error: 'still_listed',
          why: 'Slack still lists a session that should have ended.',
        },
      ],
    });
  });
});
