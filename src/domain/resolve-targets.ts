import type { Directory, LookupResult, OnWait } from '../ports/slack';
import { mapLimit, type RunObserver } from './run-plan';
import type { Person, Resolved, TargetRef } from './types';

/**
 * Look-ups in flight at once. The pace is the directory's (users.info's Tier 4, shared by the whole process); this
 * only keeps enough calls waiting for their turn that none of the tier's turns goes unused.
 */
const LOOKUPS_AT_ONCE = 10;

/**
 * Past this many people named by ID (about one minute of users.info at Tier 4), the workspace is listed too:
 * users.list brings 200 people a call at Tier 2, so a group of hundreds need not wait minutes for a hundred
 * look-ups a minute. Both run at once, on budgets of their own; whichever finds a person first wins.
 */
const LIST_PAST = 100;

/**
 * Looks every target up (read-only, several at a time), telling `observer` of each one looked up and of each wait.
 * A person named twice, say by mention and by email, is kept once. A target that cannot be found carries Slack's
 * code for why.
 */
export async function resolveTargets(
  refs: readonly TargetRef[],
  directory: Directory,
  observer: RunObserver = {},
): Promise<Resolved[]> {
  const { onWait } = observer;
  const ids = new Set(refs.flatMap((r) => (r.kind === 'user' ? [r.id] : [])));
  const listing = ids.size > LIST_PAST ? listWorkspace(directory, ids, onWait) : undefined;
  const byId = (id: string) => listing?.lookUp(id) ?? directory.userById(id, onWait);
  const found = await mapLimit(refs, LOOKUPS_AT_ONCE, async (ref): Promise<Resolved> => {
    const result = ref.kind === 'user' ? await byId(ref.id) : await directory.userByEmail(ref.email, onWait);
    observer.onResult?.();
    if (result.ok) return { ref, person: result.person };
    return { ref, code: result.code };
  });
  listing?.stop();
  const seen = new Set<string>();
  return found.filter((r) => {
    if (!('person' in r)) return true;
    if (seen.has(r.person.id)) return false;
    seen.add(r.person.id);
    return true;
  });
}

/**
 * Pages through the workspace for the `wanted` people while each is also looked up on its own. A person the list
 * finds first is taken from it, and their own look-up gives its turn back; a look-up that fails waits for the list
 * to finish before its failure stands.
 */
function listWorkspace(directory: Directory, wanted: ReadonlySet<string>, onWait?: OnWait) {
  const listed = new Map<string, Person>();
  const waiting = new Map<string, (person: Person) => void>();
  const stopping = new AbortController();
  const done = directory
    .workspacePeople(
      (page) => {
        for (const person of page) {
          if (!wanted.has(person.id) || listed.has(person.id)) continue;
          listed.set(person.id, person);
          waiting.get(person.id)?.(person);
        }
        return listed.size < wanted.size;
      },
      { onWait, signal: stopping.signal },
    )
    .catch(() => undefined);

  return {
    async lookUp(id: string): Promise<LookupResult> {
      const early = listed.get(id);
      if (early) return { ok: true, person: early };
      const ownTurn = new AbortController();
      const fromList = new Promise<Person>((resolve) => waiting.set(id, resolve));
      const fromLookup = directory.userById(id, onWait, ownTurn.signal);
      const first = await Promise.race([fromList.then((person) => ({ ok: true as const, person })), fromLookup]);
      ownTurn.abort();
      if (first.ok) return first;
      // Not found on its own yet (or Slack kept it waiting too long): the list may still have them.
      await done;
      const late = listed.get(id);
      return late ? { ok: true, person: late } : first;
    },
    stop: () => stopping.abort(),
  };
}
