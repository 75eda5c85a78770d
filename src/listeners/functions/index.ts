import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../actions/shared/deps';
import { stepExecuted } from '../../actions/workflow-step/executed';
import { STEPS } from '../../actions/workflow-step/steps';

/**
 * Workflow Builder steps (Slack's custom steps, `function_executed`). Acknowledged by the listener itself, at once:
 * Bolt's automatic acknowledgement would come only after the middleware, and the work goes on after it.
 */
export function register(app: App, deps: ListenerDeps): void {
  for (const step of STEPS) app.function(step.id, { autoAcknowledge: false }, stepExecuted(step, deps));
}
