import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** What an API client may ask for: each route names the one it needs. */
export type ApiAction = 'sign-outs' | 'session-settings';
export const API_ACTIONS: readonly ApiAction[] = ['sign-outs', 'session-settings'];

/** A SOAR or SIEM tool: its own name (recorded as `api:<name>`), secret and the actions it is allowed. */
export interface ApiClient {
  name: string;
  secret: string;
  actions: ReadonlySet<ApiAction>;
}

/** The headers a client signs with, as Slack signs its own requests to apps. */
export const HEADERS = {
  client: 'x-client-name',
  timestamp: 'x-request-timestamp',
  signature: 'x-signature',
} as const;

/** Slack's window for its own signatures: five minutes either way. */
export const MAX_SKEW_SECONDS = 300;

/**
 * The text a client signs: `v1:{timestamp}:{body}`, as Slack signs `v0:…`. A request without a body (a GET) signs
 * its target (path and query) in the body's place, so a signature cannot be moved to another request's path.
 */
export const signedBase = (timestamp: string, body: string, target: string): string =>
  `v1:${timestamp}:${body === '' ? target : body}`;

export const sign = (secret: string, timestamp: string, body: string, target: string): string =>
  `v1=${createHmac('sha256', secret)
    .update(signedBase(timestamp, body, target))
    .digest('hex')}`;

/**
 * Signatures seen within their five minutes: a second use of one is a replay, across every replica. Only a digest of
 * each is kept (the store never holds a signature itself).
 */
export interface SeenSignatures {
  /** True the first time `signature` is offered before `expiresAt`; false for a replay. */
  firstUse(signature: string, expiresAt: Date): Promise<boolean>;
}

export type Authentication =
  | { ok: true; client: ApiClient }
  | { ok: false; status: 401 | 403; why: string }
  | { ok: false; status: 429; why: string; retryAfterS: number };

export interface SignedRequest {
  headers: Record<string, string | string[] | undefined>;
  method: string;
  /** Path and query, as the request line has them. */
  target: string;
  body: string;
}

const header = (req: SignedRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * Who is calling, proven: a known client, a signature made with its secret over this very request, stamped within
 * five minutes, never used before, for an action the client is allowed. Anything else is refused before any work,
 * with a reason that names no secret (401: who you are is not proven; 403: you may not do this).
 */
export async function authenticate(
  req: SignedRequest,
  need: ApiAction,
  clients: ReadonlyMap<string, ApiClient>,
  seen: SeenSignatures,
  limit?: ClientRateLimit,
  now: () => number = Date.now,
): Promise<Authentication> {
  const refuse = (why: string): Authentication => ({ ok: false, status: 401, why });
  const name = header(req, HEADERS.client);
  const timestamp = header(req, HEADERS.timestamp);
  const signature = header(req, HEADERS.signature);
  if (!name || !timestamp || !signature) {
    return refuse(`unsigned: send ${HEADERS.client}, ${HEADERS.timestamp} and ${HEADERS.signature}`);
  }
  // The timestamp first, whoever claims to call: a stale request gets the same answer for any name.
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) {
    return refuse('the timestamp is more than five minutes from now');
  }
  const client = clients.get(name);
  // An unknown client is told the same as a bad signature: the answer must not reveal which names exist.
  if (!client) return refuse('the signature does not match');
  const expected = Buffer.from(sign(client.secret, timestamp, req.body, req.target));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return refuse('the signature does not match');
  }
  // A proven client past its rate is turned away before anything is written to the store for it.
  const wait = limit?.take(client.name);
  if (wait !== undefined) {
    return {
      ok: false,
      status: 429,
      why: `more than the client's requests a minute; try again in ${wait} s`,
      retryAfterS: wait,
    };
  }
  const expiresAt = new Date((Number(timestamp) + MAX_SKEW_SECONDS) * 1000);
  const digest = createHash('sha256').update(signature).digest('hex');
  if (!(await seen.firstUse(digest, expiresAt))) return refuse('this signature was used before');
  if (!client.actions.has(need)) return { ok: false, status: 403, why: `client ${name} may not use ${need}` };
  return { ok: true, client };
}

/**
 * Each client's requests a minute, counted in a sliding window (per process: replicas each allow as much). A request
 * past it waits `retryAfterS`, as Slack's own 429 says.
 */
export class ClientRateLimit {
  private readonly sent = new Map<string, number[]>();
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** undefined when the request may go ahead (it is counted); otherwise the whole seconds to wait. */
  take(client: string): number | undefined {
    const at = this.now();
    const recent = (this.sent.get(client) ?? []).filter((t) => t > at - 60_000);
    if (recent.length >= this.perMinute) {
      this.sent.set(client, recent);
      return Math.max(1, Math.ceil(((recent[0] ?? at) + 60_000 - at) / 1000));
    }
    recent.push(at);
    this.sent.set(client, recent);
    return undefined;
  }
}
