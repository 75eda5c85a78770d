import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { StoreState } from '../adapters/watched-store';
import type { AppMetrics } from '../metrics';

/** What the probes read, asked at each request. */
export interface ProbeSources {
  /** Start-up finished (store migrated, admin token checked, listening) and stop has not begun. */
  started(): boolean;
  /** Some connection can receive Slack's requests (always, in HTTP mode). */
  receiving(): boolean;
  store(): Promise<StoreState>;
  /** Why the admin token cannot be used, while it cannot. */
  tokenProblem(): string | undefined;
  metrics: AppMetrics;
}

const json = (res: ServerResponse, ok: boolean, body: Record<string, unknown>) => {
  res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ ok, ...body }));
};

/**
 * The routes a supervisor and a scraper call, served in HTTP mode and in Socket Mode alike. None of them logs: they
 * are called every few seconds.
 *
 * - `/livez`: the process can still do its job if given time. It fails only when Socket Mode has had no connection
 *   that can receive for the grace period: a restart is what helps then. A store outage or a lost token does not fail
 *   it, since a restart fixes neither (and a process that restarts without its database refuses to start).
 * - `/readyz`: it can serve now: started, receiving, and the admin token valid. A store outage is reported, not failed
 *   on: the app keeps serving without it, deliberately degraded (see docs/operations.md).
 * - `/healthz`: kept for earlier releases' probes; it is /readyz without the token.
 * - `/metrics`: Prometheus text.
 */
export function probeRoutes(sources: ProbeSources): CustomRoute[] {
  const route = (path: string, handler: (res: ServerResponse) => Promise<void>): CustomRoute => ({
    path,
    method: ['GET'],
    handler: (_req, res) => void handler(res),
  });
  return [
    route('/livez', async (res) => json(res, sources.receiving(), {})),
    route('/readyz', async (res) => {
      const store = await sources.store();
      const token = sources.tokenProblem();
      const ok = sources.started() && sources.receiving() && token === undefined;
      json(res, ok, { store, adminToken: token === undefined ? 'valid' : 'lost', ...(token ? { why: token } : {}) });
    }),
    route('/healthz', async (res) => {
      const store = await sources.store();
      json(res, sources.started() && sources.receiving(), { store });
    }),
    route('/metrics', async (res) => {
      const text = await sources.metrics.text();
      res.writeHead(200, { 'content-type': sources.metrics.contentType });
      res.end(text);
    }),
  ];
}
