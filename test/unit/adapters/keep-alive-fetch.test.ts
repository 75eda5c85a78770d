import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { keepAliveFetch } from '../../../src/adapters/keep-alive-fetch';

describe('keepAliveFetch', () => {
  let server: Server;
  let base = '';
  const connections: unknown[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += String(c);
      });
      req.on('end', () => {
        if (req.url === '/slow') return; // never answers
        if (req.url === '/limited') {
          res.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' }).end('{"ok":false}');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json', 'x-seen': String(req.headers['x-test']) });
        res.end(JSON.stringify({ ok: true, method: req.method, body }));
      });
    });
    server.on('connection', (socket) => connections.push(socket));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('answers like fetch, and reuses one connection for calls a while apart', async () => {
    const f = keepAliveFetch();
    const first = await f(`${base}/api/views.open`, { method: 'POST', headers: { 'x-test': 'a' }, body: 'x=1' });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-seen')).toBe('a');
    expect(await first.json()).toEqual({ ok: true, method: 'POST', body: 'x=1' });
    await new Promise((r) => setTimeout(r, 200));
    const second = await f(`${base}/api/views.update`, { method: 'POST', body: new TextEncoder().encode('y=2') });
    expect(await second.json()).toMatchObject({ body: 'y=2' });
    expect(connections).toHaveLength(1);
  });

  it('passes a 429 and its Retry-After through, and rejects with an AbortError on its signal', async () => {
    const f = keepAliveFetch();
    const limited = await f(`${base}/limited`, { method: 'POST', body: '' });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    await expect(
      f(`${base}/slow`, { method: 'POST', body: '', signal: AbortSignal.timeout(50) }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('rejects a connection that cannot be made', async () => {
    await expect(keepAliveFetch()('http://127.0.0.1:1/api/x', { method: 'POST', body: '' })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});
