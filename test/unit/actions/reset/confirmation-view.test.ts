import fc from 'fast-check';
import { resetConfirmationView } from '../../../../src/actions/reset/confirmation-view';
import { RESET_CALLBACK } from '../../../../src/actions/reset/ids';
import type { ResetPlan } from '../../../../src/actions/reset/plan';
import { planRef } from '../../../../src/domain/plan';
import { reviewTargets } from '../../../../src/domain/review-targets';
import type { Person, ResetScope, Role } from '../../../../src/domain/types';
import { INPUT } from '../../../../src/views/ids';
import { allText, assertBlockKitLimits, blockKitProblems, foreignMarkup } from '../../../support/block-kit-limits';
import {
  HOSTILE_EMAIL,
  HOSTILE_NAME,
  INVOKER,
  manyPeople,
  person,
  RESPONSE_URL,
  rawHostile,
  reviewOf,
  userId,
} from '../../views/fixtures';

const OPTIONS = {
  recentResets: new Map<string, Date>(),
  inputs: { requireReason: false, notifyDefault: false, notifyNamesAdmin: false },
  now: new Date('2026-11-25T12:00:00Z'),
};

const HOSTILE_PIECES = [HOSTILE_NAME, HOSTILE_EMAIL, '<!here>', '<@U123>', '&', '<https://evil|x>'];

const planFor = (people: Person[], scope: ResetScope = 'all'): ResetPlan => ({
  kind: 'reset',
  invokerId: INVOKER,
  requestId: '3f2b8c1e-9d4a-4e6b-8f7c-1a2b3c4d5e6f',
  scope,
  userIds: people.map((p) => p.id),
  skipped: [],
  skippedUnlisted: 0,
  again: [],
  responseUrl: RESPONSE_URL,
});

describe('resetConfirmationView', () => {
  it.each([1, 25, 50])('stays within Block Kit limits with %d people with long names and warnings', (n) => {
    const people = manyPeople(n);
    const view = resetConfirmationView(planFor(people), reviewOf(people), OPTIONS);
    assertBlockKitLimits(view);
    expect(foreignMarkup(view)).toEqual([]);
    expect(view.callback_id).toBe(RESET_CALLBACK.confirm);
    // Every person is shown, mentioned by id, each in their own block.
    for (const p of people) expect(allText(view)).toContain(`<@${p.id}>`);
    expect(view.submit?.text).toBe(n === 1 ? 'Sign out 1 person' : `Sign out ${n} people`);
  });

  it('stays within the limits with 50 targets of which many are refused, with long names', () => {
    const resolved = manyPeople(50).map((p, i) => ({
      ref: { kind: 'user' as const, id: p.id },
      person: { ...p, role: i % 2 === 0 ? ('bot' as const) : p.role, deleted: i % 3 === 0 },
    }));
    const review = reviewTargets(resolved, INVOKER);
    expect(review.refused.length).toBeGreaterThan(20);
    const view = resetConfirmationView(planFor(review.ready.map((r) => r.person)), review, OPTIONS);
    assertBlockKitLimits(view);
    expect(foreignMarkup(view)).toEqual([]);
    expect(allText(view)).toContain('Not signed out');
  });

  it('shows name, email, role and warnings of each person, and names the scope', () => {
    const alice = person();
    const view = resetConfirmationView(
      planFor([alice], 'mobile'),
      {
        ready: [{ person: alice, warnings: ['self'] }],
        refused: [],
      },
      OPTIONS,
    );
    const text = allText(view);
    expect(text).toContain('*Sign out 1 person from their mobile sessions?*');
    expect(text).toContain('Only their sessions in Slack’s mobile apps end.');
    expect(text).toContain('*Alice Example* <@W0ALICE0001>');
    expect(text).toContain('alice@example.com · Member');
    expect(text).toContain('This is you');
    expect(resetConfirmationView(planFor([alice], 'web'), reviewOf([alice]), OPTIONS).blocks[0]).toMatchObject({
      text: { text: expect.stringContaining('web browsers') },
    });
    expect(allText(resetConfirmationView(planFor([alice]), reviewOf([alice]), OPTIONS))).toContain(
      'Every session ends, on every device.',
    );
  });

  it('says when a person has no email on file', () => {
    const view = resetConfirmationView(planFor([person()]), reviewOf([person({ email: undefined })]), OPTIONS);
    expect(allText(view)).toContain('no email on file');
  });

  it('asks for an optional reason, and carries only which plan it shows in private_metadata', () => {
    const people = manyPeople(3);
    const plan = planFor(people, 'web');
    const view = resetConfirmationView(plan, reviewOf(people), OPTIONS);
    expect(view.blocks.find((b) => b.block_id === INPUT.reason.block)).toMatchObject({ type: 'input', optional: true });
    expect(view.private_metadata).toBe(planRef(plan));
  });

  it('escapes names and emails: no raw <!here>, <@U123>, & or links reach Slack', () => {
    const mallory = person({ id: userId(7), realName: HOSTILE_NAME, email: HOSTILE_EMAIL });
    const view = resetConfirmationView(planFor([mallory]), reviewOf([mallory]), OPTIONS);
    assertBlockKitLimits(view);
    expect(foreignMarkup(view)).toEqual([]);
    const text = allText(view);
    expect(rawHostile(text)).toEqual([]);
    expect(text).toContain('Mallory &lt;!here&gt; &lt;@U123&gt; &amp; &lt;https://evil|x&gt;');
    expect(text).toContain('mal&lt;!here&gt;&amp;&lt;@U123&gt;@evil.example');
  });

  it('escapes the names of refused people too', () => {
    const resolved = [
      {
        ref: { kind: 'user' as const, id: userId(1) },
        person: person({ id: userId(1), realName: HOSTILE_NAME, role: 'bot' }),
      },
    ];
    const review = reviewTargets(resolved, INVOKER);
    const view = resetConfirmationView(planFor([]), review, OPTIONS);
    expect(foreignMarkup(view)).toEqual([]);
  });

  it('with nobody ready, shows a notice without a submit button, listing why', () => {
    const bot = person({ id: 'W0BOT00001', realName: 'Deploy Bot', role: 'bot' });
    const review = reviewTargets(
      [
        { ref: { kind: 'user', id: bot.id }, person: bot },
        { ref: { kind: 'user', id: 'W0GONE00001' }, code: 'user_not_found' },
      ],
      INVOKER,
    );
    const view = resetConfirmationView(planFor([]), review, OPTIONS);
    assertBlockKitLimits(view);
    expect(view.submit).toBeUndefined();
    expect(view.private_metadata).toBeUndefined();
    expect(allText(view.blocks)).toBe(
      '*Nobody can be signed out.* Nothing was changed.\n• *Deploy Bot* (`W0BOT00001`) is a bot or app user: it has no sessions to end.\n• No Slack user has the ID `W0GONE00001`.',
    );
  });
});

describe('resetConfirmationView with any names and emails (property)', () => {
  it('stays within Block Kit limits and lets no markup through', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.constantFrom(...HOSTILE_PIECES),
      fc.string({ unit: fc.constantFrom('<', '>', '&', '!', '@', '|', 'a', ' ', '*', '`'), maxLength: 300 }),
    );
    const personArb = fc.record({
      realName: text,
      email: fc.option(text, { nil: undefined }),
      role: fc.constantFrom<Role>('member', 'org_admin', 'bot', 'org_primary_owner', 'guest'),
      deleted: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(personArb, { minLength: 1, maxLength: 50 }), (specs) => {
        const resolved = specs.map((s, i) => ({
          ref: { kind: 'user' as const, id: userId(i) },
          person: { id: userId(i), ...s },
        }));
        const review = reviewTargets(resolved, userId(0));
        const view = resetConfirmationView(planFor(review.ready.map((r) => r.person)), review, OPTIONS);
        expect(blockKitProblems(view)).toEqual([]);
        expect(foreignMarkup(view)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
