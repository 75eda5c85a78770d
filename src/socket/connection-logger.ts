import type { Logger, LogLevel } from '@slack/bolt';

/**
 * The log of one Socket Mode connection. Once Slack has asked it to go, its successor is already open, so the
 * library's warnings about it (a pong that never came while it closes) are no news: they drop to debug.
 */
export class ConnectionLogger implements Logger {
  constructor(
    private readonly inner: Logger,
    private readonly retiring: () => boolean,
  ) {}

  debug(...args: unknown[]): void {
    this.inner.debug(...args);
  }
  info(...args: unknown[]): void {
    this.inner.info(...args);
  }
  warn(...args: unknown[]): void {
    if (this.retiring()) this.inner.debug('(replaced connection)', ...args);
    else this.inner.warn(...args);
  }
  error(...args: unknown[]): void {
    this.inner.error(...args);
  }
  setLevel(level: LogLevel): void {
    this.inner.setLevel(level);
  }
  getLevel(): LogLevel {
    return this.inner.getLevel();
  }
  setName(name: string): void {
    this.inner.setName(name);
  }
}
