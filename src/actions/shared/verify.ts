import type { Order } from '../../domain/approval';
import { type Approval, verifiedRecord } from '../../domain/audit-record';
import { peopleDone, type Report } from '../../domain/report';
import { checkPeople, checkSessions, personCheckTarget, sessionCheckTarget } from '../../domain/verify';
import type { SlackSurface } from '../../ports/slack-surface';
import { checkMessage, personCheckLine, sessionCheckLine } from '../../views/verify-text';
import type { ListenerDeps } from './deps';

/**
 * Whether a report's sign-outs will be checked afterwards (VERIFY_AFTER_RESET): never in a dry run, nor for a bulk
 * reset, which Slack only queued (its job ends later; checking at once would report sessions it has yet to end).
 */
export const willVerify = (report: Report, deps: ListenerDeps): boolean =>
  deps.config.verify && report.dryRun !== true && !report.queued && report.results.some((r) => r.outcome.ok);

/**
 * After the report: what admin.users.session.list shows now. Every person signed out is listed in each of their
 * workspaces (or, for ended sessions, each session's workspace), and the findings are recorded and returned as the
 * message for the admin. Runs after the admin calls, never between them.
 */
export async function verifyRun(
  args: { order: Order; report: Report; slack: SlackSurface; who: Approval },
  deps: ListenerDeps,
): Promise<string | undefined> {
  const { order, report, slack, who } = args;
  if (!report.verify) return undefined;
  const by = { requestId: order.plan.requestId, invokerId: order.plan.invokerId, reason: order.reason, ...who };
  const sessions = report.results.flatMap(({ target, outcome }) =>
    outcome.ok && target.teamId !== undefined && target.sessionId !== undefined
      ? [{ userId: target.userId, teamId: target.teamId, sessionId: target.sessionId }]
      : [],
  );
  if (sessions.length > 0) {
    const checks = await checkSessions(deps.adminApi, sessions);
    await deps.audit.record(verifiedRecord(by, order.action, checks.map(sessionCheckTarget)));
    return checkMessage(checks.map(sessionCheckLine));
  }
  const scope = report.scope ?? 'all';
  const checks = await checkPeople(deps.adminApi, slack.directory, peopleDone(report));
  await deps.audit.record(
    verifiedRecord(
      by,
      order.action,
      checks.map((c) => personCheckTarget(c, scope)),
    ),
  );
  return checkMessage(checks.map((c) => personCheckLine(c, scope)));
}
