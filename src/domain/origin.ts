import { createHash } from 'node:crypto';
import { USER_ID } from './ids';

/**
 * Where an order came from when no admin confirmed it in a modal: a Workflow Builder step (Slack's custom step,
 * completed or failed once the order's fate is known) or a signed API call (whose client reads the status). An order
 * without one came from a slash command's confirmation.
 */
export type Origin =
  | {
      kind: 'workflow';
      /** The step's callback_id in manifest.yml. */
      step: string;
      /** What functions.completeSuccess / completeError name: one run of the step. */
      functionExecutionId: string;
      workflowExecutionId?: string;
    }
  | { kind: 'api'; client: string };

/** An API client's orders are recorded under this requester: never a Slack user, so never an approver either. */
export const apiRequester = (client: string): string => `api:${client}`;

/** The API client a requester ID names, or undefined for a person. */
export const apiClientOf = (requesterId: string): string | undefined => /^api:(.+)$/.exec(requesterId)?.[1];

/** The person a requester ID names, who can be told by DM; undefined for an API client. */
export const personOf = (requesterId: string): string | undefined =>
  USER_ID.test(requesterId) ? requesterId : undefined;

/**
 * A request ID (a UUID's shape) made from any text, the same every time: one order per workflow step execution, per
 * API client's idempotency key, per sign-out's follow-up, whichever replica or delivery computes it.
 */
export function requestIdFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
