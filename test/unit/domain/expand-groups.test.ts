import { expandGroups } from '../../../src/domain/expand-groups';
import type { TargetRef } from '../../../src/domain/types';
import { ALICE, BOB, CAROL, FakeDirectory } from '../../support/listener-fakes';

const user = (id: string): TargetRef => ({ kind: 'user', id });

describe('expandGroups', () => {
  const directory = new FakeDirectory();
  directory.groups.set('S0CONTRACT1', [BOB, ALICE, CAROL]);
  directory.groups.set('S0VENDOR01', [CAROL, BOB]);
  directory.groups.set('S0EMPTY001', []);
  directory.failing.set('S0GONE0001', 'subteam_disabled');

  it('adds each group’s members after the people named, each person once', async () => {
    const groups = [
      { kind: 'group' as const, id: 'S0CONTRACT1', handle: 'contractors' },
      { kind: 'group' as const, id: 'S0VENDOR01' },
    ];
    expect(await expandGroups([user(ALICE)], groups, directory)).toEqual({
      ok: true,
      refs: [user(ALICE), user(BOB), user(CAROL)],
      groups: [
        { id: 'S0CONTRACT1', handle: 'contractors', members: 3 },
        { id: 'S0VENDOR01', members: 2 },
      ],
    });
  });

  it.each([
    ['an unknown group', 'S0NOSUCH01', 'no_such_subteam'],
    ['a disabled group', 'S0GONE0001', 'subteam_disabled'],
    ['an empty group', 'S0EMPTY001', 'empty_group'],
  ])('stops at %s, with the reason', async (_name, id, code) => {
    const groups = [
      { kind: 'group' as const, id: 'S0CONTRACT1' },
      { kind: 'group' as const, id },
    ];
    expect(await expandGroups([user(ALICE)], groups, directory)).toEqual({ ok: false, group: groups[1], code });
  });

  it('asks nothing when no group is named', async () => {
    const quiet = new FakeDirectory();
    expect(await expandGroups([user(ALICE)], [], quiet)).toEqual({ ok: true, refs: [user(ALICE)], groups: [] });
    expect(quiet.lookups).toEqual([]);
  });
});
