import type { Directory } from '../ports/slack';
import { mapLimit } from './run-plan';
import type { Resolved, TargetRef } from './types';

/** users.info is Tier 4: a confirmation of fifty people looks up at once, a bulk one of hundreds in a steady stream. */
const LOOKUPS_AT_ONCE = 10;

/**
 * Looks every target up (read-only, several at a time). A person named twice, say by mention and by email, is kept once.
 * A target that cannot be found carries Slack's code for why.
 */
export async function resolveTargets(refs: readonly TargetRef[], directory: Directory): Promise<Resolved[]> {
  const found = await mapLimit(refs, LOOKUPS_AT_ONCE, async (ref): Promise<Resolved> => {
    const result = ref.kind === 'user' ? await directory.userById(ref.id) : await directory.userByEmail(ref.email);
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
