import type { AdminApi } from '../ports/slack';

/**
 * DRY_RUN: listing still asks Slack (it changes nothing), but no session is reset or invalidated. The report and
 * the record say "would have"; nothing is claimed as done.
 */
export function dryRunAdminApi(real: AdminApi): AdminApi {
  return {
    listSessions: (userId, teamId) => real.listSessions(userId, teamId),
    resetSessions: async () => ({ ok: true }),
    resetSessionsBulk: async () => ({ ok: true }),
    invalidateSession: async () => ({ ok: true }),
  };
}
