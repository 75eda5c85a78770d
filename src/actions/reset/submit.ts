import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { runReset } from '../../domain/run-plan';
import type { ListenerDeps } from '../shared/deps';
import { runSubmission } from '../shared/run-submission';
import { reasonOf, requireReason, submittedPlan } from '../shared/submitted-plan';
import { cooldownErrors } from './cooldown';
import { RESET } from './ids';
import { RESET_PLAN } from './plan';
import { RESET_WORDS } from './words';

/** Submit on the reset confirmation: the only place admin.users.session.reset is called. */
export function resetConfirmSubmission(deps: ListenerDeps) {
  return async (args: AllMiddlewareArgs & SlackViewMiddlewareArgs) => {
    const plan = await submittedPlan(args, RESET_PLAN, deps);
    if (!plan) return;
    const reason = reasonOf(args.view);
    if (await requireReason(args, reason, deps)) return;
    const { scope, skipped, skippedUnlisted } = plan;
    await runSubmission(args, deps, {
      plan,
      action: RESET,
      words: RESET_WORDS,
      reason,
      scope,
      targets: plan.userIds.map((userId) => ({ userId })),
      precheck: () => cooldownErrors(args, plan, deps),
      run: async (observer) => ({
        scope,
        reason,
        results: await runReset(deps.adminApi, plan.userIds, scope, observer),
        skipped,
        skippedUnlisted,
        dryRun: deps.config.dryRun,
      }),
    });
  };
}
