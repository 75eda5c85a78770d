import type { AdminApi, ListResult } from '../ports/slack';

/**
 * A person's active sessions in each of the given workspaces (the command's, their home one, and every other they
 * belong to): in an Enterprise organization a stolen session need not be in the workspace the admin typed in. A workspace that
 * answers with an error is left out when another answered; when none did, the first error is the answer.
 */
export async function listSessionsIn(api: AdminApi, userId: string, teamIds: readonly string[]): Promise<ListResult> {
  const teams = [...new Set(teamIds)];
  // One workspace after another: the list method's Tier 2 budget is shared, and a 429 holds every list call back.
  const results: ListResult[] = [];
  for (const teamId of teams) results.push(await api.listSessions(userId, teamId));
  const answered = results.filter((r) => r.ok);
  if (answered.length === 0) return results[0] ?? { ok: false, code: 'missing_team' };
  const failedTeams = results.flatMap((r, i) => (r.ok ? [] : [{ teamId: teams[i] ?? '', code: r.code }]));
  const seen = new Set<string>();
  return {
    ok: true,
    sessions: answered
      .flatMap((r) => r.sessions)
      .filter((s) => {
        const key = `${s.teamId}:${s.sessionId}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      }),
    truncated: answered.some((r) => r.truncated),
    unreadable: answered.reduce((n, r) => n + r.unreadable, 0),
    ...(failedTeams.length > 0 ? { failedTeams } : {}),
  };
}
