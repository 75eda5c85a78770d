import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { verifiedRecord } from '../../domain/audit-record';
import { decodeKept } from '../../domain/plan';
import { checkPeople, personCheckTarget } from '../../domain/verify';
import { bulkCheckText } from '../../views/verify-text';
import type { ListenerDeps } from '../shared/deps';
import { fromStore } from '../shared/store-read';
import { BULK_PLAN } from './plan';

/**
 * "Verify now" on a bulk reset's result: once Slack's job has had time to run, each person of the kept plan is
 * listed in every workspace (paced by the list method's Tier 2 limit, so hundreds take minutes), and the findings
 * come by DM to whoever clicked, and go to the record. One check of a plan at a time.
 */
export function verifyLaterClicked(deps: ListenerDeps) {
  return async ({
    ack,
    body,
    action,
    client,
    logger,
  }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const id = typeof action.value === 'string' ? action.value : '';
    const slack = deps.slack(client, logger);
    const tell = (text: string) => slack.postMessage({ channel: body.user.id, text });
    const kept = await fromStore(logger, 'Verify now', () => deps.store.keptPlan(id));
    const plan = kept.ok && kept.value ? decodeKept(kept.value.plan, deps.planRules, BULK_PLAN) : undefined;
    if (!plan || plan.requestId !== id) {
      await tell(':warning: That bulk reset’s plan could not be read back, so nothing was checked.');
      return;
    }
    // Only a reset that ran has anything to check; a check of one still waiting for its Submit or an approval would
    // also read, to that plan's own Submit, as if it had run.
    const ran = await fromStore(logger, 'Verify now', () => deps.store.wasExecuted(id));
    if (!ran.ok || !ran.value) {
      await tell(':information_source: That bulk reset has not run, so there is nothing to check yet.');
      return;
    }
    const release = deps.inflight.claim(`verify:${id}`);
    if (!release) {
      await tell(':hourglass_flowing_sand: That bulk reset is being checked already; its findings will come here.');
      return;
    }
    try {
      await tell(
        `:mag: Checking the ${plan.userIds.length} people of that bulk reset now; the findings will come here.`,
      );
      const checks = await checkPeople(deps.adminApi, slack.directory, plan.userIds);
      // Recorded under whoever asked for the check: it is their action, of a plan another admin may have confirmed.
      const who = { requestId: plan.requestId, invokerId: body.user.id };
      await deps.audit.record(
        verifiedRecord(
          who,
          'reset',
          checks.map((c) => personCheckTarget(c, plan.scope)),
        ),
      );
      await tell(bulkCheckText(checks, plan.scope));
    } finally {
      release();
    }
  };
}
