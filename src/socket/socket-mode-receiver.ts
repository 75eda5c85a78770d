import type { Server } from 'node:http';
import {
  type App,
  type CustomRoute,
  defaultProcessEventErrorHandler,
  type Logger,
  type Receiver,
  type ReceiverEvent,
} from '@slack/bolt';
import { SocketModeClient, type SocketModeDispatcher } from '@slack/socket-mode';
import type { WebClientOptions } from '@slack/web-api';
import { callFailure } from '../adapters/call-outcome';
import { describeSlackError } from '../views/error-sentences';
import { ConnectionLogger } from './connection-logger';
import { closeServer, listenForRoutes } from './routes-server';

export interface SocketModeReceiverOptions {
  appToken: string;
  logger: Logger;
  /** Port of the HTTP server for `customRoutes` (the health check). */
  port: number;
  customRoutes: CustomRoute[];
  /** Web API options for apps.connections.open (base URL, timeout). Each attempt fails fast: this class retries. */
  clientOptions: WebClientOptions;
  /** How long the app may be without a connection before `receiving` turns false (a refresh must not flap it). */
  healthGraceMs?: number;
  /** How the WebSocket reaches Slack when not directly: through the egress proxy. */
  dispatcher?: SocketModeDispatcher;
}

interface Connection {
  client: SocketModeClient;
  /** Slack said hello on it. */
  open: boolean;
  /** Slack asked it to go (a `disconnect` message): a successor is opened before it closes. */
  retiring: boolean;
}

const MAX_BACKOFF_MS = 30_000;
/** apps.connections.open has its own timeout; this bounds the WebSocket handshake and Slack's hello after it. */
const HELLO_TIMEOUT_MS = 10_000;

/**
 * Socket Mode that heals itself. @slack/socket-mode 3.1 gives up for good when one apps.connections.open attempt
 * ends in an HTTP or network error during a reconnect (and waits 5 s before even trying after a planned refresh).
 * So each client here has its own reconnection turned off, and this class owns it: it opens the next connection
 * as soon as one is lost or Slack asks for a refresh (before the old one has closed, since Slack allows up to 10
 * per app), retries with capped backoff for as long as it takes, and tells the health check when nothing can
 * arrive.
 */
export class SelfHealingSocketModeReceiver implements Receiver {
  private app?: App;
  private readonly connections = new Set<Connection>();
  private reconnecting = false;
  private stopping = false;
  /** Ends the current wait between reconnection attempts (on stop). */
  private wake?: () => void;
  /** Since when no connection has been live (open and not asked to go), and why; undefined while one is. */
  private downSince?: number = Date.now();
  private downCause = 'start';
  private server?: Server;

  constructor(private readonly options: SocketModeReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  /** True while an event can reach the app, or for a short grace after the last connection went. */
  receiving(now = Date.now()): boolean {
    if (this.downSince === undefined) return true;
    return now - this.downSince < (this.options.healthGraceMs ?? 20_000) && this.server !== undefined;
  }

  async start(): Promise<Server> {
    this.stopping = false;
    this.server = await listenForRoutes(this.options.port, this.options.customRoutes, this.options.logger);
    try {
      await this.connect();
    } catch (error) {
      await closeServer(this.server);
      this.server = undefined;
      const { code } = socketFailure(error);
      throw new Error(
        `SLACK_APP_TOKEN could not open a Socket Mode connection (${code}): ${describeSlackError(code, 'app')}`,
      );
    }
    return this.server;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    // A peer that never answers the close frame must not hold up the shutdown.
    const closing = [...this.connections].map((c) => withTimeout(c.client.disconnect(), 2_000).catch(() => undefined));
    this.connections.clear();
    await Promise.all(closing);
    await closeServer(this.server);
    this.server = undefined;
  }

  /** Opens one connection and resolves once Slack said hello on it. */
  private async connect(): Promise<void> {
    const { appToken, logger, clientOptions, dispatcher } = this.options;
    const connection = { open: false, retiring: false } as Connection;
    connection.client = new SocketModeClient({
      appToken,
      logger: new ConnectionLogger(logger, () => connection.retiring),
      autoReconnectEnabled: false,
      ...(dispatcher ? { dispatcher } : {}),
      // A copy: the client writes into the options it is given.
      clientOptions: { ...clientOptions, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true },
    });
    const { client } = connection;
    client.on('slack_event', (args) => void this.dispatch(args));
    client.on('ws_message', (data: unknown, isBinary: boolean) => {
      if (!isBinary) this.onMessage(connection, data);
    });
    client.on('disconnected', () => this.onClosed(connection));
    this.connections.add(connection);
    try {
      await withTimeout(client.start(), (clientOptions.timeout ?? 10_000) + HELLO_TIMEOUT_MS);
    } catch (error) {
      this.connections.delete(connection);
      client.removeAllListeners();
      void client.disconnect().catch(() => undefined);
      throw error;
    }
    if (this.stopping) {
      void client.disconnect().catch(() => undefined);
      return;
    }
    connection.open = true;
    if (this.downSince !== undefined) {
      logger.info(`Socket Mode: connected, ${Date.now() - this.downSince} ms after ${this.downCause}`);
    }
    this.downSince = undefined;
  }

  /** Slack's `disconnect` message: the library closes that connection itself; open its successor now. */
  private onMessage(connection: Connection, data: unknown): void {
    let message: { type?: unknown; reason?: unknown };
    try {
      message = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data as ArrayBuffer));
    } catch {
      return;
    }
    if (message.type !== 'disconnect' || connection.retiring) return;
    connection.retiring = true;
    this.options.logger.info(
      `Socket Mode: Slack asked for a new connection (${String(message.reason ?? 'no reason')}); opening it before the old one closes`,
    );
    this.noteIfDown('Slack asked for a refresh (the old connection could still receive meanwhile)');
    void this.reconnect();
  }

  private onClosed(connection: Connection): void {
    if (!this.connections.delete(connection) || this.stopping || !connection.open) return;
    if (!connection.retiring) this.options.logger.info('Socket Mode: connection lost; reconnecting');
    this.noteIfDown('the connection was lost (nothing could arrive meanwhile)');
    void this.reconnect();
  }

  private noteIfDown(cause: string): void {
    const live = [...this.connections].some((c) => c.open && !c.retiring);
    if (live || this.downSince !== undefined) return;
    this.downSince = Date.now();
    this.downCause = cause;
  }

  /** Opens connections until one is live, however long Slack stays unreachable; one loop at a time. */
  private async reconnect(): Promise<void> {
    if (this.reconnecting) return;
    this.reconnecting = true;
    try {
      for (let attempt = 1; !this.stopping && this.downSince !== undefined; attempt += 1) {
        try {
          await this.connect();
        } catch (error) {
          if (this.stopping) break;
          const { code, retryAfter } = socketFailure(error);
          const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
          const waitMs = Math.max(backoff, (retryAfter ?? 0) * 1000);
          this.options.logger.warn(
            `Socket Mode: could not reconnect (${code}): ${describeSlackError(code, 'app')} Trying again in ${Math.round(waitMs / 1000)} s.`,
          );
          await this.sleep(waitMs);
        }
      }
    } finally {
      this.reconnecting = false;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  /** As Bolt's own Socket Mode receiver does: one ack per envelope, errors through Bolt's handler. */
  private async dispatch(args: {
    ack: (response?: unknown) => Promise<void>;
    body: Record<string, unknown>;
    retry_num?: number;
    retry_reason?: string;
  }): Promise<void> {
    let acked = false;
    const event: ReceiverEvent = {
      body: args.body,
      retryNum: args.retry_num,
      retryReason: args.retry_reason,
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        await args.ack(response);
      },
    };
    try {
      await this.app?.processEvent(event);
    } catch (error) {
      const shouldAck = await defaultProcessEventErrorHandler({
        error: error as Error,
        logger: this.options.logger,
        event,
      });
      if (shouldAck) await event.ack();
    }
  }
}

class TimedOut extends Error {}

/** The library rejects with nothing when the WebSocket closes before Slack's hello (refused, dropped). */
function socketFailure(error: unknown): { code: string; retryAfter?: number } {
  if (error instanceof TimedOut) return { code: 'timeout' };
  if (error === undefined) return { code: 'connection_closed' };
  return callFailure(error);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
