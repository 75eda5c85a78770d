import { createServer, type Server } from 'node:http';
import { buildReceiverRoutes, type CustomRoute, type Logger } from '@slack/bolt';

/**
 * The small HTTP server Socket Mode still needs for its custom routes (the health check). Listening fails with the
 * listen error itself (EADDRINUSE and the port), so start-up can say so in a sentence instead of an unhandled event.
 */
export function listenForRoutes(port: number, customRoutes: CustomRoute[], logger: Logger): Promise<Server> {
  const routes = buildReceiverRoutes(customRoutes);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const handler = routes[path]?.[req.method?.toUpperCase() ?? ''];
    if (handler) return void handler(Object.assign(req, { params: {} }), res);
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
