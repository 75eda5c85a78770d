import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP hop between the app and its database, to take the database away mid-test the two ways networks do:
 * `refuse` (nothing listens: connection refused at once) and `blackhole` (connections open, nothing ever answers).
 * `restore` drops every connection held so far and forwards again.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private mode: 'forward' | 'blackhole' = 'forward';
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = 0): Promise<number> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this.port;
  }

  private accept(client: Socket): void {
    this.track(client);
    if (this.mode === 'blackhole') return;
    const upstream = this.track(connect(this.targetPort, this.targetHost));
    // Bytes flow only while forwarding: a blackhole holds them, as a cut cable would.
    client.on('data', (d) => this.mode === 'forward' && upstream.write(d));
    upstream.on('data', (d) => this.mode === 'forward' && client.write(d));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
    return socket;
  }

  private dropAll(): void {
    for (const s of this.sockets) s.destroy();
  }

  async cut(how: 'refuse' | 'blackhole'): Promise<void> {
    if (how === 'blackhole') {
      this.mode = 'blackhole';
      return;
    }
    this.dropAll();
    await this.stop();
  }

  async restore(): Promise<void> {
    this.dropAll();
    this.mode = 'forward';
    if (!this.server) await this.start(this.port);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.dropAll();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
