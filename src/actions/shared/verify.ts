import { peopleDone } from '../../domain/report';
import type { ResetScope } from '../../domain/types';
import { checkPeople, checkSessions, personCheckTarget, sessionCheckTarget } from '../../domain/verify';
import { checkMessage, personCheckLine, sessionCheckLine } from '../../views/verify-text';
import type { AfterCheck } from '../action';
import type { ListenerDeps } from './deps';

/**
 * The check after a sign-out (reset or invalidate), with admin.users.session.list: wanted with VERIFY_AFTER_RESET
 * when someone was signed out, never for a bulk reset, which Slack only queued (its job ends later; checking at once
 * would report sessions it has yet to end). Every person signed out is listed in each of their workspaces (or, for
 * ended sessions, each session's workspace). Runs after the admin calls, never between them.
 */
export function signOutCheck(deps: ListenerDeps, scope: ResetScope = 'all'): AfterCheck {
  return {
    wanted: (report) => deps.config.verify && !report.queued && report.results.some((r) => r.outcome.ok),
    async run(report, slack) {
      const sessions = report.results.flatMap(({ target, outcome }) =>
        outcome.ok && target.teamId !== undefined && target.sessionId !== undefined
          ? [{ userId: target.userId, teamId: target.teamId, sessionId: target.sessionId }]
          : [],
      );
      if (sessions.length > 0) {
        const checks = await checkSessions(deps.adminApi, sessions);
        return { targets: checks.map(sessionCheckTarget), message: checkMessage(checks.map(sessionCheckLine)) };
      }
      const checks = await checkPeople(deps.adminApi, slack.directory, peopleDone(report));
      return {
        targets: checks.map((c) => personCheckTarget(c, scope)),
        message: checkMessage(checks.map((c) => personCheckLine(c, scope))),
      };
    },
  };
}
