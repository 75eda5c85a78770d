import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { noActionRecord } from '../../domain/audit-record';
import { listSessionsIn } from '../../domain/list-sessions';
import { resolveTargets } from '../../domain/resolve-targets';
import { reviewTargets } from '../../domain/review-targets';
import type { TargetRef } from '../../domain/types';
import { loadingView } from '../../views/blocks';
import { describeSlackError } from '../../views/error-sentences';
import { mention, quoteInput } from '../../views/mrkdwn';
import { refusalText } from '../../views/review-text';
import { admitted } from '../shared/admitted';
import type { ListenerDeps } from '../shared/deps';
import { openModal, showConfirmation, stopWith } from '../shared/modal';
import { submitInputsFor } from '../shared/submit-inputs';
import { invalidateConfirmationView } from './confirmation-view';
import { parseInvalidateCommand } from './parse';
import { MAX_PLAN_SESSIONS } from './plan';
import { invalidateUsage } from './usage';

const TITLE = 'End a session';

/**
 * `/invalidate-session <user> [session_id]`: lists the person's active sessions (read-only) and shows them in
 * the confirmation, either the one named or all of them to choose from.
 */
export function invalidateSessionCommand(deps: ListenerDeps) {
  const { adminApi } = deps;
  return async ({ command, ack, client, logger }: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => {
    const parsed = parseInvalidateCommand(command.text);
    if (!parsed.ok) {
      await ack({ response_type: 'ephemeral', text: `:warning: ${parsed.error}\n\n${invalidateUsage()}` });
      return;
    }
    const request = parsed.value;
    if (request.kind === 'help') {
      await ack({ response_type: 'ephemeral', text: invalidateUsage() });
      return;
    }
    await admitted(deps, ack, async () => {
      const loading = loadingView(TITLE, `Looking up ${refLabel(request.target)} and their sessions…`);
      const slack = deps.slack(client, logger);
      const viewId = await openModal(slack, command.trigger_id, loading, command.response_url);
      if (!viewId) return;
      const tell = { slack, viewId, responseUrl: command.response_url };
      const stop = stopWith(tell, TITLE);

      const review = reviewTargets(
        await resolveTargets([request.target], slack.directory),
        command.user_id,
        deps.tokenOwnerId(),
      );
      const target = review.ready[0];
      const invoker = { invokerId: command.user_id, requestId: randomUUID(), responseUrl: command.response_url };
      if (!target) {
        const targets = review.refused.map((r) => ({ userId: r.skipped.label, error: r.skipped.code }));
        await deps.audit.record(noActionRecord(invoker, 'refused', 'invalidate', targets));
        return stop(review.refused.map(refusalText).join('\n'));
      }

      const privileged = target.warnings.includes('privileged') ? [target.person.id] : [];
      const inputs = submitInputsFor(deps, 1, privileged.length);
      // Every workspace of the person in the organization: a stolen session need not be where the admin typed.
      const { homeTeamId, teams: theirs = [] } = target.person;
      const teams = [command.team_id, homeTeamId, ...theirs].filter((t): t is string => typeof t === 'string');
      const list = await listSessionsIn(adminApi, target.person.id, teams);
      if (!list.ok) return stop(`The sessions could not be listed: ${describeSlackError(list.code)}`);
      const who = mention(target.person.id);
      const failed = (list.failedTeams ?? [])
        .map((f) => `Sessions in workspace ${quoteInput(f.teamId)} could not be read: ${describeSlackError(f.code)}`)
        .join(' ');
      if (list.sessions.length === 0) {
        const unreadable = list.unreadable > 0 ? ` Slack listed ${list.unreadable} that the app could not read.` : '';
        return stop(`${who} has no active sessions the app can end.${unreadable} ${failed}`.trim());
      }

      if (request.kind === 'one') {
        const session = list.sessions.find((s) => s.sessionId === request.sessionId);
        if (!session) {
          const ids = list.sessions.slice(0, 20).map((s) => s.sessionId);
          return stop(`${who} has no active session ${request.sessionId}. Their active sessions: ${ids.join(', ')}.`);
        }
        const plan = {
          kind: 'invalidate' as const,
          ...invoker,
          privileged,
          userId: target.person.id,
          choose: false,
          sessions: [key(session)],
        };
        const view = invalidateConfirmationView(plan, target, [session], NONE_HIDDEN, inputs, failed);
        return showConfirmation(tell, plan, view, deps, logger);
      }
      const shown = list.sessions.slice(0, MAX_PLAN_SESSIONS);
      const plan = {
        kind: 'invalidate' as const,
        ...invoker,
        privileged,
        userId: target.person.id,
        choose: true,
        sessions: shown.map(key),
      };
      // Past Slack's paging limit the exact count is unknown: the view says "at least".
      const hidden = { count: list.sessions.length - shown.length + list.unreadable, atLeast: list.truncated };
      const view = invalidateConfirmationView(plan, target, shown, hidden, inputs, failed);
      return showConfirmation(tell, plan, view, deps, logger);
    });
  };
}

const NONE_HIDDEN = { count: 0, atLeast: false };

const key = (s: { teamId: string; sessionId: number }) => ({ teamId: s.teamId, sessionId: s.sessionId });
const refLabel = (ref: TargetRef) => (ref.kind === 'user' ? mention(ref.id) : quoteInput(ref.email));
