import type { Logger } from '@slack/bolt';
import { originVoice } from '../actions/origin';
import type { ListenerDeps } from '../actions/shared/deps';
import { personOf } from '../domain/origin';
import { type RunLimits, worstCaseMs } from '../domain/run-plan';
import { postOrThrow, type SlackSurface } from '../ports/slack-surface';
import { reportAbandonedPlans } from './abandoned-plans';
import { expireApprovals } from './expired-approvals';

/** How often plans cut off by a dead process, and approval requests past expiry, are looked for. */
const SWEEP_MS = 10_000;
/** How long past its worst case a plan still marked started is given before it is reported cut off. */
const ABANDON_MARGIN_MS = 5_000;

/**
 * The app's background jobs, every replica alike (each finding is claimed once in the store): plans cut off by a
 * dead process are reported, and expired approval requests are closed. `once` runs both now; `start` every SWEEP_MS.
 */
export function sweeps(deps: ListenerDeps, slack: SlackSurface, limits: RunLimits, logger: Logger) {
  const abandoned = () =>
    reportAbandonedPlans({
      store: deps.store,
      audit: deps.audit,
      inflight: deps.inflight,
      logger,
      worstCaseMs: (calls) => worstCaseMs(calls, limits) + ABANDON_MARGIN_MS,
      tell: async (started, text) => {
        await originVoice(started.origin, slack, logger).notRun(
          `The app stopped while this ran, so whether it took effect is unknown (request ${started.requestId}; its audit records say who was attempted).`,
        );
        const person = personOf(started.invokerId);
        if (!person) return;
        await postOrThrow(slack, { channel: person, text });
      },
    }).catch((error: unknown) => logger.error(`could not look for abandoned plans: ${String(error)}`));
  const approvals = () =>
    expireApprovals(deps, slack, logger).catch((error: unknown) =>
      logger.error(`could not look for expired approval requests: ${String(error)}`),
    );
  const once = async () => {
    await Promise.all([abandoned(), approvals()]);
  };
  let timer: NodeJS.Timeout | undefined;
  return {
    once,
    start() {
      timer = setInterval(() => void once(), SWEEP_MS);
      timer.unref();
    },
    stop: () => clearInterval(timer),
  };
}
