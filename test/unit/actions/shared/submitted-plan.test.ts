import { RESET_INPUT } from '../../../../src/actions/reset/ids';
import {
  claimPlan,
  reasonOf,
  requireReason,
  stateValue,
  submittedPlan,
} from '../../../../src/actions/shared/submitted-plan';
import type { AuditOutcome } from '../../../../src/domain/audit-record';
import { planRef } from '../../../../src/domain/plan';

import {
  ADMIN,
  ackedView,
  type Fakes,
  fakeDeps,
  invalidatePlan,
  isClaimed,
  OTHER_ADMIN,
  pickedScope,
  pickPlan,
  REQUEST_ID,
  reasonValue,
  resetPlan,
  textOf,
  VIEW_ID,
  type ViewOptions,
  viewArgs,
} from '../../../support/listener-fakes';
import { PLAN_SCHEMAS } from '../../../support/plans';

const INVALID = 'This confirmation’s data is not valid; nothing was changed. Run the command again.';
const NOT_YOURS =
  'This confirmation does not belong to you or to this command; nothing was changed. Run the command again.';

describe('submittedPlan', () => {
  let f: Fakes;
  beforeEach(() => {
    f = fakeDeps();
  });
  const submit = (options: ViewOptions, kind: 'pick' | 'reset' | 'invalidate' = 'reset') => {
    const { args, ack } = viewArgs(f, options);
    const schema = PLAN_SCHEMAS.find((s) => s.kind === kind);
    if (!schema) throw new Error(`no schema for ${kind}`);
    return { ack, plan: submittedPlan(args, schema, f.deps) };
  };

  it('returns the plan of the submitting admin, of the kind asked for, without acking', async () => {
    const { ack, plan } = submit({ plan: resetPlan() });
    await expect(plan).resolves.toEqual(resetPlan());
    expect(ack).not.toHaveBeenCalled();
  });

  it('drops a response_url the app may not post to', async () => {
    const { plan } = submit({ plan: pickPlan({ responseUrl: 'https://attacker.example/hook' }) }, 'pick');
    await expect(plan).resolves.toEqual({ ...pickPlan(), responseUrl: undefined });
  });

  const EXPIRED = 'This confirmation waited more than 30 minutes';
  const GONE = 'This confirmation’s plan could not be read back';
  const keptFor = (viewId: string, plan = resetPlan(), keptAt = new Date()) =>
    f.store.plans.set(plan.requestId, { plan, viewId, keptAt });

  it.each<[string, () => ViewOptions, string, string, boolean]>([
    ['garbage', () => ({ metadata: 'not json' }), 'reset', INVALID, true],
    ['no metadata', () => ({ metadata: '' }), 'reset', INVALID, true],
    [
      'a whole plan in the metadata, as before',
      () => ({ metadata: JSON.stringify({ v: 1, ...resetPlan() }) }),
      'reset',
      INVALID,
      true,
    ],
    [
      'a modal the app never opened (its plan was kept for another one)',
      () => {
        keptFor('V0ANOTHER1');
        return { metadata: planRef(resetPlan()) };
      },
      'reset',
      NOT_YOURS,
      true,
    ],
    [
      'a kept plan changed by hand',
      () => {
        keptFor(VIEW_ID, { ...resetPlan(), scope: 'everything' as 'all' });
        return { metadata: planRef(resetPlan()) };
      },
      'reset',
      INVALID,
      true,
    ],
    ['a plan opened by another admin', () => ({ plan: resetPlan(), userId: OTHER_ADMIN }), 'reset', NOT_YOURS, true],
    ['a plan of another kind', () => ({ plan: invalidatePlan() }), 'reset', NOT_YOURS, true],
    ['a pick plan on the confirmation', () => ({ plan: pickPlan() }), 'reset', NOT_YOURS, true],
    [
      'a plan kept more than 30 minutes ago',
      () => {
        keptFor(VIEW_ID, resetPlan(), new Date(Date.now() - 31 * 60_000));
        return { metadata: planRef(resetPlan()) };
      },
      'reset',
      EXPIRED,
      false,
    ],
    [
      'a plan the store cannot read back',
      () => {
        f.store.unreadable = new Error('SQLITE_IOERR');
        return { metadata: planRef(resetPlan()) };
      },
      'reset',
      GONE,
      false,
    ],
  ])('refuses %s in the modal: "Not done"', async (_name, options, kind, said, recorded) => {
    const { ack, plan } = submit(options(), kind as 'reset');
    await expect(plan).resolves.toBeUndefined();
    expect(ack).toHaveBeenCalledTimes(1);
    const view = ackedView(ack);
    expect(view.title.text).toBe('Not done');
    expect(textOf(view)).toContain(said);
    // What could only be forged is recorded as refused; what time or an outage did is not.
    expect(f.audit.records.map((r) => r.outcome)).toEqual(recorded ? ['refused'] : []);
  });
});

describe('claimPlan', () => {
  let f: Fakes;
  beforeEach(() => {
    f = fakeDeps();
  });
  /** A record of this plan, as an earlier submit or cancel left it in the store. */
  const recorded = (outcome: AuditOutcome) =>
    f.store.append({
      time: new Date().toISOString(),
      requestId: REQUEST_ID,
      invokerId: ADMIN,
      action: 'reset',
      outcome,
      targets: [],
    });
  const claim = (precheck?: () => Promise<Record<string, string> | undefined>) =>
    claimPlan(f.deps, REQUEST_ID, f.logger, precheck);

  it('claims a new plan and hands back its release', async () => {
    const answer = await claim();
    expect(answer).toEqual({ claimed: { release: expect.any(Function), unguarded: false } });
    expect(isClaimed(f)).toBe(true);
    if ('claimed' in answer) answer.claimed.release();
    expect(isClaimed(f)).toBe(false);
  });

  it('refuses the same plan while it runs', async () => {
    await claim();
    await expect(claim()).resolves.toEqual({ already: true });
  });

  it.each(['started', 'executed', 'cancelled', 'failed'] as const)(
    'refuses a plan the store has a %s record of, and lets go of it',
    async (outcome) => {
      await recorded(outcome);
      await expect(claim()).resolves.toEqual({ already: true });
      expect(isClaimed(f)).toBe(false);
    },
  );

  it('does not count a refusal as having run', async () => {
    await recorded('refused');
    await expect(claim()).resolves.toMatchObject({ claimed: { unguarded: false } });
  });

  it('answers the precheck’s field errors after the run-once check, and claims nothing', async () => {
    const precheck = jest.fn(async () => ({ reason: 'fix this' }));
    await expect(claim(precheck)).resolves.toEqual({ fix: { reason: 'fix this' } });
    expect(isClaimed(f)).toBe(false);
    await recorded('executed');
    await expect(claim(precheck)).resolves.toEqual({ already: true });
    expect(precheck).toHaveBeenCalledTimes(1);
  });

  it('goes ahead unguarded when the store cannot be read (the in-process claim still holds), and says so loudly', async () => {
    f.store.unreadable = new Error('SQLITE_BUSY');
    await expect(claim()).resolves.toMatchObject({ claimed: { unguarded: true } });
    expect(f.logger.error).toHaveBeenCalledWith(expect.stringContaining('AUDIT STORE UNREADABLE'));
  });
});

describe('reasonOf', () => {
  const viewWith = (values: ViewOptions['values']) => viewArgs(fakeDeps(), { plan: resetPlan(), values }).args.view;

  it.each([
    ['a reason, trimmed', reasonValue('  phished, INC-42 \n'), 'phished, INC-42'],
    ['blank', reasonValue('   '), undefined],
    ['no reason field', {}, undefined],
    ['a reason of the wrong type', { reason: { reason_input: { type: 'plain_text_input', value: 42 } } }, undefined],
  ])('reads %s', (_name, values, expected) => {
    expect(reasonOf(viewWith(values))).toBe(expected);
  });

  it('keeps at most 500 characters, whatever the payload says', () => {
    expect(reasonOf(viewWith(reasonValue('x'.repeat(2000))))).toHaveLength(500);
  });

  it('reads another input through stateValue', () => {
    expect(stateValue(viewWith(pickedScope('web')), RESET_INPUT.scope)?.selected_option?.value).toBe('web');
    expect(stateValue(viewWith({}), RESET_INPUT.scope)).toBeUndefined();
  });
});

describe('requireReason', () => {
  const check = (env: Record<string, string>, reason: string | undefined) => {
    const f = fakeDeps({ env });
    const { args, ack } = viewArgs(f, { plan: resetPlan() });
    return { ack, missing: requireReason(args, reason, f.deps) };
  };

  it('asks nothing when REQUIRE_REASON is off', async () => {
    const { ack, missing } = check({}, undefined);
    await expect(missing).resolves.toBe(false);
    expect(ack).not.toHaveBeenCalled();
  });

  it('lets a given reason through when REQUIRE_REASON is on', async () => {
    const { ack, missing } = check({ REQUIRE_REASON: 'true' }, 'INC-42');
    await expect(missing).resolves.toBe(false);
    expect(ack).not.toHaveBeenCalled();
  });

  it('answers a missing reason with a field error when REQUIRE_REASON is on', async () => {
    const { ack, missing } = check({ REQUIRE_REASON: 'true' }, undefined);
    await expect(missing).resolves.toBe(true);
    expect(ack).toHaveBeenCalledWith({
      response_action: 'errors',
      errors: { reason: 'A reason is required: say why, for the record.' },
    });
  });
});
