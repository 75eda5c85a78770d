import { randomUUID } from 'node:crypto';
import type { Logger } from '@slack/bolt';
import { postEphemeral } from '../adapters/response-url';
import { type DecodeRules, decodeEnvelope } from '../domain/plan';

interface ErrorBody {
  response_url?: unknown;
  view?: { private_metadata?: unknown };
}

export const LISTENER_ERROR_TEXT = (reference: string) =>
  `:x: The app hit an unexpected error (reference \`${reference}\`). Anything already sent to Slack may have taken effect: check with \`/reset-sessions history @person\` before trying again.`;

/**
 * Bolt's error handler: a listener that threw is logged once, with a reference, and the admin is told through the
 * command's response_url (or the one in the submitted plan) instead of seeing nothing or "dispatch_failed".
 */
export function listenerErrorHandler(
  deps: { logger: Logger; planRules: DecodeRules; timeoutMs: number },
  newReference: () => string = randomUUID,
) {
  return async ({ error, body }: { error: Error; body?: unknown }): Promise<void> => {
    const reference = newReference();
    deps.logger.error(`listener failed [${reference}]: ${error.message}`);
    const b = (body ?? {}) as ErrorBody;
    let url: string | undefined;
    if (typeof b.response_url === 'string' && deps.planRules.isAllowedResponseUrl(b.response_url)) url = b.response_url;
    else if (b.view) {
      // Any kind of plan will do: only where to tell the admin is needed.
      const envelope = decodeEnvelope(b.view.private_metadata, deps.planRules);
      url = envelope.ok ? envelope.value.base.responseUrl : undefined;
    }
    if (url) await postEphemeral(url, LISTENER_ERROR_TEXT(reference), deps.timeoutMs);
  };
}
