import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { USER_ID } from '../../domain/ids';
import { isResetScope } from '../../domain/types';
import { loadingView } from '../../views/blocks';
import type { ListenerDeps } from '../shared/deps';
import { stateValue, submittedPlan } from '../shared/submitted-plan';
import { showResetConfirmation } from './confirmation';
import { RESET_INPUT } from './ids';
import { PICK_PLAN } from './plan';

/** The picker's "Next": look the chosen people up and show the same confirmation the command shows. */
export function resetPickSubmission(deps: ListenerDeps) {
  return async (args: AllMiddlewareArgs & SlackViewMiddlewareArgs) => {
    const { ack, view, client, logger } = args;
    const pick = await submittedPlan(args, PICK_PLAN, deps);
    if (!pick) return;

    // A person picked twice counts once, as on the command line.
    const users = [...new Set(stateValue(view, RESET_INPUT.users)?.selected_users ?? [])];
    const scope = stateValue(view, RESET_INPUT.scope)?.selected_option?.value ?? 'all';
    const max = deps.config.maxTargets;
    if (users.length === 0 || users.length > max || !users.every((id) => USER_ID.test(id))) {
      await ack({
        response_action: 'errors',
        errors: { [RESET_INPUT.users.block]: `Choose from 1 to ${max} people.` },
      });
      return;
    }
    if (!isResetScope(scope)) {
      await ack({ response_action: 'errors', errors: { [RESET_INPUT.scope.block]: 'Choose which sessions to end.' } });
      return;
    }
    await ack({ response_action: 'update', view: loadingView('Reset sessions', 'Looking people up…') });

    const refs = users.map((id) => ({ kind: 'user' as const, id }));
    const { kind: _, ...base } = pick;
    const slack = deps.slack(client, logger);
    await showResetConfirmation({ slack, logger, viewId: view.id, refs, scope }, base, deps);
  };
}
