import type { Directory, OnWait } from '../ports/slack';
import type { GroupRef, TargetRef } from './types';

/** A group as the confirmation names it: which, and how many members it brought. */
export interface ExpandedGroup {
  id: string;
  handle?: string;
  members: number;
}

export type Expansion =
  | { ok: true; refs: TargetRef[]; groups: ExpandedGroup[] }
  /** A group that could not be used, and why: Slack's code, or `empty_group`. Nothing is asked of anyone. */
  | { ok: false; group: GroupRef; code: string };

/**
 * Replaces each named group with its members, after the people named one by one, each person once (however many
 * groups they are in, or if they were also named). Read-only; any group that is unknown, disabled or empty stops
 * the whole command, so a typo never becomes a smaller sign-out than the admin meant.
 */
export async function expandGroups(
  refs: readonly TargetRef[],
  groups: readonly GroupRef[],
  directory: Directory,
  onWait?: OnWait,
): Promise<Expansion> {
  const answers = await Promise.all(
    groups.map(async (g) => ({ g, answer: await directory.groupMembers(g.id, onWait) })),
  );
  const out: TargetRef[] = [...refs];
  const named = new Set(refs.flatMap((r) => (r.kind === 'user' ? [r.id] : [])));
  const expanded: ExpandedGroup[] = [];
  for (const { g, answer } of answers) {
    if (!answer.ok) return { ok: false, group: g, code: answer.code };
    if (answer.userIds.length === 0) return { ok: false, group: g, code: 'empty_group' };
    expanded.push({ id: g.id, ...(g.handle ? { handle: g.handle } : {}), members: answer.userIds.length });
    for (const id of answer.userIds) {
      if (named.has(id)) continue;
      named.add(id);
      out.push({ kind: 'user', id });
    }
  }
  return { ok: true, refs: out, groups: expanded };
}
