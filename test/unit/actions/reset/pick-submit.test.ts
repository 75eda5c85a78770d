import { resetPickSubmission } from '../../../../src/actions/reset/pick-submit';
import {
  ALICE,
  acked,
  ackedView,
  BOB,
  BOT,
  CLIENT,
  effects,
  expectOnlyRefused,
  type Fakes,
  fakeDeps,
  NO_EFFECTS,
  OTHER_ADMIN,
  pickedScope,
  pickedUsers,
  pickPlan,
  planOf,
  resetPlan,
  runView,
  textOf,
  VIEW_ID,
  type ViewOptions,
} from '../../../support/listener-fakes';

describe('the picker’s Next', () => {
  let f: Fakes;
  beforeEach(() => {
    f = fakeDeps();
  });
  const submit = (options: ViewOptions) => runView(f, resetPickSubmission, { plan: pickPlan(), ...options });

  it('shows a loading view in the ack, then the confirmation for the people and scope picked', async () => {
    const ack = await submit({ values: { ...pickedUsers(ALICE, BOB), ...pickedScope('web') } });
    expect(textOf(ackedView(ack))).toContain('Looking people up…');
    expect(f.slack).toHaveBeenCalledWith(CLIENT, f.logger);
    expect(f.directory.lookups).toEqual([`id:${ALICE}`, `id:${BOB}`]);
    const [update] = f.surface.updates();
    expect(update?.viewId).toBe(VIEW_ID);
    // The confirmation carries on the picker's request: same ID, same invoker, same response_url.
    expect(planOf(f, update?.view ?? {})).toEqual(resetPlan({ userIds: [ALICE, BOB], scope: 'web' }));
    expect(textOf(update?.view)).toContain('Sign out 2 people from their web sessions?');
    expect(f.adminApi.calls).toEqual([]);
    expect(f.audit.records).toEqual([]);
  });

  it('takes all sessions when no scope came back, and each person once', async () => {
    await submit({ values: pickedUsers(ALICE, ALICE) });
    expect(f.directory.lookups).toEqual([`id:${ALICE}`]);
    expect(planOf(f, f.surface.lastView())).toMatchObject({ userIds: [ALICE], scope: 'all' });
  });

  it('counts a person picked twice once against MAX_TARGETS', async () => {
    f = fakeDeps({ env: { MAX_TARGETS: '1' } });
    await submit({ values: pickedUsers(ALICE, ALICE) });
    expect(planOf(f, f.surface.lastView())).toMatchObject({ userIds: [ALICE] });
  });

  it('goes through the same guardrails as the command', async () => {
    await submit({ values: pickedUsers(BOT) });
    expect(textOf(f.surface.lastView())).toContain('Nobody can be signed out');
    expect(f.audit.records.map((r) => r.outcome)).toEqual(['refused']);
  });

  it.each<[string, ViewOptions['values'], Record<string, string>]>([
    ['nobody picked', {}, { users: 'Choose from 1 to 25 people.' }],
    ['an empty pick', pickedUsers(), { users: 'Choose from 1 to 25 people.' }],
    ['something that is not a user ID', pickedUsers(ALICE, 'alice'), { users: 'Choose from 1 to 25 people.' }],
    [
      'an unknown scope',
      { ...pickedUsers(ALICE), ...pickedScope('everything') },
      { scope: 'Choose which sessions to end.' },
    ],
  ])('answers %s with a field error, and nothing else', async (_name, values, errors) => {
    const ack = await submit({ values });
    expect(acked(ack)).toEqual({ response_action: 'errors', errors });
    expect(effects(f)).toEqual(NO_EFFECTS);
  });

  it('counts the picked people against MAX_TARGETS', async () => {
    f = fakeDeps({ env: { MAX_TARGETS: '2' } });
    const ack = await submit({ values: pickedUsers(ALICE, BOB, 'W0CAROL001') });
    expect(acked(ack)).toEqual({ response_action: 'errors', errors: { users: 'Choose from 1 to 2 people.' } });
  });

  it.each<[string, ViewOptions]>([
    ['a tampered plan', { metadata: '{"v":1,"kind":"pick"}' }],
    ['a plan opened by another admin', { userId: OTHER_ADMIN }],
    ['a reset plan', { plan: resetPlan() }],
  ])('refuses %s: "Not done", and looks nobody up', async (_name, options) => {
    const ack = await submit({ ...options, values: pickedUsers(ALICE) });
    expect(ackedView(ack).title.text).toBe('Not done');
    expectOnlyRefused(f);
  });
});
