import type { Logger } from '@slack/bolt';
import type { AnyPlan } from '../../domain/plan';
import type { SlackSurface } from '../../ports/slack-surface';
import type { ActionWords } from '../../views/action-words';
import { progressView, resultText, resultView } from '../../views/result-view';
import type { Venue } from './run-order';

/**
 * Where a Submit speaks: progress and the truth in the admin's modal, and the truth and what follows it as an
 * ephemeral message through the command's response_url, which stays after the modal is closed. Each goes out on its
 * own: one failing never stops the other.
 */
export function modalVenue(args: {
  slack: SlackSurface;
  logger: Logger;
  viewId: string;
  plan: AnyPlan;
  words: ActionWords;
  total: number;
}): Venue {
  const { slack, logger, viewId, plan, words, total } = args;
  const tell = async (text: string) => (plan.responseUrl ? slack.postEphemeral(plan.responseUrl, text) : false);
  return {
    progress: (finished, waiting) =>
      slack.updateModal(viewId, progressView(words, total, finished, waiting), { mayDrop: true }),
    async report(report) {
      const [shown, posted] = await Promise.all([
        slack.updateModal(viewId, resultView(report, words)),
        tell(resultText(report, words)),
      ]);
      if (!shown && !posted)
        logger.error(`the result of ${report.action} ${plan.requestId} reached the admin neither way`);
    },
    async note(text) {
      await tell(text);
    },
  };
}
