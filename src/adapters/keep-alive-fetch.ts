import http from 'node:http';
import https from 'node:https';

/** How long an idle connection to Slack is kept: an admin's next command, a minute later, finds it open. */
const IDLE_MS = 60_000;
/** Connections to Slack per client at once: as many as a busy incident needs, never unbounded. */
const MAX_SOCKETS = 50;

/**
 * A corporate egress proxy, in the shape Node's agents take it (`proxyEnv`, Node 22.21+ and 24.5+): an `http://` URL
 * for each scheme, and the hosts that bypass it (NO_PROXY's syntax: names, `.suffix`, `host:port`, `*`).
 */
export interface ProxyEnv {
  HTTPS_PROXY?: string;
  HTTP_PROXY?: string;
  NO_PROXY?: string;
}

/**
 * A `fetch` for @slack/web-api over node:http(s) agents that keep connections alive for a minute. The built-in fetch
 * drops an idle connection after about 4 s, so at an admin's pace every `views.open` paid a new TLS handshake
 * inside Slack's 3-second trigger window. Only what web-api sends is supported: a POST with a string or bytes body,
 * headers as a record, and an AbortSignal for its timeout (an abort rejects with an AbortError, as fetch's does).
 * Redirects are not followed (web-api asks fetch to refuse them; a 3xx reaches it as a status it rejects).
 * With a proxy, calls to Slack go through it (a CONNECT tunnel for https), unless NO_PROXY names the host.
 */
export function keepAliveFetch(proxy?: ProxyEnv): typeof fetch {
  // `proxyEnv` is Node's own (22.21+, 24.5+); @types/node 22 does not know it yet.
  const options = {
    keepAlive: true,
    maxSockets: MAX_SOCKETS,
    maxFreeSockets: MAX_SOCKETS,
    timeout: IDLE_MS,
    ...(proxy ? { proxyEnv: proxy } : {}),
  } as http.AgentOptions;
  const agents = { http: new http.Agent(options), https: new https.Agent(options) };
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const secure = url.protocol === 'https:';
      const body = init.body;
      if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
        reject(new TypeError('keepAliveFetch sends string or byte bodies only'));
        return;
      }
      const request = (secure ? https : http).request(
        url,
        {
          method: init.method ?? 'GET',
          headers: init.headers as Record<string, string> | undefined,
          agent: secure ? agents.https : agents.http,
          ...(init.signal ? { signal: init.signal } : {}),
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
                headers.append(name, v);
            }
            const status = response.statusCode ?? 0;
            // Response refuses a body with 1xx/204/304; Slack sends none of those, but keep the contract.
            const empty = status === 204 || status === 304 || status < 200;
            resolve(
              new Response(empty ? null : Buffer.concat(chunks), {
                status,
                statusText: response.statusMessage ?? '',
                headers,
              }),
            );
          });
        },
      );
      request.on('error', reject);
      request.end(body ?? undefined);
    });
}
