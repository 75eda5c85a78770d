import type { Logger, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { createDirectory } from '../../adapters/slack-directory';
import { resolveTargets } from '../../domain/resolve-targets';
import type { TargetRef } from '../../domain/types';
import { historyText } from '../../views/history-text';
import { lookupProblem } from '../../views/review-text';
import type { ListenerDeps } from '../shared/deps';

const HISTORY_LIMIT = 15;

/** `/reset-sessions history @person`: their recent records, as an ephemeral message. Read-only. */
export async function answerHistory(
  args: { target: TargetRef; client: WebClient; respond: RespondFn; logger: Logger },
  deps: ListenerDeps,
): Promise<void> {
  const { target, client, respond, logger } = args;
  let text: string;
  const resolved =
    target.kind === 'user'
      ? { ref: target, person: { id: target.id } }
      : (await resolveTargets([target], createDirectory(client)))[0];
  if (!resolved || !('person' in resolved)) {
    text = `:warning: ${resolved ? lookupProblem(resolved.ref, resolved.code) : 'Nobody to look up.'}`;
  } else {
    try {
      text = historyText(resolved.person.id, await deps.store.forTarget(resolved.person.id, HISTORY_LIMIT));
    } catch (error) {
      logger.error(`AUDIT STORE UNREADABLE for history: ${String(error)}`);
      text = ':warning: The audit store could not be read; see the app’s logs.';
    }
  }
  await respond({ response_type: 'ephemeral', text }).catch((e: unknown) =>
    logger.warn(`history not delivered: ${String(e)}`),
  );
}
