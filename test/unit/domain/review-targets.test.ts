import { type Refused, reviewTargets } from '../../../src/domain/review-targets';
import type { Person, Resolved, Role } from '../../../src/domain/types';
import { refusalText, warningText } from '../../../src/views/review-text';
import { person } from '../views/fixtures';

/** What the admin reads for a refusal. */
const said = (r: Refused | undefined): string => (r ? refusalText(r) : '');

const INVOKER = 'W0ADMIN0001';
const found = (p: Person): Resolved => ({ ref: { kind: 'user', id: p.id }, person: p });

describe('reviewTargets', () => {
  it('lets an ordinary member through with no warnings', () => {
    const alice = person();
    expect(reviewTargets([found(alice)], INVOKER)).toEqual({ ready: [{ person: alice, warnings: [] }], refused: [] });
  });

  it.each<[string, Partial<Person>, RegExp]>([
    ['a bot', { role: 'bot' }, /is a bot or app user/],
    ['a deactivated person', { deleted: true }, /is deactivated/],
    ['the Org Primary Owner', { role: 'org_primary_owner' }, /is the Org Primary Owner/],
    ['a deactivated bot', { role: 'bot', deleted: true }, /is a bot or app user/],
  ])('refuses %s, naming them', (_name, over, why) => {
    const review = reviewTargets([found(person({ id: 'W0TARGET001', realName: 'Tee', ...over }))], INVOKER);
    expect(review.ready).toEqual([]);
    expect(review.refused).toHaveLength(1);
    expect(said(review.refused[0])).toMatch(why);
    expect(said(review.refused[0])).toContain('*Tee* (`W0TARGET001`)');
    expect(review.refused[0]?.skipped.label).toBe('W0TARGET001');
  });

  it('refuses the Org Primary Owner even when it is the invoker', () => {
    const review = reviewTargets([found(person({ id: INVOKER, role: 'org_primary_owner' }))], INVOKER);
    expect(review.ready).toEqual([]);
  });

  it('warns when the invoker names themself', () => {
    const me = person({ id: INVOKER });
    const review = reviewTargets([found(me)], INVOKER);
    expect(review.ready).toEqual([{ person: me, warnings: ['self'] }]);
    expect(warningText('self', { person: me, warnings: ['self'] })).toBe(
      ':warning: *This is you*: you will be signed out too.',
    );
  });

  it.each<[Role, string]>([
    ['org_owner', 'Org Owner'],
    ['org_admin', 'Org Admin'],
    ['primary_owner', 'Workspace Primary Owner'],
    ['owner', 'Workspace Owner'],
    ['admin', 'Workspace Admin'],
  ])('warns about a %s but lets them through', (role, label) => {
    const review = reviewTargets([found(person({ role }))], INVOKER);
    expect(review.refused).toEqual([]);
    const first = review.ready[0];
    expect(first?.warnings).toEqual(['privileged']);
    expect(first && warningText('privileged', first)).toBe(`:warning: This person is an admin or owner: *${label}*.`);
  });

  it('does not warn about a guest', () => {
    expect(reviewTargets([found(person({ role: 'guest' }))], INVOKER).ready[0]?.warnings).toEqual([]);
  });

  it('gives both warnings to an admin who names themself', () => {
    const review = reviewTargets([found(person({ id: INVOKER, role: 'org_admin' }))], INVOKER);
    expect(review.ready[0]?.warnings).toHaveLength(2);
  });

  it('passes look-up problems through as refusals, in order, keeping ready people in order', () => {
    const a = person({ id: 'W0AAAAAAAA1' });
    const b = person({ id: 'W0BBBBBBBB1' });
    const review = reviewTargets(
      [
        found(a),
        { ref: { kind: 'email', email: 'x@y.zz' }, code: 'users_not_found' },
        found(b),
        { ref: { kind: 'user', id: 'W0GONE00001' }, code: 'user_not_found' },
      ],
      INVOKER,
    );
    expect(review.ready.map((r) => r.person.id)).toEqual([a.id, b.id]);
    expect(review.refused.map((r) => r.skipped)).toEqual([
      { label: 'x@y.zz', code: 'users_not_found' },
      { label: 'W0GONE00001', code: 'user_not_found' },
    ]);
    expect(review.refused.map(said)).toEqual([
      'No Slack user has the email `x@y.zz`.',
      'No Slack user has the ID `W0GONE00001`.',
    ]);
  });

  it('escapes a refused name', () => {
    const review = reviewTargets([found(person({ realName: '<!here> & co', role: 'bot' }))], INVOKER);
    expect(said(review.refused[0])).toContain('*&lt;!here&gt; &amp; co*');
    expect(said(review.refused[0])).not.toContain('<');
    expect(review.refused[0]?.skipped.code).toBe('is_bot');
  });

  it('cuts a very long refused name', () => {
    const review = reviewTargets([found(person({ realName: 'n'.repeat(500), deleted: true }))], INVOKER);
    expect(said(review.refused[0]).length).toBeLessThan(200);
    expect(review.refused[0]?.skipped.code).toBe('deactivated');
  });
});
