import type { App } from '@slack/bolt';
import { invalidateSessionCommand } from '../../actions/invalidate/command';
import { resetSessionsCommand } from '../../actions/reset/command';
import type { ListenerDeps } from '../../actions/shared/deps';

export const COMMANDS = { reset: '/reset-sessions', invalidate: '/invalidate-session' } as const;

export function register(app: App, deps: ListenerDeps): void {
  app.command(COMMANDS.reset, resetSessionsCommand(deps));
  app.command(COMMANDS.invalidate, invalidateSessionCommand(deps));
}
