import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../actions/shared/deps';
import { register as registerActions } from './actions';
import { register as registerCommands } from './commands';
import { register as registerEvents } from './events';
import { register as registerFunctions } from './functions';
import { register as registerViews } from './views';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommands(app, deps);
  registerViews(app, deps);
  registerActions(app, deps);
  registerEvents(app, deps);
  registerFunctions(app, deps);
}
