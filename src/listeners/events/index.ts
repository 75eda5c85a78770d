import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../actions/shared/deps';
import { appHomeOpened } from './app-home-opened';

export function register(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
}
