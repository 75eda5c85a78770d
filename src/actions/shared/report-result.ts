import type { Logger } from '@slack/bolt';
import { executedRecord } from '../../domain/audit-record';
import type { AnyPlan } from '../../domain/plan';
import type { Report } from '../../domain/report';
import type { SlackSurface } from '../../ports/slack-surface';
import type { ActionWords } from '../../views/action-words';
import { resultText, resultView } from '../../views/result-view';
import type { ListenerDeps } from './deps';

/**
 * After the admin calls: the truth to the admin in the modal and as an ephemeral message (which stays after the
 * modal is closed), and the record to the audit trail. Each goes out on its own: one failing never stops or changes
 * the others.
 */
export async function reportResult(
  args: {
    slack: SlackSurface;
    logger: Logger;
    viewId: string;
    plan: AnyPlan;
    words: ActionWords;
    breakGlass?: boolean;
  },
  report: Report,
  deps: ListenerDeps,
): Promise<void> {
  const { slack, logger, viewId, plan, words, breakGlass } = args;
  const [shown, posted] = await Promise.all([
    slack.updateModal(viewId, resultView(report, words)),
    plan.responseUrl ? slack.postEphemeral(plan.responseUrl, resultText(report, words)) : false,
    deps.audit.record(executedRecord({ ...plan, breakGlass }, report, report.dryRun === true)),
  ]);
  if (!shown && !posted) logger.error(`the result of ${report.action} ${plan.requestId} reached the admin neither way`);
}
