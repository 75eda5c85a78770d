import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { invalidateSessionCommand } from './invalidate-session';
import { resetSessionsCommand } from './reset-sessions';

export const COMMANDS = { reset: '/reset-sessions', invalidate: '/invalidate-session' } as const;

export function register(app: App, deps: ListenerDeps): void {
  app.command(COMMANDS.reset, resetSessionsCommand(deps));
  app.command(COMMANDS.invalidate, invalidateSessionCommand(deps));
}
