import type { Logger } from '@slack/bolt';
import { resolveTargets } from '../../domain/resolve-targets';
import type { TargetRef } from '../../domain/types';
import type { SlackSurface } from '../../ports/slack-surface';
import { lookupProblem } from '../../views/review-text';
import type { ListenerDeps } from '../shared/deps';
import { historyText } from './history-text';

const HISTORY_LIMIT = 15;

/** `/reset-sessions history @person`: their recent records, as an ephemeral message. Read-only. */
export async function answerHistory(
  args: { target: TargetRef; slack: SlackSurface; responseUrl: string; logger: Logger },
  deps: ListenerDeps,
): Promise<void> {
  const { target, slack, responseUrl, logger } = args;
  let text: string;
  const resolved =
    target.kind === 'user'
      ? { ref: target, person: { id: target.id } }
      : (await resolveTargets([target], slack.directory))[0];
  if (!resolved || !('person' in resolved)) {
    text = `:warning: ${resolved ? lookupProblem(resolved.ref, resolved.code) : 'Nobody to look up.'}`;
  } else {
    try {
      text = historyText(
        resolved.person.id,
        await deps.store.forTarget(resolved.person.id, HISTORY_LIMIT),
        deps.actions.wordsOf,
      );
    } catch (error) {
      logger.error(`AUDIT STORE UNREADABLE for history: ${String(error)}`);
      text =
        ':warning: The audit database cannot be reached right now, so history cannot be shown. The commands still work; see the app’s logs.';
    }
  }
  if (!(await slack.postEphemeral(responseUrl, text))) logger.warn('history not delivered');
}
