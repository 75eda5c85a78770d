import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';

/**
 * A corporate egress proxy, as small as it can be: it forwards plain HTTP requests sent in absolute form
 * (`POST http://host/path`) and opens CONNECT tunnels (what HTTPS and WebSocket clients ask for), and keeps a line per
 * request so a test can say which calls went through it. It forwards only to 127.0.0.1.
 */
export class HttpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  /** `GET http://127.0.0.1:1234/api/auth.test` for a forwarded request, `CONNECT 127.0.0.1:1234` for a tunnel. */
  readonly seen: string[] = [];
  url = '';

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      this.seen.push(`${req.method} ${req.url}`);
      const target = new URL(req.url ?? '');
      if (target.hostname !== '127.0.0.1') {
        res.writeHead(403).end();
        return;
      }
      const upstream = request(
        {
          host: '127.0.0.1',
          port: target.port,
          path: target.pathname + target.search,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
    });
    server.on('connect', (req, client: Socket, head) => {
      this.seen.push(`CONNECT ${req.url}`);
      this.track(client);
      const [host, port] = (req.url ?? '').split(':');
      if (host !== '127.0.0.1') {
        client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      const upstream = connect(Number(port), '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      this.track(upstream);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    server.on('connection', (socket) => this.track(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
