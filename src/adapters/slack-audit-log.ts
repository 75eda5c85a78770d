import type { Logger } from '@slack/bolt';
import type {
  SlackAuditAnswer,
  SlackAuditEntry,
  SlackAuditLog,
  SlackAuditQuery,
  SlackAuditUser,
} from '../ports/slack-audit-log';
import type { AuditTokenWatch } from './audit-token';
import type { CallFailure } from './call-outcome';
import { AUDIT_LOGS } from './rate-tiers';
import type { Attempt, CallPolicy, PacedCall } from './slack-call';

/** Entries asked for a page (Slack allows up to 9,999), and pages read at most before the answer says "truncated". */
const PAGE_SIZE = 1000;
const MAX_PAGES = 10;

export interface SlackAuditLogOptions {
  /** SLACK_AUDIT_API_URL, with its trailing slash. */
  baseUrl: string;
  token: string;
  /** The app's pace: the Audit Logs API's Tier 3 is shared by every query in the process. */
  call: PacedCall;
  /** How long one request may take (SLACK_API_TIMEOUT_MS). */
  timeoutMs: number;
  /** Attempts and the longest wait for 429s and backoffs, per page; and the app's stop signal. */
  policy: Pick<CallPolicy, 'attempts' | 'budgetMs' | 'stopSignal'>;
  watch: AuditTokenWatch;
  logger: Logger;
  fetch?: typeof fetch;
}

/**
 * Slack's Audit Logs API over an Org Owner's token. It is not the Web API (a GET with the token as a bearer, on its
 * own base URL, answering with HTTP statuses), so it has its own small client; but each request goes through the
 * app's one paced call, so it keeps to its tier, waits a 429's Retry-After within the budget, and tries a 5xx or a
 * timeout again (a read has no effect to repeat). Never throws.
 */
export function createSlackAuditLog(options: SlackAuditLogOptions): SlackAuditLog {
  const { baseUrl, token, call, timeoutMs, policy, watch, logger } = options;
  const fetchImpl = options.fetch ?? fetch;

  const page = (query: SlackAuditQuery, cursor: string | undefined): Attempt => {
    const url = new URL('logs', baseUrl);
    url.searchParams.set('action', query.actions.join(','));
    url.searchParams.set('oldest', String(Math.floor(query.oldest)));
    url.searchParams.set('latest', String(Math.ceil(query.latest)));
    url.searchParams.set('limit', String(PAGE_SIZE));
    if (query.actor) url.searchParams.set('actor', query.actor);
    if (cursor) url.searchParams.set('cursor', cursor);
    return async () => {
      const signals = [AbortSignal.timeout(timeoutMs), ...(policy.stopSignal ? [policy.stopSignal] : [])];
      let response: Response;
      try {
        // The token travels in a header, never in the URL; a redirect is refused, so it never goes anywhere else.
        response = await fetchImpl(url, {
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          redirect: 'error',
          signal: AbortSignal.any(signals),
        });
      } catch (error) {
        const name = (error as { name?: unknown }).name;
        const timedOut = name === 'TimeoutError' || name === 'AbortError';
        return { ok: false, failure: { code: timedOut ? 'timeout' : 'network_error', uncertain: true } };
      }
      const body = await response.json().catch(() => undefined);
      const failure = failureOf(response, body);
      return failure ? { ok: false, failure } : { ok: true, data: body as Record<string, unknown> };
    };
  };

  return {
    async entries(query): Promise<SlackAuditAnswer> {
      if (!watch.mayAsk()) return { ok: false, code: watch.refused ?? 'invalid_auth' };
      const entries: SlackAuditEntry[] = [];
      let unreadable = 0;
      let cursor: string | undefined;
      for (let pages = 0; pages < MAX_PAGES; pages++) {
        const answer = await call(AUDIT_LOGS, {}, policy, page(query, cursor));
        if (!answer.ok) {
          await watch.heard(answer.failure.code);
          return { ok: false, code: answer.failure.code };
        }
        watch.worked();
        const raw = answer.data.entries as unknown[];
        for (const item of raw) {
          const entry = readEntry(item);
          if (entry) entries.push(entry);
          else unreadable += 1;
        }
        const next = (answer.data.response_metadata as { next_cursor?: unknown } | undefined)?.next_cursor;
        cursor = typeof next === 'string' && next !== '' ? next : undefined;
        if (!cursor) break;
      }
      // Slack's answer is input: an entry the app cannot read is left out, and said.
      if (unreadable > 0) logger.warn(`${unreadable} audit log entries in a shape the app cannot read were left out`);
      return { ok: true, entries, truncated: cursor !== undefined };
    },
  };
}

/**
 * What went wrong, from the status and the body. Slack answers errors with an HTTP status and `{"ok": false, "error"}`
 * (its reference: "standard HTTP status codes"); the code in the body is what counts, whatever the status. A 5xx or
 * a garbled answer is tried again (`uncertain`: a read has nothing to undo).
 */
function failureOf(response: Response, body: unknown): CallFailure | undefined {
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    return { code: 'ratelimited', uncertain: false, retryAfter: Number.isFinite(seconds) && seconds > 0 ? seconds : 1 };
  }
  const error = (body as { error?: unknown } | undefined)?.error;
  if (typeof error === 'string' && error !== '') {
    return { code: error.slice(0, 60), uncertain: response.status >= 500 };
  }
  if (response.status >= 500) return { code: 'slack_server_error', uncertain: true };
  if (!response.ok) return { code: `http_${response.status}`, uncertain: false };
  if (!Array.isArray((body as { entries?: unknown } | undefined)?.entries)) {
    return { code: 'invalid_response', uncertain: true };
  }
  return undefined;
}

const text = (v: unknown, max = 200): string | undefined =>
  typeof v === 'string' && v !== '' && v.length <= max ? v : undefined;

function readUser(raw: unknown): SlackAuditUser | undefined {
  const u = (raw ?? {}) as Record<string, unknown>;
  const id = text(u.id, 40);
  if (!id) return undefined;
  const name = text(u.name);
  const email = text(u.email);
  return { id, ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

/** An entry as the app reads it, or undefined when it lacks what every entry has (its id, time and action). */
function readEntry(raw: unknown): SlackAuditEntry | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const id = text(r.id, 100);
  const action = text(r.action, 100);
  const dateCreate = typeof r.date_create === 'number' && Number.isFinite(r.date_create) ? r.date_create : undefined;
  const actor = (r.actor ?? {}) as Record<string, unknown>;
  const entity = (r.entity ?? {}) as Record<string, unknown>;
  const context = (r.context ?? {}) as Record<string, unknown>;
  if (!id || !action || dateCreate === undefined) return undefined;
  const actorUser = readUser(actor.user);
  const entityType = text(entity.type, 40) ?? '';
  const entityUser = readUser(entity.user);
  // A workspace or an organization (a bulk reset's entity) is named by its id.
  const entityId = readUser(entity[entityType])?.id;
  const ipAddress = text(context.ip_address, 100);
  const ua = text(context.ua, 500);
  const details = r.details !== null && typeof r.details === 'object' ? (r.details as Record<string, unknown>) : {};
  return {
    id,
    dateCreate,
    action,
    actor: { type: text(actor.type, 40) ?? '', ...(actorUser ? { user: actorUser } : {}) },
    entity: { type: entityType, ...(entityUser ? { user: entityUser } : {}), ...(entityId ? { id: entityId } : {}) },
    context: { ...(ipAddress ? { ipAddress } : {}), ...(ua ? { ua } : {}) },
    details,
  };
}
