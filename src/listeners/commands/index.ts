import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../actions/shared/deps';

export function register(app: App, deps: ListenerDeps): void {
  for (const action of deps.actions.all) app.command(action.command, action.onCommand(deps));
}
