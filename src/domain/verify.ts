import type { AdminApi, Directory } from '../ports/slack';
import type { AuditTarget } from './audit-record';
import type { ActiveSession, ResetScope } from './types';

/** What admin.users.session.list shows of one person after they were signed out. */
export interface PersonCheck {
  userId: string;
  /** Workspaces listed: every one the person belongs to that answered. */
  checked: string[];
  /** Sessions still listed in those workspaces. */
  remaining: ActiveSession[];
  /** Workspaces that could not be listed (or none known), with Slack's code: what remains there is unknown. */
  unlisted: { teamId: string; code: string }[];
}

/** What the list shows of one ended session. */
export interface SessionCheck {
  userId: string;
  teamId: string;
  sessionId: number;
  /** True: not listed any more; false: still listed; undefined: the workspace could not be listed (`code`). */
  gone?: boolean;
  code?: string;
}

/**
 * Lists each person's sessions in every workspace they belong to (users.info gives an Enterprise user's teams),
 * one call after another: admin.users.session.list has its own Tier 2 budget, and the admin API holds every list
 * call back together once Slack says 429, so checking never delays a reset.
 */
export async function checkPeople(
  api: AdminApi,
  directory: Directory,
  userIds: readonly string[],
): Promise<PersonCheck[]> {
  const checks: PersonCheck[] = [];
  for (const userId of userIds) {
    const looked = await directory.userById(userId);
    const check: PersonCheck = { userId, checked: [], remaining: [], unlisted: [] };
    const teams = looked.ok ? [...new Set([...(looked.person.teams ?? []), looked.person.homeTeamId ?? ''])] : [];
    const known = teams.filter((t) => t !== '');
    if (!looked.ok) check.unlisted.push({ teamId: '', code: looked.code });
    else if (known.length === 0) check.unlisted.push({ teamId: '', code: 'no_workspace_known' });
    for (const teamId of known) {
      const listed = await api.listSessions(userId, teamId);
      if (!listed.ok) check.unlisted.push({ teamId, code: listed.code });
      else {
        check.checked.push(teamId);
        check.remaining.push(...listed.sessions);
        // Items Slack listed that could not be read, or pages past the app's cap: "nothing left" is not known.
        if (listed.unreadable > 0 || listed.truncated) check.unlisted.push({ teamId, code: 'list_incomplete' });
      }
    }
    checks.push(check);
  }
  return checks;
}

/** Lists each ended session's workspace once per person, and says whether the session is still there. */
export async function checkSessions(
  api: AdminApi,
  sessions: readonly { userId: string; teamId: string; sessionId: number }[],
): Promise<SessionCheck[]> {
  const lists = new Map<string, Awaited<ReturnType<AdminApi['listSessions']>>>();
  const out: SessionCheck[] = [];
  for (const s of sessions) {
    const key = `${s.userId}:${s.teamId}`;
    let listed = lists.get(key);
    if (!listed) {
      listed = await api.listSessions(s.userId, s.teamId);
      lists.set(key, listed);
    }
    if (!listed.ok) {
      out.push({ ...s, code: listed.code });
      continue;
    }
    const listedNow = listed.sessions.some((l) => l.sessionId === s.sessionId && l.teamId === s.teamId);
    // Not seen in a list that is incomplete (unreadable items, pages past the cap) is not "gone".
    const complete = listed.unreadable === 0 && !listed.truncated;
    out.push(listedNow ? { ...s, gone: false } : complete ? { ...s, gone: true } : { ...s, code: 'list_incomplete' });
  }
  return out;
}

/** A person's check as a record's target (see verifiedRecord). */
export function personCheckTarget(c: PersonCheck, scope: ResetScope): AuditTarget {
  if (c.remaining.length > 0) {
    return scope === 'all'
      ? { userId: c.userId, result: 'failed', error: 'still_listed' }
      : { userId: c.userId, result: 'unknown', error: 'other_sessions_listed' };
  }
  const first = c.unlisted[0];
  if (first) return { userId: c.userId, result: 'unknown', error: first.code };
  return { userId: c.userId, result: 'done' };
}

/** An ended session's check as a record's target. */
export function sessionCheckTarget(c: SessionCheck): AuditTarget {
  const { userId, teamId, sessionId } = c;
  if (c.gone === true) return { userId, teamId, sessionId, result: 'done' };
  if (c.gone === false) return { userId, teamId, sessionId, result: 'failed', error: 'still_listed' };
  return { userId, teamId, sessionId, result: 'unknown', error: c.code ?? 'unknown' };
}
