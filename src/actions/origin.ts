import type { Logger } from '@slack/bolt';
import { executedRecord } from '../domain/audit-record';
import type { Origin } from '../domain/origin';
import type { Report } from '../domain/report';
import type { SlackSurface } from '../ports/slack-surface';
import type { ActionWords } from '../views/action-words';
import { resultText } from '../views/result-view';

/**
 * How an order's origin hears its fate, beyond the approval channel and the requester's DMs: a Workflow Builder
 * step is completed with the result as its outputs, or failed with why it never ran. An API client reads the status
 * itself, and a modal heard it already: for them, nothing more.
 */
export interface OriginVoice {
  ran(report: Report, requestId: string, words: ActionWords): Promise<void>;
  /** It will never run (denied, expired, cut off, not kept): a sentence for the workflow's activity. */
  notRun(why: string): Promise<void>;
}

export function originVoice(origin: Origin | undefined, slack: SlackSurface, logger: Logger): OriginVoice {
  if (origin?.kind !== 'workflow') return { ran: async () => undefined, notRun: async () => undefined };
  const { functionExecutionId: id } = origin;
  const heard = (what: string) => (sent: { ok: true } | { ok: false; code: string }) => {
    // Slack keeps a step running until it hears; an answer it refused leaves the step to Slack's own timeout.
    if (!sent.ok) logger.error(`workflow step ${id} was not ${what}: Slack said ${sent.code}`);
  };
  return {
    ran: (report, requestId, words) =>
      slack.completeStep(id, stepOutputs(report, requestId, words)).then(heard('completed')),
    notRun: (why) => slack.failStep(id, why).then(heard('failed')),
  };
}

/**
 * The step's outputs, as manifest.yml declares them: the outcome as the audit record says it (executed, partial,
 * failed, unknown, queued, dry_run), how many people were done (queued by Slack in a bulk reset, or would have been
 * in a dry run), not done (refused, or never attempted) and unknown, the request ID, and the result in words.
 */
export function stepOutputs(report: Report, requestId: string, words: ActionWords): Record<string, string | number> {
  const record = executedRecord({ requestId, invokerId: '' }, report, report.dryRun === true);
  const count = (...results: string[]) => record.targets.filter((t) => results.includes(t.result)).length;
  return {
    outcome: record.outcome,
    done: count('done', 'queued', 'dry_run'),
    not_done: count('failed', 'not_attempted'),
    unknown: count('unknown'),
    request_id: requestId,
    result: resultText(report, words),
  };
}
