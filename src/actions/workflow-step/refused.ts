import type { Logger } from '@slack/bolt';
import { noActionRecord } from '../../domain/audit-record';
import type { SlackSurface } from '../../ports/slack-surface';
import { originVoice } from '../origin';
import type { ListenerDeps } from '../shared/deps';
import { fromStore } from '../shared/store-read';
import { stepOrigin, stepRequestId } from './executed';
import { STEPS } from './steps';

const REFUSED =
  'The person who used this workflow is not one of the admins named in the Session Reset app’s configuration (ADMIN_USER_IDS), so nothing was done. The attempt was recorded.';

/**
 * A step whose requester the gate refused (not on ADMIN_USER_IDS, or none given): recorded once, as a refused command
 * is, and failed with why, so the workflow does not wait. Its run can never be placed afterwards: the refusal takes
 * its request ID's one claim, so a redelivery finds it taken and does nothing.
 */
export async function stepRefused(
  step: { callbackId: string; functionExecutionId: string; workflowExecutionId?: string },
  requesterId: string | undefined,
  deps: ListenerDeps,
  slack: SlackSurface,
  logger: Logger,
): Promise<void> {
  const requestId = stepRequestId(step.functionExecutionId);
  const claimed = await fromStore(logger, 'refusing a workflow step once', () => deps.store.claim(requestId));
  if (claimed.ok && !claimed.value) return;
  const origin = stepOrigin(step);
  const action = STEPS.find((s) => s.id === step.callbackId)?.action ?? 'other';
  await deps.audit.record(
    noActionRecord({ requestId, invokerId: requesterId ?? 'unknown', origin }, 'refused', action),
  );
  await originVoice(origin, slack, logger).notRun(REFUSED);
}
