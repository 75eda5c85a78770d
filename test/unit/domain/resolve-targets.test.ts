import { resolveTargets } from '../../../src/domain/resolve-targets';
import type { Person, Resolved, TargetRef } from '../../../src/domain/types';
import type { Directory, LookupResult } from '../../../src/ports/slack';
import { lookupProblem } from '../../../src/views/review-text';

/** The sentence the admin reads for a target nobody was found for. */
const problemOf = (r: Resolved): string => ('person' in r ? '' : lookupProblem(r.ref, r.code));

const alice: Person = {
  id: 'W0ALICE0001',
  realName: 'Alice',
  email: 'alice@example.com',
  role: 'member',
  deleted: false,
};
const bob: Person = { id: 'W0BOB000001', realName: 'Bob', email: 'bob@example.com', role: 'admin', deleted: false };

/** A directory over a fixed list, with look-up failures by id or email on demand. */
function fakeDirectory(people: Person[], failures: Record<string, string> = {}) {
  const answer = (key: string, p: Person | undefined, notFound: string): LookupResult => {
    const failure = failures[key];
    if (failure) return { ok: false, code: failure };
    return p ? { ok: true, person: p } : { ok: false, code: notFound };
  };
  const directory = {
    userById: jest.fn(async (id: string) =>
      answer(
        id,
        people.find((p) => p.id === id),
        'user_not_found',
      ),
    ),
    userByEmail: jest.fn(async (email: string) =>
      answer(
        email,
        people.find((p) => p.email === email),
        'users_not_found',
      ),
    ),
    groupMembers: jest.fn(async () => ({ ok: false as const, code: 'no_such_subteam' })),
    workspacePeople: jest.fn(async (onPage: (page: Person[]) => boolean) => {
      onPage(people);
      return { ok: true as const };
    }),
  } satisfies Directory;
  return directory;
}

const byId = (id: string): TargetRef => ({ kind: 'user', id });
const byEmail = (email: string): TargetRef => ({ kind: 'email', email });

describe('resolveTargets', () => {
  it('looks each target up the right way and keeps their order', async () => {
    const directory = fakeDirectory([alice, bob]);
    const resolved = await resolveTargets([byEmail('bob@example.com'), byId(alice.id)], directory);
    expect(resolved).toEqual([
      { ref: byEmail('bob@example.com'), person: bob },
      { ref: byId(alice.id), person: alice },
    ]);
    expect(directory.userById).toHaveBeenCalledWith(alice.id, undefined);
    expect(directory.userByEmail).toHaveBeenCalledWith('bob@example.com', undefined);
  });

  it('keeps a person named by id and by email once, at the first place', async () => {
    const resolved = await resolveTargets(
      [byId(alice.id), byId(bob.id), byEmail('alice@example.com'), byId(alice.id)],
      fakeDirectory([alice, bob]),
    );
    expect(resolved.map((r) => ('person' in r ? r.person.id : r.code))).toEqual([alice.id, bob.id]);
    expect(resolved[0]?.ref).toEqual(byId(alice.id));
  });

  it('says plainly when nobody has the id or email', async () => {
    const resolved = await resolveTargets([byId('W0GONE00001'), byEmail('nobody@example.com')], fakeDirectory([]));
    expect(resolved).toEqual([
      { ref: byId('W0GONE00001'), code: 'user_not_found' },
      { ref: byEmail('nobody@example.com'), code: 'users_not_found' },
    ]);
    expect(resolved.map(problemOf)).toEqual([
      'No Slack user has the ID `W0GONE00001`.',
      'No Slack user has the email `nobody@example.com`.',
    ]);
  });

  it('explains other look-up failures with the error sentence', async () => {
    const resolved = await resolveTargets(
      [byId(alice.id), byEmail('bob@example.com')],
      fakeDirectory([alice, bob], { [alice.id]: 'user_not_visible', 'bob@example.com': 'missing_scope' }),
    );
    expect(resolved).toEqual([
      { ref: byId(alice.id), code: 'user_not_visible' },
      { ref: byEmail('bob@example.com'), code: 'missing_scope' },
    ]);
    expect(resolved.map(problemOf)).toEqual([
      'Could not look up `W0ALICE0001`: This user is not visible to the app.',
      // Look-ups use the bot token: the sentence must blame it, not the admin token.
      expect.stringMatching(/^Could not look up `bob@example\.com`: The bot token lacks a scope/),
    ]);
  });

  it('keeps every problem, even for the same target twice', async () => {
    const resolved = await resolveTargets([byId('W0GONE00001'), byId('W0GONE00001')], fakeDirectory([]));
    expect(resolved).toHaveLength(2);
  });

  it('shows an unknown error code inert', async () => {
    const resolved = await resolveTargets([byId(alice.id)], fakeDirectory([alice], { [alice.id]: '<!here>' }));
    const problem = resolved[0] ? problemOf(resolved[0]) : '';
    expect(problem).toMatch(/^Could not look up `W0ALICE0001`: Slack answered with the error `here`\.$/);
  });

  it('returns nothing for no targets', async () => {
    expect(await resolveTargets([], fakeDirectory([alice]))).toEqual([]);
  });
});

describe('resolveTargets progress', () => {
  it('tells the observer of each person looked up, and hands it each wait', async () => {
    const directory = fakeDirectory([alice, bob]);
    directory.userById.mockImplementation(async (id: string, onWait?: (n: never) => void) => {
      onWait?.({ method: 'users.info', code: 'ratelimited', waitMs: 1000 } as never);
      return { ok: true, person: id === alice.id ? alice : bob };
    });
    const seen: string[] = [];
    await resolveTargets([byId(alice.id), byId(bob.id)], directory, {
      onResult: () => seen.push('one'),
      onWait: (n) => seen.push(`wait ${n.method}`),
    });
    expect(seen.filter((s) => s === 'one')).toHaveLength(2);
    expect(seen.filter((s) => s === 'wait users.info')).toHaveLength(2);
  });
});

describe('resolveTargets for a large group: the workspace list and the look-ups race', () => {
  const many = Array.from({ length: 150 }, (_, i): Person => ({ ...alice, id: `W0MANY${String(i).padStart(5, '0')}` }));

  it('takes whoever the list finds first, and the look-ups still waiting give their turn back', async () => {
    const directory = fakeDirectory(many);
    directory.workspacePeople.mockImplementation(async (onPage) => {
      await new Promise((r) => setTimeout(r, 10));
      onPage(many);
      return { ok: true };
    });
    const signals: AbortSignal[] = [];
    directory.userById.mockImplementation(async (id: string, _onWait?: unknown, signal?: AbortSignal) => {
      if (signal) signals.push(signal);
      await new Promise((r) => setTimeout(r, 50));
      return { ok: true, person: many.find((p) => p.id === id) ?? alice };
    });
    const found = await resolveTargets(
      many.map((p) => byId(p.id)),
      directory,
    );
    expect(found.map((r) => ('person' in r ? r.person.id : r.code))).toEqual(many.map((p) => p.id));
    expect(directory.workspacePeople).toHaveBeenCalledTimes(1);
    // Each look-up that started was abandoned once the list had the person.
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });

  it('looks up on their own the people the workspace does not list (members of another workspace)', async () => {
    const elsewhere: Person = { ...bob, id: 'W0ELSEWHR1' };
    const directory = fakeDirectory([...many, elsewhere]);
    directory.workspacePeople.mockImplementation(async (onPage) => {
      onPage(many);
      return { ok: true };
    });
    const found = await resolveTargets(
      [...many, elsewhere].map((p) => byId(p.id)),
      directory,
    );
    expect(found.at(-1)).toEqual({ ref: byId(elsewhere.id), person: elsewhere });
  });

  it('a look-up that failed still finds the person when the list brings them later', async () => {
    const directory = fakeDirectory(many, { [many[0]?.id ?? '']: 'ratelimited' });
    directory.workspacePeople.mockImplementation(async (onPage) => {
      await new Promise((r) => setTimeout(r, 30));
      onPage(many);
      return { ok: true };
    });
    const found = await resolveTargets(
      many.map((p) => byId(p.id)),
      directory,
    );
    expect(found[0]).toEqual({ ref: byId(many[0]?.id ?? ''), person: many[0] });
  });

  it('does not list the workspace for a confirmation of a few people', async () => {
    const directory = fakeDirectory([alice, bob]);
    await resolveTargets([byId(alice.id), byId(bob.id)], directory);
    expect(directory.workspacePeople).not.toHaveBeenCalled();
  });
});
