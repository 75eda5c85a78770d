import { truncate } from '../domain/text';
import { MAX_REASON } from './ids';
import { escapeMrkdwn } from './mrkdwn';

/** The admin's reason as the modal, the message, the channel post, the history and App Home show it. */
export const reasonLine = (reason?: string): string =>
  reason ? `Reason: ${escapeMrkdwn(truncate(reason, MAX_REASON))}` : 'No reason given.';
