import type { Logger } from '@slack/bolt';
import { resolveTargets } from '../../domain/resolve-targets';
import type { TargetRef } from '../../domain/types';
import type { SlackSurface } from '../../ports/slack-surface';
import { lookupProblem } from '../../views/review-text';
import type { ListenerDeps } from '../shared/deps';
import { fromStore } from '../shared/store-read';
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
    const { id } = resolved.person;
    const read = await fromStore(logger, 'history', () => deps.store.forTarget(id, HISTORY_LIMIT));
    text = read.ok
      ? historyText(id, read.value, deps.actions.wordsOf)
      : ':warning: The audit database cannot be reached right now, so history cannot be shown. The commands still work; see the app’s logs.';
  }
  if (!(await slack.postEphemeral(responseUrl, text))) logger.warn('history not delivered');
}
