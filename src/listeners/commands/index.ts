import type { App } from '@slack/bolt';
import { ACTIONS } from '../../actions/registry';
import type { ListenerDeps } from '../../actions/shared/deps';

export function register(app: App, deps: ListenerDeps): void {
  for (const action of ACTIONS) app.command(action.command, action.onCommand(deps));
}
