import { AsyncLocalStorage } from 'node:async_hooks';
import type { Writable } from 'node:stream';
import { type Logger, LogLevel } from '@slack/bolt';
import pino from 'pino';

export type LogFormat = 'json' | 'text';

/** What a log line names when it is about one request: set once per Slack request, filled in as the request goes. */
export interface LogContext {
  /** The command, view or action Slack sent (`/reset-sessions`, `reset_confirm`, `approval_approve`). */
  action?: string;
  /** The plan's request ID, the one the audit records carry, once there is one. */
  requestId?: string;
}

const context = new AsyncLocalStorage<LogContext>();

/** Runs `work` with its own log context: every line it logs, however deep, names what it is about. */
export const withLogContext = <T>(fields: LogContext, work: () => T): T => context.run({ ...fields }, work);

/** Adds to the context in force (a no-op outside one): a plan's request ID, once it is known. */
export function noteLogContext(fields: LogContext): void {
  const current = context.getStore();
  if (current) Object.assign(current, fields);
}

const fieldsNow = (): LogContext => {
  const current = context.getStore();
  if (!current) return {};
  return {
    ...(current.requestId ? { requestId: current.requestId } : {}),
    ...(current.action ? { action: current.action } : {}),
  };
};

/**
 * The logger under the redacting one: JSON lines through pino (`time`, `level`, `msg`, and `requestId` and `action`
 * where there is one) for a log pipeline, or plain lines for a terminal. Every line reaching it is already redacted
 * and on one line (see RedactingLogger). Writes are synchronous, so a line is out before the process exits and never
 * interleaves with an audit record's line on the same stdout.
 */
export function baseLogger(format: LogFormat, out: Writable | number = 1): Logger {
  const destination = typeof out === 'number' ? pino.destination({ dest: out, sync: true }) : out;
  if (format === 'text') return new TextLogger((line) => destination.write(line));
  const logger = pino(
    {
      base: undefined,
      level: 'debug',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: fieldsNow,
    },
    destination,
  );
  return new PinoLogger(logger);
}

class PinoLogger implements Logger {
  private level: LogLevel = LogLevel.INFO;
  constructor(private readonly pino: pino.Logger) {}
  debug(...msg: unknown[]) {
    this.pino.debug(msg.join(' '));
  }
  info(...msg: unknown[]) {
    this.pino.info(msg.join(' '));
  }
  warn(...msg: unknown[]) {
    this.pino.warn(msg.join(' '));
  }
  error(...msg: unknown[]) {
    this.pino.error(msg.join(' '));
  }
  // The threshold lives in RedactingLogger, which drops lines before formatting them; pino takes what reaches it.
  setLevel(level: LogLevel) {
    this.level = level;
  }
  getLevel() {
    return this.level;
  }
  // web-api renames the logger it is given at each client it builds: on a shared logger the last name would label
  // every line, so no name is kept at all.
  setName() {}
}

class TextLogger implements Logger {
  private level: LogLevel = LogLevel.INFO;
  constructor(private readonly write: (line: string) => void) {}
  private line(level: string, msg: unknown[]) {
    const { requestId, action } = fieldsNow();
    const about = [action, requestId].filter(Boolean).join(' ');
    this.write(`${new Date().toISOString()} ${level.padEnd(5)} ${about ? `[${about}] ` : ''}${msg.join(' ')}\n`);
  }
  debug(...msg: unknown[]) {
    this.line('DEBUG', msg);
  }
  info(...msg: unknown[]) {
    this.line('INFO', msg);
  }
  warn(...msg: unknown[]) {
    this.line('WARN', msg);
  }
  error(...msg: unknown[]) {
    this.line('ERROR', msg);
  }
  setLevel(level: LogLevel) {
    this.level = level;
  }
  getLevel() {
    return this.level;
  }
  setName() {}
}
