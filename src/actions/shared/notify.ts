import type { Logger } from '@slack/bolt';
import type { Order } from '../../domain/approval';
import { type Approval, notifiedRecord } from '../../domain/audit-record';
import type { NotifyResult } from '../../domain/notify';
import { type Origin, personOf } from '../../domain/origin';
import { peopleDone, type Report } from '../../domain/report';
import type { SlackSurface } from '../../ports/slack-surface';
import { notifyMessage, notifySummary } from '../../views/notify-text';
import type { ListenerDeps } from './deps';

/** DMs sent at once: chat.postMessage is limited per channel, and each person is a channel of their own. */
const AT_ONCE = 4;

/**
 * "Tell them by DM": after the report, each person actually signed out (done, never failed or unknown) gets one
 * DM from the bot. Bots and deactivated people never get here: the guardrails kept them out of the plan. In a dry
 * run nobody is told. Every attempt is recorded; the note for the admin (who was told) is returned.
 */
export async function notifyPeople(
  args: { order: Order; report: Report; slack: SlackSurface; logger: Logger; who: Approval & { origin?: Origin } },
  deps: ListenerDeps,
): Promise<string | undefined> {
  const { order, report, slack, logger, who } = args;
  if (!order.notify) return undefined;
  const people = peopleDone(report);
  if (people.length === 0) return undefined;
  const { plan } = order;
  const by = { requestId: plan.requestId, invokerId: plan.invokerId, reason: order.reason, ...who };
  if (report.dryRun) {
    const would = people.map((userId) => ({ userId, sent: false }));
    await deps.audit.record(notifiedRecord(by, order.action, would, true));
    return undefined;
  }
  const { template, nameAdmin } = deps.config.notify;
  // An API client is no one to name: the DM then says "your security team".
  const text = notifyMessage(template, new Date(), nameAdmin ? personOf(plan.invokerId) : undefined);
  const results: NotifyResult[] = [];
  for (let i = 0; i < people.length; i += AT_ONCE) {
    const batch = people.slice(i, i + AT_ONCE);
    results.push(
      ...(await Promise.all(
        batch.map(async (userId): Promise<NotifyResult> => {
          const sent = await slack.postMessage({ channel: userId, text });
          return sent.ok ? { userId, sent: true } : { userId, sent: false, code: sent.code };
        }),
      )),
    );
  }
  const failed = results.filter((r) => !r.sent).length;
  if (failed > 0) logger.warn(`request ${plan.requestId}: ${failed} of ${results.length} people were not told by DM`);
  await deps.audit.record(notifiedRecord(by, order.action, results, false));
  return notifySummary(results);
}
