import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { parseInvalidateCommand } from '../../sessions/parse-command';
import { fitSessions } from '../../sessions/plan';
import { resolveTargets } from '../../sessions/resolve-targets';
import { reviewTargets } from '../../sessions/review-targets';
import type { TargetRef } from '../../sessions/types';
import { createDirectory } from '../../slack/directory';
import { describeSlackError } from '../../slack/error-messages';
import { loadingView, noticeView } from '../../views/blocks';
import { invalidateConfirmationView } from '../../views/invalidate-confirmation-view';
import { mention, quoteInput } from '../../views/mrkdwn';
import { invalidateUsage } from '../../views/usage';
import type { ListenerDeps } from '../deps';
import { openModal, updateModal } from '../modal';

const TITLE = 'End a session';
const nothingChanged = (why: string): ModalView => noticeView(TITLE, `${why}\nNothing was changed.`);

/**
 * `/invalidate-session <user> [session_id]`: lists the person's active sessions (read-only) and shows them in
 * the confirmation, either the one named or all of them to choose from.
 */
export function invalidateSessionCommand(deps: ListenerDeps) {
  const { adminApi } = deps;
  return async ({ command, ack, client, respond, logger }: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => {
    const parsed = parseInvalidateCommand(command.text);
    if (!parsed.ok) {
      await ack({ response_type: 'ephemeral', text: `:warning: ${parsed.error}\n\n${invalidateUsage()}` });
      return;
    }
    if (parsed.value.kind === 'help') {
      await ack({ response_type: 'ephemeral', text: invalidateUsage() });
      return;
    }
    await ack();

    const request = parsed.value;
    const viewId = await openModal(
      client,
      command.trigger_id,
      loadingView(TITLE, `Looking up ${refLabel(request.target)} and their sessions…`),
      respond,
      logger,
    );
    if (!viewId) return;
    const show = async (view: ModalView): Promise<void> => {
      await updateModal(client, viewId, view, logger);
    };

    const review = reviewTargets(
      await resolveTargets([request.target], createDirectory(client)),
      command.user_id,
      deps.tokenOwnerId(),
    );
    const target = review.ready[0];
    if (!target) return show(nothingChanged(review.refused.join('\n')));

    const list = await adminApi.listSessions(target.person.id, command.team_id);
    if (!list.ok) return show(nothingChanged(`The sessions could not be listed: ${describeSlackError(list.code)}`));
    const who = mention(target.person.id);
    if (list.sessions.length === 0) return show(nothingChanged(`${who} has no active sessions in this workspace.`));

    const invoker = { invokerId: command.user_id, requestId: randomUUID(), responseUrl: command.response_url };
    if (request.kind === 'one') {
      const session = list.sessions.find((s) => s.sessionId === request.sessionId);
      if (!session) {
        const ids = list.sessions
          .slice(0, 20)
          .map((s) => s.sessionId)
          .join(', ');
        return show(
          nothingChanged(`${who} has no active session ${request.sessionId}. Their active sessions: ${ids}.`),
        );
      }
      const plan = {
        kind: 'invalidate' as const,
        ...invoker,
        userId: target.person.id,
        choose: false,
        sessions: [key(session)],
      };
      return show(invalidateConfirmationView(plan, target, [session], '0', deps.config.requireReason));
    }
    const plan = fitSessions({
      kind: 'invalidate',
      ...invoker,
      userId: target.person.id,
      choose: true,
      sessions: list.sessions.map(key),
    });
    const shown = list.sessions.slice(0, plan.sessions.length);
    // Past Slack's paging limit the exact count is unknown: say "at least".
    const hidden = `${list.truncated ? 'At least ' : ''}${list.sessions.length - shown.length}`;
    return show(invalidateConfirmationView(plan, target, shown, hidden, deps.config.requireReason));
  };
}

const key = (s: { teamId: string; sessionId: number }) => ({ teamId: s.teamId, sessionId: s.sessionId });
const refLabel = (ref: TargetRef) => (ref.kind === 'user' ? mention(ref.id) : quoteInput(ref.email));
