import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FakeSlack, RecordedCall, Reply } from './fake-slack';

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const TEXT = 0x1;
const CLOSE = 0x8;
const PING = 0x9;
const PONG = 0xa;

/** Slack's side of one WebSocket: what the app sent on it, and how it behaves when closed. */
export class FakeConnection {
  readonly received: Record<string, unknown>[] = [];
  open = true;
  /** When Slack asked it to go: the app should open its successor before this one closes. */
  refreshedAt?: number;
  closedAt?: number;
  /** Like a real Slack pod at times: after a close frame, keep the TCP connection and answer nothing (not even pings). */
  lingerOnClose = false;
  private silent = false;
  private buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];

  constructor(
    readonly id: number,
    private readonly socket: Socket,
    readonly openedAt: number,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => this.markClosed());
    socket.on('error', () => this.markClosed());
  }

  send(message: Record<string, unknown>): void {
    this.write(TEXT, Buffer.from(JSON.stringify(message)));
  }

  /** `{type: 'disconnect'}`: Slack asks the app to reconnect, as it does every few hours. */
  refresh(reason = 'refresh_requested'): void {
    this.refreshedAt = Date.now();
    this.send({ type: 'disconnect', reason, debug_info: { host: 'fake-slack' } });
  }

  /** The TCP connection vanishes: no close frame, no FIN the app could wait for. */
  drop(): void {
    this.socket.destroy();
    this.markClosed();
  }

  private markClosed(): void {
    if (!this.open) return;
    this.open = false;
    this.closedAt = Date.now();
  }

  private write(opcode: number, payload: Buffer): void {
    if (this.socket.destroyed) return;
    const length = payload.length;
    const header =
      length < 126
        ? Buffer.from([0x80 | opcode, length])
        : length < 65536
          ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
          : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(length)]);
    this.socket.write(Buffer.concat([header, payload]));
  }

  /** Client frames are masked; a frame may arrive over several chunks, or several in one. */
  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length < 2) return;
      const first = this.buffer[0] ?? 0;
      const second = this.buffer[1] ?? 0;
      let length = second & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const masked = (second & 0x80) !== 0;
      const end = offset + (masked ? 4 : 0) + length;
      if (this.buffer.length < end) return;
      const mask = this.buffer.subarray(offset, offset + (masked ? 4 : 0));
      const payload = Buffer.from(this.buffer.subarray(end - length, end));
      if (masked) for (let i = 0; i < payload.length; i += 1) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
      this.buffer = this.buffer.subarray(end);
      this.onFrame((first & 0x80) !== 0, first & 0x0f, payload);
    }
  }

  private onFrame(fin: boolean, opcode: number, payload: Buffer): void {
    if (opcode === PING) {
      if (!this.silent) this.write(PONG, payload);
      return;
    }
    if (opcode === CLOSE) {
      this.silent = this.lingerOnClose;
      if (this.silent) return;
      this.write(CLOSE, payload.subarray(0, 2));
      this.socket.end();
      this.markClosed();
      return;
    }
    if (opcode !== TEXT && opcode !== 0) return;
    this.fragments.push(payload);
    if (!fin) return;
    const text = Buffer.concat(this.fragments).toString('utf8');
    this.fragments = [];
    this.received.push(JSON.parse(text) as Record<string, unknown>);
  }
}

function bigLength(length: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(length));
  return b;
}

/**
 * Slack's Socket Mode on loopback: it answers apps.connections.open on the fake Web API with a ws:// URL of its
 * own, accepts the WebSocket upgrade for that ticket, says hello, sends envelopes and collects the app's acks.
 * `onOpen` replaces apps.connections.open's answer (errors, 5xx, delays, drops) while it returns a reply.
 */
export class FakeSocketMode {
  readonly connections: FakeConnection[] = [];
  onOpen?: (call: RecordedCall) => Reply | undefined;
  private readonly tickets = new Set<string>();
  private server?: Server;
  private origin = '';

  /** Answers apps.connections.open on `slack` from now on; a test's own override of that method wins. */
  constructor(slack: FakeSlack) {
    slack.on('apps.connections.open', (call) => {
      const override = this.onOpen?.(call);
      if (override) return override;
      if (!call.token?.startsWith('xapp-')) return { body: { ok: false, error: 'not_allowed_token_type' } };
      const ticket = randomUUID();
      this.tickets.add(ticket);
      return { body: { ok: true, url: `${this.origin}/link/?ticket=${ticket}&app_id=A0APP00001` } };
    });
  }

  async start(): Promise<void> {
    const server = createServer((_req, res) => res.writeHead(426).end());
    this.server = server;
    server.on('upgrade', (req: IncomingMessage, socket: Socket) => this.upgrade(req, socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.origin = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const c of this.connections) c.drop();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Connections the app holds open now, oldest first. */
  live(): FakeConnection[] {
    return this.connections.filter((c) => c.open);
  }

  /** Resolves once `count` connections have ever been opened. */
  async waitForConnections(count: number, timeoutMs = 10_000): Promise<FakeConnection> {
    await waitUntil(() => this.connections.length >= count, timeoutMs, `${count} connection(s)`);
    return this.connections[count - 1] as FakeConnection;
  }

  /**
   * Sends an envelope on the newest live connection (as Slack spreads them, any one would do) and resolves with
   * the app's ack payload. Slack gives the app 3 s to ack; so does this.
   */
  async deliver(type: 'slash_commands' | 'interactive' | 'events_api', payload: unknown): Promise<unknown> {
    const connection = this.live().at(-1);
    if (!connection) throw new Error('no live Socket Mode connection to deliver on');
    const envelopeId = randomUUID();
    connection.send({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api' });
    const ack = () => connection.received.find((m) => m.envelope_id === envelopeId);
    await waitUntil(() => ack() !== undefined, 3000, `the ack of ${type} envelope ${envelopeId}`);
    return ack()?.payload;
  }

  private upgrade(req: IncomingMessage, socket: Socket): void {
    const ticket = new URL(req.url ?? '/', 'ws://x').searchParams.get('ticket') ?? '';
    const key = req.headers['sec-websocket-key'];
    // A ticket is good for one connection, as Slack's are.
    if (!this.tickets.delete(ticket) || typeof key !== 'string') {
      socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\n\r\n');
      return;
    }
    const accept = createHash('sha1').update(`${key}${WS_GUID}`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-accept: ${accept}\r\n\r\n`,
    );
    const connection = new FakeConnection(this.connections.length + 1, socket, Date.now());
    this.connections.push(connection);
    connection.send({
      type: 'hello',
      num_connections: this.live().length,
      debug_info: { host: 'fake-slack', approximate_connection_time: 18060 },
      connection_info: { app_id: 'A0APP00001' },
    });
  }
}

export async function waitUntil(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
