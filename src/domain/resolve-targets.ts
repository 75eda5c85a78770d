import type { Directory } from '../ports/slack';
import { mapLimit, type RunObserver } from './run-plan';
import type { Resolved, TargetRef } from './types';

/**
 * Look-ups in flight at once. The pace is the directory's (users.info's Tier 4, shared by the whole process); this
 * only keeps enough calls waiting for their turn that none of the tier's turns goes unused.
 */
const LOOKUPS_AT_ONCE = 10;

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
  const found = await mapLimit(refs, LOOKUPS_AT_ONCE, async (ref): Promise<Resolved> => {
    const { onWait } = observer;
    const result =
      ref.kind === 'user' ? await directory.userById(ref.id, onWait) : await directory.userByEmail(ref.email, onWait);
    observer.onResult?.();
    if (result.ok) return { ref, person: result.person };
    return { ref, code: result.code };
  });
  const seen = new Set<string>();
  return found.filter((r) => {
    if (!('person' in r)) return true;
    if (seen.has(r.person.id)) return false;
    seen.add(r.person.id);
    return true;
  });
}
