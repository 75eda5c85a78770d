import type { Logger, RespondFn } from '@slack/bolt';
import { resolveTargets } from '../../domain/resolve-targets';
import type { TargetRef } from '../../domain/types';
import type { Directory } from '../../ports/slack';
import { lookupProblem } from '../../views/review-text';
import type { ListenerDeps } from '../shared/deps';
import { historyText } from './history-text';

const HISTORY_LIMIT = 15;

/** `/reset-sessions history @person`: their recent records, as an ephemeral message. Read-only. */
export async function answerHistory(
  args: { target: TargetRef; directory: Directory; respond: RespondFn; logger: Logger },
  deps: ListenerDeps,
): Promise<void> {
  const { target, directory, respond, logger } = args;
  let text: string;
  const resolved =
    target.kind === 'user'
      ? { ref: target, person: { id: target.id } }
      : (await resolveTargets([target], directory))[0];
  if (!resolved || !('person' in resolved)) {
    text = `:warning: ${resolved ? lookupProblem(resolved.ref, resolved.code) : 'Nobody to look up.'}`;
  } else {
    try {
      text = historyText(
        resolved.person.id,
        await deps.store.forTarget(resolved.person.id, HISTORY_LIMIT),
        deps.wordsOf,
      );
    } catch (error) {
      logger.error(`AUDIT STORE UNREADABLE for history: ${String(error)}`);
      text =
        ':warning: The audit database cannot be reached right now, so history cannot be shown. The commands still work; see the app’s logs.';
    }
  }
  await respond({ response_type: 'ephemeral', text }).catch((e: unknown) =>
    logger.warn(`history not delivered: ${String(e)}`),
  );
}
