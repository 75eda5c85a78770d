import { runResetBulk } from '../../../src/domain/run-plan';
import { FakeAdminApi, failed } from '../../support/listener-fakes';

describe('runResetBulk', () => {
  it('sends 1,000 people a call, one call after another, and gives each person their call’s outcome', async () => {
    const api = new FakeAdminApi();
    const ids = Array.from({ length: 2500 }, (_, i) => `W0P${String(i).padStart(7, '0')}`);
    api.answer(`bulk:${ids[1000]}`, failed('failed_for_some_users'));
    let told = 0;
    const results = await runResetBulk(api, ids, 'web', { onResult: () => (told += 1) });
    expect(api.changes().map((c) => (c.method === 'resetSessionsBulk' ? [c.userIds.length, c.scope] : c))).toEqual([
      [1000, 'web'],
      [1000, 'web'],
      [500, 'web'],
    ]);
    expect(results).toHaveLength(2500);
    expect(told).toBe(2500);
    expect(results.filter((r) => !r.outcome.ok).map((r) => r.target.userId)).toEqual(ids.slice(1000, 2000));
  });
});
