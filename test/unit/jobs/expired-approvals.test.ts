import type { ApprovalRequest } from '../../../src/domain/approval';
import { expireApprovals } from '../../../src/jobs/expired-approvals';
import { ADMIN, ALICE, fakeDeps, resetPlan } from '../../support/listener-fakes';

const T0 = Date.parse('2026-11-26T10:00:00.000Z');
const request = (id: string, expiresInMin: number): ApprovalRequest => ({
  id,
  requesterId: ADMIN,
  order: { action: 'reset', plan: resetPlan({ requestId: id }), reason: 'INC-7', notify: false },
  why: 'always',
  createdAt: new Date(T0).toISOString(),
  expiresAt: new Date(T0 + expiresInMin * 60_000).toISOString(),
  status: 'pending',
});
const ID = (n: number) => `3f2b8c1e-9d4a-4e6b-8f7c-00000000000${n}`;

describe('expireApprovals', () => {
  it('marks each pending request past its expiry once: its message, the requester and the record say so', async () => {
    const f = fakeDeps();
    await f.store.createApproval(request(ID(1), 30));
    await f.store.setApprovalMessage(ID(1), 'C0APPROVE1', '1700000000.000001');
    await f.store.createApproval(request(ID(2), 60));

    expect(await expireApprovals(f.deps, f.surface, f.logger, new Date(T0 + 31 * 60_000))).toBe(1);
    expect(f.surface.calls.map((c) => c.method)).toEqual(['updateMessage', 'postMessage']);
    const [update, dm] = f.surface.calls;
    expect(update?.method === 'updateMessage' && update.message.text).toContain('Expired');
    expect(update?.method === 'updateMessage' && JSON.stringify(update.message.blocks)).not.toContain(
      'approval_approve',
    );
    expect(dm?.method === 'postMessage' && dm.message).toMatchObject({ channel: ADMIN });
    expect(f.audit.records).toEqual([
      expect.objectContaining({
        outcome: 'expired',
        requestId: ID(1),
        invokerId: ADMIN,
        targets: [{ userId: ALICE, result: 'not_attempted' }],
      }),
    ]);
    expect((await f.store.getApproval(ID(1)))?.status).toBe('expired');
    expect((await f.store.getApproval(ID(2)))?.status).toBe('pending');

    // Once: the next sweep finds nothing more to do.
    expect(await expireApprovals(f.deps, f.surface, f.logger, new Date(T0 + 32 * 60_000))).toBe(0);
    expect(f.audit.records).toHaveLength(1);
  });

  it('fails the Workflow Builder step an expired request came from, and tells nobody by DM when an API client asked', async () => {
    const f = fakeDeps();
    const origin = { kind: 'workflow' as const, step: 'sign_people_out', functionExecutionId: 'Fx000000001' };
    const fromStep = request(ID(3), 30);
    await f.store.createApproval({ ...fromStep, order: { ...fromStep.order, origin } });
    const fromApi = request(ID(4), 30);
    await f.store.createApproval({
      ...fromApi,
      requesterId: 'api:soar',
      order: { ...fromApi.order, origin: { kind: 'api', client: 'soar' } },
    });
    expect(await expireApprovals(f.deps, f.surface, f.logger, new Date(T0 + 31 * 60_000))).toBe(2);
    expect(f.surface.calls.map((c) => [c.method, c.method === 'postMessage' ? c.message.channel : undefined])).toEqual([
      ['postMessage', ADMIN],
      ['failStep', undefined],
    ]);
    expect(f.surface.calls[1]).toMatchObject({
      functionExecutionId: 'Fx000000001',
      error: expect.stringContaining('before it expired'),
    });
    expect(f.audit.records.map((r) => [r.outcome, r.invokerId, r.origin?.kind])).toEqual([
      ['expired', ADMIN, 'workflow'],
      ['expired', 'api:soar', 'api'],
    ]);
  });
});
