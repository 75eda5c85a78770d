import { randomUUID } from 'node:crypto';
import type { Logger } from '@slack/bolt';
import { fromStore } from '../actions/shared/store-read';
import { readPlanRef } from '../domain/plan';
import type { AuditStore } from '../ports/audit-store';

interface ErrorBody {
  response_url?: unknown;
  view?: { id?: unknown; private_metadata?: unknown };
}

export const LISTENER_ERROR_TEXT = (reference: string) =>
  `:x: The app hit an unexpected error (reference \`${reference}\`). Anything already sent to Slack may have taken effect: check with \`/reset-sessions history @person\` before trying again.`;

/**
 * Bolt's error handler: a listener that threw is logged once, with a reference, and the admin is told through the
 * command's response_url (or the one of the plan kept for the submitted modal) instead of seeing nothing or
 * "dispatch_failed". `tell` is the one reply path, which posts only to Slack's hosts.
 */
export function listenerErrorHandler(
  deps: {
    logger: Logger;
    store: Pick<AuditStore, 'keptPlan'>;
    tell: (responseUrl: string, text: string) => Promise<boolean>;
  },
  newReference: () => string = randomUUID,
) {
  return async ({ error, body }: { error: Error; body?: unknown }): Promise<void> => {
    const reference = newReference();
    deps.logger.error(`listener failed [${reference}]: ${error.message}`);
    const b = (body ?? {}) as ErrorBody;
    let url = typeof b.response_url === 'string' ? b.response_url : undefined;
    const requestId = b.view ? readPlanRef(b.view.private_metadata) : undefined;
    if (!url && requestId) {
      const kept = await fromStore(deps.logger, 'telling of an error', () => deps.store.keptPlan(requestId));
      // Only the plan kept for this very modal says where its admin is told.
      if (kept.ok && kept.value?.viewId === b.view?.id) url = kept.value?.plan.responseUrl;
    }
    if (url) await deps.tell(url, LISTENER_ERROR_TEXT(reference));
  };
}
