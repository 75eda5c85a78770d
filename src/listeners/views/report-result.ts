import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { auditRecord } from '../../audit/audit-record';
import { postEphemeral } from '../../slack/response-url';
import { type Report, resultText, resultView } from '../../views/result-view';
import type { ListenerDeps } from '../deps';
import { updateModal } from '../modal';

/**
 * After the admin calls: the record first, then the truth to the admin in the modal and as an ephemeral message
 * (which stays after the modal is closed). A failure to deliver one is logged and does not stop the others.
 */
export async function reportResult(
  args: { client: WebClient; logger: Logger; viewId: string; invokerId: string; responseUrl?: string },
  report: Report,
  deps: ListenerDeps,
): Promise<void> {
  const { client, logger, viewId, invokerId, responseUrl } = args;
  try {
    deps.audit(auditRecord(invokerId, report));
  } catch (error) {
    logger.error(`AUDIT RECORD NOT WRITTEN for ${report.kind} by ${invokerId}: ${String(error)}`);
  }
  const [shown, posted] = await Promise.all([
    updateModal(client, viewId, resultView(report), logger),
    responseUrl ? postEphemeral(responseUrl, resultText(report), deps.config.apiTimeoutMs) : Promise.resolve(false),
  ]);
  if (!shown && !posted) logger.error(`the result of ${report.kind} by ${invokerId} reached the admin neither way`);
}
