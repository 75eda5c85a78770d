import type { Directory } from '../ports/slack';
import { describeSlackError } from '../views/error-sentences';
import { quoteInput } from '../views/mrkdwn';
import type { Resolved, TargetRef } from './types';

/**
 * Looks every target up (read-only, in parallel). A person named twice, say by mention and by email, is kept once.
 * A target that cannot be found carries a sentence saying why.
 */
export async function resolveTargets(refs: readonly TargetRef[], directory: Directory): Promise<Resolved[]> {
  const found = await Promise.all(
    refs.map(async (ref): Promise<Resolved> => {
      const result = ref.kind === 'user' ? await directory.userById(ref.id) : await directory.userByEmail(ref.email);
      if (result.ok) return { ref, person: result.person };
      return { ref, problem: lookupProblem(ref, result.code), code: result.code };
    }),
  );
  const seen = new Set<string>();
  return found.filter((r) => {
    if (!('person' in r)) return true;
    if (seen.has(r.person.id)) return false;
    seen.add(r.person.id);
    return true;
  });
}

function lookupProblem(ref: TargetRef, code: string): string {
  const shown = quoteInput(ref.kind === 'user' ? ref.id : ref.email);
  if (code === 'user_not_found' || code === 'users_not_found') {
    return ref.kind === 'user' ? `No Slack user has the ID ${shown}.` : `No Slack user has the email ${shown}.`;
  }
  return `Could not look up ${shown}: ${describeSlackError(code, 'bot')}`;
}
