import { inspect } from 'node:util';
import type { Logger, LogLevel } from '@slack/bolt';
import { SLACK_HOOK_HOSTS } from '../domain/response-url';

// Anything shaped like a Slack token, the path of a response_url (it lets its holder post for 30 minutes), and the
// ticket of a Socket Mode URL (whoever holds it can open the app's connection).
// A workflow step's token (xwfp-) is one too: Socket Mode logs the function_executed event that carries it at debug.
const TOKEN_SHAPES = /\b(xox[a-z]|xapp|xwf[a-z])-[A-Za-z0-9-]+/g;
const RESPONSE_URL_PATH = new RegExp(
  `(${SLACK_HOOK_HOSTS.map((h) => h.replaceAll('.', '\\.')).join('|')})/[^\\s"'<>]+`,
  'g',
);
const SOCKET_TICKET = /([?&]ticket=)[^&\s"'<>]+/g;

/** Masks known secret values and anything token-shaped in one line of log text. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  return out
    .replace(TOKEN_SHAPES, '$1-[redacted]')
    .replace(RESPONSE_URL_PATH, '$1/[redacted]')
    .replace(SOCKET_TICKET, '$1[redacted]');
}

/**
 * Text from Slack or a request (an error code, a user id) may hold a newline: escaped, so no field can start a line
 * of its own, and nothing in the log stream can pass for one of the app's `session_audit` lines.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/g;
export const oneLine = (text: string): string =>
  text.replace(CONTROL, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

const RANK = { debug: 0, info: 1, warn: 2, error: 3 } as const;

const render = (arg: unknown): string => (typeof arg === 'string' ? arg : inspect(arg, { depth: 4, breakLength: 200 }));

/**
 * Wraps Bolt's logger so that no token or signing secret reaches the log, whoever logs it: our code,
 * Bolt, web-api, or an error object carrying a request's data.
 */
export class RedactingLogger implements Logger {
  constructor(
    private readonly inner: Logger,
    private readonly secrets: readonly string[],
  ) {}

  /** Rank of the level in force: lines below it are dropped before any formatting (web-api logs a lot at debug). */
  private threshold: number = RANK.debug;

  private line(args: unknown[]): string {
    return oneLine(redact(args.map(render).join(' '), this.secrets));
  }

  debug(...args: unknown[]): void {
    if (this.threshold <= RANK.debug) this.inner.debug(this.line(args));
  }
  info(...args: unknown[]): void {
    if (this.threshold <= RANK.info) this.inner.info(this.line(args));
  }
  warn(...args: unknown[]): void {
    if (this.threshold <= RANK.warn) this.inner.warn(this.line(args));
  }
  error(...args: unknown[]): void {
    this.inner.error(this.line(args));
  }
  setLevel(level: LogLevel): void {
    this.threshold = RANK[level as keyof typeof RANK] ?? RANK.debug;
    this.inner.setLevel(level);
  }
  getLevel(): LogLevel {
    return this.inner.getLevel();
  }
  setName(name: string): void {
    this.inner.setName(name);
  }
}
