import { ErrorCode, type WebAPICallError } from '@slack/web-api';

export interface CallFailure {
  code: string;
  /** True when the request may have reached Slack and taken effect. */
  uncertain: boolean;
  /** Seconds Slack asked us to wait (429 only). */
  retryAfter?: number;
}

// Codes Slack uses when it failed part-way: the change may or may not have happened.
const UNCERTAIN_PLATFORM_CODES = new Set(['internal_error', 'fatal_error', 'request_timeout']);

/** Turns whatever a WebClient call threw into a Slack error code and whether the call may have had effect. */
export function callFailure(error: unknown): CallFailure {
  const e = (error ?? {}) as Partial<WebAPICallError> & { code?: unknown };
  switch (e.code) {
    case ErrorCode.PlatformError: {
      const code = String((e as { data?: { error?: unknown } }).data?.error ?? 'unknown_error');
      return { code, uncertain: UNCERTAIN_PLATFORM_CODES.has(code) };
    }
    case ErrorCode.RateLimitedError:
      return { code: 'ratelimited', uncertain: false, retryAfter: (e as { retryAfter?: number }).retryAfter };
    case ErrorCode.HTTPError: {
      const status = (e as { statusCode?: number }).statusCode ?? 0;
      return status >= 500
        ? { code: 'slack_server_error', uncertain: true }
        : { code: `http_${status}`, uncertain: false };
    }
    case ErrorCode.RequestError: {
      const original = (e as { original?: Error }).original;
      // web-api wraps what is not an Error of its own realm (fetch's DOMException inside a vm context) as
      // new Error(String(error)): the name then survives only at the start of the message.
      const name = original?.name === 'Error' ? original.message.split(':')[0] : original?.name;
      return { code: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network_error', uncertain: true };
    }
    default:
      // web-api throws a plain Error for a 429 without a usable Retry-After: still a 429, so nothing was done.
      if (error instanceof Error && error.message.startsWith('Retry header did not contain a valid timeout')) {
        return { code: 'ratelimited', uncertain: false };
      }
      return { code: 'unexpected_error', uncertain: true };
  }
}
