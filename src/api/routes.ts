import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute, Logger } from '@slack/bolt';
import { type Desk, whenPlaced } from '../actions/desk';
import { placeOrder, readyOrder } from '../actions/place-order';
import type { ListenerDeps } from '../actions/shared/deps';
import { fromStore } from '../actions/shared/store-read';
import { noActionRecord } from '../domain/audit-record';
import { apiRequester, type Origin, requestIdFrom } from '../domain/origin';
import { isRequestId, mostPeople } from '../domain/plan';
import { noteLogContext, withLogContext } from '../logging/base-logger';
import type { SlackSurface } from '../ports/slack-surface';
import { type ApiClient, authenticate, type ClientRateLimit } from './authenticate';
import openapi from './openapi.json';
import { API_ROUTES, type ApiAsk, type ApiRoute } from './requests';
import { statusOf } from './status';

/**
 * The most a request body may hold, read no further and answered 413: 5,000 user IDs (BULK_MAX_TARGETS' ceiling)
 * with a reason take about a quarter of it; 5,000 long email addresses may not fit.
 */
export const MAX_API_BODY_BYTES = 256 * 1024;

/** What the API needs: its clients and their rate limit, and the app's wiring, bound once the app is built. */
export interface ApiContext {
  clients: ReadonlyMap<string, ApiClient>;
  limit: ClientRateLimit;
  wired(): { deps: ListenerDeps; slack: SlackSurface };
  logger: Logger;
  /** Counts a request by route and HTTP status (a metric). */
  count(route: string, status: number): void;
}

/** An answer: its status and JSON body, and work that goes on after it is sent (an accepted order, placed). */
interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  after?: () => Promise<void>;
}

const problem = (status: number, error: string, message: string, headers?: Record<string, string>): Answer => ({
  status,
  body: { error, message },
  ...(headers ? { headers } : {}),
});

/**
 * The signed API, as custom routes of the app's HTTP server (HTTP mode's receiver, or Socket Mode's health server):
 * for each action, POST to place an order and GET `/{requestId}` for where it stands; and GET
 * /api/v1/openapi.json, the document that describes them (src/api/openapi.json). Mounted only with API_CLIENTS.
 */
export function apiRoutes(ctx: ApiContext): CustomRoute[] {
  const routes: CustomRoute[] = [
    {
      path: '/api/v1/openapi.json',
      method: ['GET'],
      handler: (_req, res) => send(res, { status: 200, body: openapi }),
    },
  ];
  for (const route of API_ROUTES) {
    routes.push(
      {
        path: route.path,
        method: ['POST'],
        handler: (req, res) => void serve(ctx, `POST ${route.path}`, res, () => post(ctx, route, req)),
      },
      {
        path: `${route.path}/:requestId`,
        method: ['GET'],
        handler: (req, res) =>
          void serve(ctx, `GET ${route.path}/{requestId}`, res, () =>
            get(ctx, route, req, String(req.params?.requestId ?? '')),
          ),
      },
    );
  }
  return routes;
}

/** Runs one request: its answer sent (an unexpected failure is a 500 saying nothing more), counted and logged once. */
async function serve(ctx: ApiContext, name: string, res: ServerResponse, work: () => Promise<Answer>): Promise<void> {
  await withLogContext({ action: `api ${name}` }, async () => {
    let answer: Answer;
    try {
      answer = await work();
    } catch (error) {
      ctx.logger.error(`api: ${name} failed: ${String(error)}`);
      answer = problem(500, 'internal_error', 'The app hit an unexpected error; nothing more is known. Try again.');
    }
    send(res, answer);
    ctx.count(name, answer.status);
    const said = answer.status >= 400 ? ` (${(answer.body as { message?: string }).message})` : '';
    // Never a header: no signature, no secret, reaches the log.
    (answer.status >= 400 ? ctx.logger.warn : ctx.logger.info).call(
      ctx.logger,
      `api: ${name}: ${answer.status}${said}`,
    );
    await answer.after?.();
  });
}

function send(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...answer.headers });
  res.end(JSON.stringify(answer.body));
}

/** The body as text, or undefined past `max` bytes (the rest is read and dropped, so the answer can still be sent). */
async function readBody(req: IncomingMessage, max: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= max) chunks.push(chunk as Buffer);
  }
  return size > max ? undefined : Buffer.concat(chunks).toString('utf8');
}

/** The body read within its cap, its sender proven (signature, timestamp, first use, action) and within its rate. */
async function proven(
  ctx: ApiContext,
  route: ApiRoute,
  req: IncomingMessage,
): Promise<{ ok: true; client: ApiClient; body: string } | { ok: false; answer: Answer }> {
  const body = await readBody(req, MAX_API_BODY_BYTES);
  if (body === undefined) {
    return {
      ok: false,
      answer: problem(413, 'body_too_large', `The body is larger than ${MAX_API_BODY_BYTES} bytes.`),
    };
  }
  const { deps } = ctx.wired();
  const signed = { headers: req.headers, method: req.method ?? '', target: req.url ?? '', body };
  const auth = await authenticate(signed, route.action, ctx.clients, deps.store, ctx.limit).catch(() => undefined);
  if (!auth) {
    const why = 'The audit database cannot be reached, so no signature can be checked for replay. Nothing was done.';
    return { ok: false, answer: problem(503, 'store_unreachable', why, { 'retry-after': '5' }) };
  }
  if (!auth.ok && auth.status === 429) {
    const why = `More than ${deps.config.apiRateLimitPerMinute} requests a minute (API_RATE_LIMIT_PER_MINUTE): nothing was done; try again in ${auth.retryAfterS} s.`;
    return { ok: false, answer: problem(429, 'rate_limited', why, { 'retry-after': String(auth.retryAfterS) }) };
  }
  if (!auth.ok)
    return { ok: false, answer: problem(auth.status, auth.status === 401 ? 'unauthorized' : 'forbidden', auth.why) };
  return { ok: true, client: auth.client, body };
}

/**
 * POST: an order asked for by a proven client. Every problem with the body is answered 400 with nothing done. The
 * client's idempotency key makes its request ID: the same key again is answered with where that request stands (the
 * same ID), and the same key with another body is a conflict. A new request is answered 202 at once, and its people
 * are looked up and the order placed after, as a Submit places it (approval, run once, records); GET says how it went.
 */
async function post(ctx: ApiContext, route: ApiRoute, req: IncomingMessage): Promise<Answer> {
  const from = await proven(ctx, route, req);
  if (!from.ok) return from.answer;
  const { client } = from;
  if (!/^application\/json(;|$)/i.test(String(req.headers['content-type'] ?? '').trim())) {
    return problem(415, 'unsupported_media_type', 'Send the body as application/json. Nothing was done.');
  }
  let body: unknown;
  try {
    body = JSON.parse(from.body);
  } catch {
    return problem(400, 'invalid_json', 'The body is not JSON. Nothing was done.');
  }
  const { deps } = ctx.wired();
  const read = route.read(body, mostPeople(deps.planRules));
  if (!read.ok) {
    return { status: 400, body: { error: 'invalid_request', message: 'Nothing was done.', problems: read.problems } };
  }
  const { idempotencyKey, asked } = read.value;
  const requestId = requestIdFrom(`api:${client.name}:${idempotencyKey}`);
  noteLogContext({ requestId });
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([route.action, asked]))
    .digest('hex');
  const statusUrl = `${route.path}/${requestId}`;
  const leave = deps.admission.enter();
  if (!leave)
    return problem(503, 'busy', 'The app is busy with many requests: nothing was done.', { 'retry-after': '5' });
  const asking = { client: client.name, idempotencyKey, requestId, action: route.action, fingerprint, at: new Date() };
  const kept = await fromStore(ctx.logger, 'an API request (refused)', () => deps.store.keepApiRequest(asking));
  if (!kept.ok || !kept.value.first) {
    leave();
    if (!kept.ok) {
      const why = 'The audit database cannot be reached, so the request cannot be kept to run once. Nothing was done.';
      return problem(503, 'store_unreachable', why, { 'retry-after': '5' });
    }
    const before = kept.value.request;
    if (before.fingerprint !== fingerprint) {
      const why = `This idempotencyKey was used for another request (${before.requestId}): nothing was done. Use a new key for a new request.`;
      return problem(409, 'idempotency_conflict', why);
    }
    return standing(deps, route, before).then(
      (body) => ({ status: 200, body }),
      () => UNREADABLE,
    );
  }
  const placing = () => place(ctx, route, read.value, client, requestId, leave).finally(leave);
  return {
    status: 202,
    body: { requestId, status: 'accepted', statusUrl },
    headers: { location: statusUrl },
    after: placing,
  };
}

/** The order an accepted request asks for, placed with the API as its desk: the client reads its fate with GET. */
async function place(
  ctx: ApiContext,
  route: ApiRoute,
  asked: ApiAsk,
  client: ApiClient,
  requestId: string,
  placed: () => void,
) {
  const { deps, slack } = ctx.wired();
  const { logger } = ctx;
  // Shutdown waits for it, as for any order under way.
  const release = deps.inflight.claim(`api:${requestId}`);
  if (!release) return;
  try {
    const origin: Origin = { kind: 'api', client: client.name };
    const by = { invokerId: apiRequester(client.name), requestId, origin };
    const made = await asked.request.order(by, { slack, logger }, deps);
    if (!made.ok) return;
    const failed = () => deps.audit.record(noActionRecord(by, 'failed', made.order.action));
    const desk = whenPlaced(apiDesk(requestId, logger, failed), placed);
    await placeOrder({ ready: readyOrder(made.order, deps) }, desk, { slack, logger }, deps);
  } catch (error) {
    logger.error(`api: ${route.action} request ${requestId} failed after it was accepted: ${String(error)}`);
    // Said in its records, so GET answers "done: failed" instead of "accepted" for ever.
    await deps.audit
      .record(noActionRecord({ invokerId: apiRequester(client.name), requestId }, 'failed', route.audit, []))
      .catch(() => undefined);
  } finally {
    release();
  }
}

/**
 * The API as a desk: the client was answered already and reads the rest with GET, from the records; an order that
 * could not be placed is recorded as failed, so GET says so.
 */
const apiDesk = (requestId: string, logger: Logger, failed: () => Promise<void>): Desk => ({
  already: async () => logger.info(`api: request ${requestId} was placed before; nothing more was done`),
  fix: async () => undefined,
  notKept: async () => {
    logger.error(`api: request ${requestId}: its approval request could not be kept; nothing ran`);
    await failed();
  },
  waiting: async () => undefined,
  running: async () => ({
    progress: async () => undefined,
    report: async () => undefined,
    note: async () => undefined,
  }),
});

/** GET: where one of the client's own requests stands. Anyone else's, or none, is the same 404. */
async function get(ctx: ApiContext, route: ApiRoute, req: IncomingMessage, requestId: string): Promise<Answer> {
  const from = await proven(ctx, route, req);
  if (!from.ok) return from.answer;
  const { deps } = ctx.wired();
  const notFound = problem(404, 'not_found', `No ${route.action} request of yours has this ID.`);
  if (!isRequestId(requestId)) return notFound;
  try {
    const kept = await deps.store.apiRequest(requestId);
    if (!kept || kept.client !== from.client.name || kept.action !== route.action) return notFound;
    return { status: 200, body: await standing(deps, route, kept) };
  } catch {
    return UNREADABLE;
  }
}

const UNREADABLE = problem(503, 'store_unreachable', 'The audit database cannot be read right now; try again.', {
  'retry-after': '5',
});

const standing = async (deps: ListenerDeps, route: ApiRoute, request: Parameters<typeof statusOf>[0]) => {
  const [records, approval] = await Promise.all([
    deps.store.recordsOf(request.requestId),
    deps.store.getApproval(request.requestId),
  ]);
  return statusOf(request, records, approval, deps.actions.wordsOf(route.audit));
};
