import { createServer, type Server } from 'node:http';
import { buildReceiverRoutes, type CustomRoute, type Logger } from '@slack/bolt';

/**
 * A route's pattern against a path, as HTTP mode's receiver matches them: `/api/v1/sign-outs/:requestId` takes one
 * segment as `requestId`. The parameters, or undefined when it does not match.
 */
export function matchRoute(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const segment = got[i] ?? '';
    if (!part.startsWith(':')) {
      if (part !== segment) return undefined;
      continue;
    }
    if (segment === '') return undefined;
    try {
      params[part.slice(1)] = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
  }
  return params;
}

/**
 * The small HTTP server Socket Mode still needs for its custom routes (the probes, /metrics, and the signed API when
 * it is on). Listening fails with the listen error itself (EADDRINUSE and the port), so start-up can say so in a
 * sentence instead of an unhandled event.
 */
export function listenForRoutes(port: number, customRoutes: CustomRoute[], logger: Logger): Promise<Server> {
  const routes = buildReceiverRoutes(customRoutes);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const method = req.method?.toUpperCase() ?? '';
    for (const [pattern, handlers] of Object.entries(routes)) {
      const params = handlers[method] ? matchRoute(pattern, path) : undefined;
      if (params) return void handlers[method]?.(Object.assign(req, { params }), res);
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      server.on('error', (error) => logger.error(`health server: ${error.message}`));
      resolve(server);
    });
  });
}

export async function closeServer(server: Server | undefined): Promise<void> {
  if (!server?.listening) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
