import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/** Slack's guidance: a request stamped more than five minutes from now, either way, is refused. */
const MAX_SKEW_SECONDS = 300;

/**
 * Bolt 5 refuses only timestamps older than five minutes; a request dated in the future passes its check. This wraps
 * the receiver's listener so that a skew in either direction gets 401 before anything else runs. Requests without
 * the header go on to Bolt, which refuses unsigned requests itself.
 */
export function rejectSkewedRequests(listener: RequestListener, now: () => number = Date.now): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const header = req.headers['x-slack-request-timestamp'];
    if (typeof header === 'string') {
      const seconds = /^\d{1,12}$/.test(header) ? Number(header) : Number.NaN;
      if (!(Math.abs(now() / 1000 - seconds) <= MAX_SKEW_SECONDS)) {
        res.writeHead(401, { 'content-type': 'text/plain' }).end('stale or future request timestamp');
        req.resume();
        return;
      }
    }
    listener(req, res);
  };
}
