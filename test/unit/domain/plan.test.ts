import fc from 'fast-check';
import { type InvalidatePlan, MAX_PLAN_SESSIONS } from '../../../src/actions/invalidate/plan';
import type { PickPlan, ResetPlan } from '../../../src/actions/reset/plan';
import {
  type DecodeRules,
  decodeKept,
  MAX_METADATA,
  type PlanSchema,
  planRef,
  readPlanRef,
  sessionKeyString,
} from '../../../src/domain/plan';
import { responseUrlPolicy } from '../../../src/domain/response-url';
import type { Result } from '../../../src/domain/types';
import { PLAN_SCHEMAS, type Plan } from '../../support/plans';

/** A plan as the store keeps it: JSON text, here to be tampered with. */
const encodePlan = (plan: unknown): string => JSON.stringify(plan);
/** The kept text read back and checked by whichever schema its kind names, as a Submit reads it. */
function decodePlan(text: unknown, rules: DecodeRules, schemas: readonly PlanSchema<Plan>[]): Result<Plan> {
  let raw: unknown;
  try {
    raw = JSON.parse(String(text));
  } catch {
    return { ok: false, error: 'invalid_plan' };
  }
  const plan = schemas.map((schema) => decodeKept(raw, rules, schema)).find((p) => p !== undefined);
  return plan ? { ok: true, value: plan } : { ok: false, error: 'invalid_plan' };
}

const MAX_TARGETS = 50;
const RULES: DecodeRules = {
  maxTargets: MAX_TARGETS,
  isAllowedResponseUrl: responseUrlPolicy('https://slack.com/api/'),
};
const REFUSED = {
  ok: false,
  error: 'invalid_plan',
};

/** A realistic response_url, padded to exactly 150 characters. */
const RESPONSE_URL = (() => {
  const base = 'https://hooks.slack.com/commands/T0123ABCDE/1234567890123/';
  return base + 'a'.repeat(150 - base.length);
})();

const INVOKER = 'W0ADMIN0001';
/** 11-character user ids, as Enterprise Grid issues them. */
const userIds = (n: number) => Array.from({ length: n }, (_, i) => `W${String(i).padStart(10, '0')}`);
/** 11-character team ids and 15-digit session ids: the widest values seen in practice. */
const sessions = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ teamId: 'E0123ABCDEF', sessionId: 999_999_999_999_999 - i }));

const REQUEST_ID = '3f2b8c1e-9d4a-4e6b-8f7c-1a2b3c4d5e6f';
const pick: PickPlan = { kind: 'pick', invokerId: INVOKER, requestId: REQUEST_ID, responseUrl: RESPONSE_URL };
const reset: ResetPlan = {
  kind: 'reset',
  invokerId: INVOKER,
  requestId: REQUEST_ID,
  scope: 'mobile',
  skipped: [],
  skippedUnlisted: 0,
  again: [],
  userIds: userIds(3),
  responseUrl: RESPONSE_URL,
};
const invalidate: InvalidatePlan = {
  kind: 'invalidate',
  invokerId: INVOKER,
  requestId: REQUEST_ID,
  userId: 'W0ALICE0001',
  sessions: sessions(2),
  choose: true,
  responseUrl: RESPONSE_URL,
};

/** The encoding of a plan as a plain object, to tamper with. */
const raw = (plan: Plan): Record<string, unknown> => JSON.parse(encodePlan(plan));
const decodeRaw = (value: unknown, rules: DecodeRules = RULES) =>
  decodePlan(JSON.stringify(value), rules, PLAN_SCHEMAS);

describe('a kept plan read back', () => {
  it.each([
    ['pick', pick],
    ['reset', reset],
    ['invalidate', invalidate],
    ['reset, scope all', { ...reset, scope: 'all' }],
    ['reset, scope web', { ...reset, scope: 'web' }],
    ['invalidate, not choosing', { ...invalidate, choose: false, sessions: sessions(1) }],
  ] as [string, Plan][])('round-trips a %s plan', (_name, plan) => {
    expect(decodePlan(encodePlan(plan), RULES, PLAN_SCHEMAS)).toEqual({ ok: true, value: plan });
  });

  it('round-trips a plan without a response_url', () => {
    const { responseUrl: _, ...noUrl } = reset;
    const decoded = decodePlan(encodePlan(noUrl), RULES, PLAN_SCHEMAS);
    expect(decoded).toEqual({ ok: true, value: { ...noUrl, responseUrl: undefined } });
  });

  it('round-trips generated reset and invalidate plans', () => {
    const userId = fc.stringMatching(/^[UW][A-Z0-9]{8,10}$/);
    const resetPlan = fc.record({
      kind: fc.constant('reset' as const),
      invokerId: userId,
      requestId: fc.uuid({ version: 4 }),
      scope: fc.constantFrom('all' as const, 'mobile' as const, 'web' as const),
      skipped: fc.constant([] as { label: string; code: string }[]),
      skippedUnlisted: fc.constant(0 as number),
      again: fc.constant([] as string[]),
      userIds: fc.uniqueArray(userId, { minLength: 1, maxLength: MAX_TARGETS }),
      responseUrl: fc.constant(RESPONSE_URL),
    });
    const invalidatePlan = fc.record({
      kind: fc.constant('invalidate' as const),
      invokerId: userId,
      requestId: fc.uuid({ version: 4 }),
      userId,
      sessions: fc.uniqueArray(
        fc.record({ teamId: fc.stringMatching(/^[TE][A-Z0-9]{8,10}$/), sessionId: fc.integer({ min: 1 }) }),
        { minLength: 1, maxLength: MAX_PLAN_SESSIONS, selector: sessionKeyString },
      ),
      choose: fc.boolean(),
      responseUrl: fc.constant(RESPONSE_URL),
    });
    // Without a choice, an invalidate plan names exactly one session.
    const onePlan = invalidatePlan.map((p) => (p.choose ? p : { ...p, sessions: p.sessions.slice(0, 1) }));
    fc.assert(
      fc.property(fc.oneof(resetPlan, onePlan), (plan) => {
        expect(decodePlan(encodePlan(plan), RULES, PLAN_SCHEMAS)).toEqual({ ok: true, value: plan });
      }),
      { numRuns: 300 },
    );
  });
});

describe('what a modal carries of its plan', () => {
  it('is the request ID alone, whatever the plan holds', () => {
    const ref = planRef({ ...reset, userIds: userIds(50) } as ResetPlan);
    expect(JSON.parse(ref)).toEqual({ v: 2, requestId: REQUEST_ID });
    expect(ref.length).toBeLessThan(100);
    expect(ref).not.toContain(INVOKER);
    expect(ref).not.toContain('hooks.slack.com');
    expect(readPlanRef(ref)).toBe(REQUEST_ID);
  });

  it.each([
    ['undefined', undefined],
    ['not JSON', 'not json'],
    ['an old plan in full', JSON.stringify({ v: 1, ...reset })],
    ['a malformed request id', JSON.stringify({ v: 2, requestId: 'x' })],
    ['too long', JSON.stringify({ v: 2, requestId: REQUEST_ID, pad: ' '.repeat(MAX_METADATA) })],
  ])('names no plan for %s', (_name, text) => {
    expect(readPlanRef(text)).toBeUndefined();
  });
});

describe('a kept plan is checked again, and refused when it is not what the app made', () => {
  it.each([
    ['undefined', undefined],
    ['a number', 42],
    ['an empty string', ''],
    ['not JSON', 'not json'],
    ['JSON null', 'null'],
    ['a JSON array', '[]'],
    ['a JSON string', '"reset"'],
  ])('refuses %s', (_name, text) => {
    expect(decodePlan(text, RULES, PLAN_SCHEMAS)).toEqual(REFUSED);
  });

  const cases: [string, Plan, (r: Record<string, unknown>) => unknown][] = [
    ['an unknown kind', reset, (r) => ({ ...r, kind: 'delete' })],
    ['a bad invoker', reset, (r) => ({ ...r, invokerId: 'alice' })],
    ['a lowercase invoker', pick, (r) => ({ ...r, invokerId: INVOKER.toLowerCase() })],
    ['no request id', pick, (r) => ({ ...r, requestId: undefined })],
    ['a malformed request id', reset, (r) => ({ ...r, requestId: 'not-a-uuid' })],
    ['scope everything', reset, (r) => ({ ...r, scope: 'everything' })],
    ['no scope', reset, ({ scope: _, ...r }) => r],
    ['duplicate user ids', reset, (r) => ({ ...r, userIds: ['W0ALICE0001', 'W0BOB000001', 'W0ALICE0001'] })],
    ['0 targets', reset, (r) => ({ ...r, userIds: [] })],
    ['51 targets', reset, (r) => ({ ...r, userIds: userIds(51) })],
    ['a malformed target', reset, (r) => ({ ...r, userIds: ['W0ALICE0001', '<!here>'] })],
    ['a target that is not a string', reset, (r) => ({ ...r, userIds: [12345678901] })],
    ['userIds not an array', reset, (r) => ({ ...r, userIds: 'W0ALICE0001' })],
    ['a bad user', invalidate, (r) => ({ ...r, userId: 'U1' })],
    ['choose not a boolean', invalidate, (r) => ({ ...r, choose: 'yes' })],
    ['0 sessions', invalidate, (r) => ({ ...r, sessions: [] })],
    ['51 sessions', invalidate, (r) => ({ ...r, sessions: sessions(MAX_PLAN_SESSIONS + 1) })],
    ['a bad team id', invalidate, (r) => ({ ...r, sessions: [{ teamId: 'C0123ABCDE', sessionId: 1 }] })],
    ['a lowercase team id', invalidate, (r) => ({ ...r, sessions: [{ teamId: 't0123abcde', sessionId: 1 }] })],
    ['a missing team id', invalidate, (r) => ({ ...r, sessions: [{ sessionId: 1 }] })],
    ['a string session id', invalidate, (r) => ({ ...r, sessions: [{ teamId: 'T0123ABCDE', sessionId: '1' }] })],
    ['a fractional session id', invalidate, (r) => ({ ...r, sessions: [{ teamId: 'T0123ABCDE', sessionId: 1.5 }] })],
    ['a negative session id', invalidate, (r) => ({ ...r, sessions: [{ teamId: 'T0123ABCDE', sessionId: -1 }] })],
    ['session id 0', invalidate, (r) => ({ ...r, sessions: [{ teamId: 'T0123ABCDE', sessionId: 0 }] })],
    ['an inexact session id', invalidate, (r) => ({ ...r, sessions: [{ teamId: 'T0123ABCDE', sessionId: 2 ** 53 }] })],
    ['two sessions without a choice', invalidate, (r) => ({ ...r, choose: false })],
    ['a null session', invalidate, (r) => ({ ...r, sessions: [null] })],
    [
      'duplicate sessions',
      invalidate,
      (r) => ({
        ...r,
        sessions: [
          { teamId: 'T0123ABCDE', sessionId: 7 },
          { teamId: 'T0123ABCDE', sessionId: 7 },
        ],
      }),
    ],
  ];
  it.each(cases)('refuses a plan with %s', (_name, plan, tamper) => {
    // The untampered plan passes, so the refusal is due to the tampering alone.
    expect(decodeRaw(raw(plan)).ok).toBe(true);
    expect(decodeRaw(tamper(raw(plan)))).toEqual(REFUSED);
  });

  it('honours the configured maxTargets', () => {
    const plan = raw({ ...reset, userIds: userIds(5) });
    expect(decodeRaw(plan, { ...RULES, maxTargets: 5 }).ok).toBe(true);
    expect(decodeRaw(plan, { ...RULES, maxTargets: 4 })).toEqual(REFUSED);
  });

  it('drops a response_url the policy refuses, keeping the rest of the plan', () => {
    for (const url of ['https://evil.example/hook', 'http://hooks.slack.com/commands/x', 'not a url', 'javascript:1']) {
      const decoded = decodeRaw({ ...raw(reset), responseUrl: url });
      expect(decoded).toEqual({ ok: true, value: { ...reset, responseUrl: undefined } });
    }
    expect(decodeRaw({ ...raw(pick), responseUrl: 42 })).toEqual({
      ok: true,
      value: { ...pick, responseUrl: undefined },
    });
  });

  it('asks the policy about the response_url and keeps it only when allowed', () => {
    const isAllowedResponseUrl = jest.fn((url: string) => url === RESPONSE_URL);
    expect(decodePlan(encodePlan(invalidate), { ...RULES, isAllowedResponseUrl }, PLAN_SCHEMAS)).toEqual({
      ok: true,
      value: invalidate,
    });
    expect(isAllowedResponseUrl).toHaveBeenCalledWith(RESPONSE_URL);
    const denyAll = { ...RULES, isAllowedResponseUrl: () => false };
    expect(decodePlan(encodePlan(invalidate), denyAll, PLAN_SCHEMAS)).toEqual({
      ok: true,
      value: { ...invalidate, responseUrl: undefined },
    });
  });

  it('does not carry unknown fields into the decoded plan', () => {
    const decoded = decodeRaw({ ...raw(reset), extra: 'x', targets: ['W0EVIL00001'] });
    expect(decoded).toEqual({ ok: true, value: reset });
  });
});

describe('properties of reading a kept plan', () => {
  const encodings = [pick, reset, invalidate, { ...reset, userIds: userIds(50) }].map(encodePlan);

  it('never throws on any string and returns ok or the refusal', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json(), fc.string()), (text) => {
        const r = decodePlan(text, RULES, PLAN_SCHEMAS);
        if (!r.ok) expect(r).toEqual(REFUSED);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const r = decodeRaw(value);
        if (!r.ok) expect(r).toEqual(REFUSED);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses every proper truncation of a valid encoding', () => {
    for (const text of encodings) {
      for (let n = 0; n < text.length; n++) expect(decodePlan(text.slice(0, n), RULES, PLAN_SCHEMAS)).toEqual(REFUSED);
    }
  });

  it('anything it accepts is well-formed', () => {
    const tampered = fc
      .tuple(fc.constantFrom(...encodings), fc.nat(), fc.string({ maxLength: 4 }))
      .map(([text, at, insert]) => {
        const i = at % text.length;
        return text.slice(0, i) + insert + text.slice(i + 1);
      });
    fc.assert(
      fc.property(tampered, (text) => {
        const r = decodePlan(text, RULES, PLAN_SCHEMAS);
        if (!r.ok) return;
        const plan = r.value;
        expect(plan.invokerId).toMatch(/^[UW][A-Z0-9]{8,20}$/);
        if (plan.responseUrl !== undefined) expect(RULES.isAllowedResponseUrl(plan.responseUrl)).toBe(true);
        if (plan.kind === 'reset') {
          expect(['all', 'mobile', 'web']).toContain(plan.scope);
          expect(plan.userIds.length).toBeGreaterThanOrEqual(1);
          expect(plan.userIds.length).toBeLessThanOrEqual(MAX_TARGETS);
          expect(new Set(plan.userIds).size).toBe(plan.userIds.length);
          for (const id of plan.userIds) expect(id).toMatch(/^[UW][A-Z0-9]{8,20}$/);
        }
        if (plan.kind === 'invalidate') {
          expect(plan.userId).toMatch(/^[UW][A-Z0-9]{8,20}$/);
          expect(plan.sessions.length).toBeGreaterThanOrEqual(1);
          expect(plan.sessions.length).toBeLessThanOrEqual(MAX_PLAN_SESSIONS);
          for (const s of plan.sessions) {
            expect(s.teamId).toMatch(/^[TE][A-Z0-9]{8,20}$/);
            expect(Number.isSafeInteger(s.sessionId) && s.sessionId >= 1).toBe(true);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sessionKeyString', () => {
  it('joins team and session id with a colon', () => {
    expect(sessionKeyString({ teamId: 'T0123ABCDE', sessionId: 1234567 })).toBe('T0123ABCDE:1234567');
  });
});
