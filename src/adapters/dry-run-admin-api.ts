import type { AdminApi } from '../ports/slack';

/**
 * DRY_RUN: listing sessions and reading settings still ask Slack (they change nothing), but no session is reset or
 * invalidated and no setting is set or cleared. The report and the record say "would have"; nothing is claimed as
 * done.
 */
export function dryRunAdminApi(real: AdminApi): AdminApi {
  return {
    listSessions: (userId, teamId) => real.listSessions(userId, teamId),
    getSessionSettings: (userIds) => real.getSessionSettings(userIds),
    resetSessions: async () => ({ ok: true }),
    resetSessionsBulk: async () => ({ ok: true }),
    invalidateSession: async () => ({ ok: true }),
    setSessionSettings: async () => ({ ok: true }),
    clearSessionSettings: async () => ({ ok: true }),
  };
}
