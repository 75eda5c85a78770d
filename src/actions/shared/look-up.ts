import { type ExpandedGroup, expandGroups } from '../../domain/expand-groups';
import { resolveTargets } from '../../domain/resolve-targets';
import type { RunObserver } from '../../domain/run-plan';
import type { GroupRef, Resolved, TargetRef } from '../../domain/types';
import type { SlackSurface } from '../../ports/slack-surface';
import { people } from '../../views/labels';
import { groupProblemText } from '../../views/review-text';
import { lookupProgress } from './progress';

/** Look-ups with no modal to show their progress in (a workflow step's, an API call's): they hear nothing. */
const UNSEEN: RunObserver & { close(): Promise<void> } = { close: async () => undefined };

/**
 * Everyone a command (or a workflow step, or an API client) names: each user group's members after the people
 * named, then each person looked up, a command's loading modal counting as they come. Read-only. Stops, saying why,
 * at a group that cannot be used or at more than `most` people (BULK_MAX_TARGETS, groups included).
 */
export async function lookUpNamed(
  at: { slack: SlackSurface; modal?: { viewId: string; title: string } },
  named: { refs: readonly TargetRef[]; groups?: readonly GroupRef[]; most: number },
): Promise<{ ok: true; resolved: Resolved[]; groups: ExpandedGroup[] } | { ok: false; why: string }> {
  const { slack, modal } = at;
  const progress = (total: number, what: (done: number) => string) =>
    modal ? lookupProgress(slack, modal, total, what) : UNSEEN;
  const asked = named.groups ?? [];
  const groupsText = asked.length === 1 ? '1 group' : `${asked.length} groups`;
  const listing = progress(asked.length, () => `Listing the members of ${groupsText}…`);
  const expansion = await expandGroups(named.refs, asked, slack.directory, listing.onWait);
  await listing.close();
  if (!expansion.ok) return { ok: false, why: groupProblemText(expansion.group, expansion.code) };
  const { refs, groups } = expansion;
  if (refs.length > named.most) {
    return {
      ok: false,
      why: `That names ${refs.length} people (groups included); one confirmation takes at most ${named.most} (BULK_MAX_TARGETS).`,
    };
  }
  const n = refs.length;
  const looking = progress(n, (done) => `Looking up ${people(n)}… ${done} of ${n} looked up.`);
  const resolved = await resolveTargets(refs, slack.directory, looking);
  await looking.close();
  return { ok: true, resolved, groups };
}
