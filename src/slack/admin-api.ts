import type { WebClient } from '@slack/web-api';
import { isSessionId, parseSessionId } from '../sessions/ids';
import type { AdminApi, ListResult } from '../sessions/ports';
import type { ActiveSession, Outcome, ResetScope, SessionDevice } from '../sessions/types';
import { type CallFailure, callFailure } from './call-outcome';

export interface AdminApiOptions {
  /** Attempts per call when Slack answers 429 (a 429 means nothing was done, so trying again is safe). */
  maxAttempts?: number;
  /** Longest total wait for Retry-After within one call. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const PAGE_SIZE = 200;
/** A user with more sessions than this is not a case a modal can show; stop paging. */
const MAX_SESSIONS = 1000;

type Answer = { ok: true; data: Record<string, unknown> } | { ok: false; failure: CallFailure };

/**
 * The admin.users.session.* methods over the admin user token. Every call goes through `apiCall`:
 * web-api 8 types admin.users.session.invalidate with a string session_id, a required team_id and no user_id,
 * which is not what Slack's method takes today.
 */
export function createAdminApi(client: WebClient, options: AdminApiOptions = {}): AdminApi {
  const maxAttempts = options.maxAttempts ?? 3;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  async function call(method: string, args: Record<string, unknown>): Promise<Answer> {
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        return { ok: true, data: (await client.apiCall(method, args)) as unknown as Record<string, unknown> };
      } catch (error) {
        const failure = callFailure(error);
        const waitMs = (failure.retryAfter ?? 0) * 1000;
        // Only a 429 is retried here: it guarantees the call had no effect, so nothing can happen twice.
        if (failure.code !== 'ratelimited' || attempt >= maxAttempts || waited + waitMs > maxWaitMs) {
          return { ok: false, failure };
        }
        waited += waitMs;
        await sleep(waitMs);
      }
    }
  }

  const outcome = (answer: Answer): Outcome =>
    answer.ok ? { ok: true } : { ok: false, code: answer.failure.code, uncertain: answer.failure.uncertain };

  return {
    async resetSessions(userId: string, scope: ResetScope): Promise<Outcome> {
      const args: Record<string, unknown> = { user_id: userId };
      // Send only the flag that is on: both true is meaningless and "neither" means every session.
      if (scope === 'mobile') args.mobile_only = true;
      if (scope === 'web') args.web_only = true;
      return outcome(await call('admin.users.session.reset', args));
    },

    async invalidateSession({ userId, teamId, sessionId }): Promise<Outcome> {
      return outcome(
        await call('admin.users.session.invalidate', { session_id: sessionId, user_id: userId, team_id: teamId }),
      );
    },

    async listSessions(userId: string, teamId: string): Promise<ListResult> {
      const sessions: ActiveSession[] = [];
      let unreadable = 0;
      // A cursor seen before means Slack is going round in circles: stop rather than list the same pages forever.
      const followed = new Set<string>();
      let cursor: string | undefined;
      do {
        const answer = await call('admin.users.session.list', {
          user_id: userId,
          team_id: teamId,
          limit: PAGE_SIZE,
          ...(cursor ? { cursor } : {}),
        });
        if (!answer.ok) {
          // Slack reports "nobody signed in" as an error; to the app it is an empty list.
          if (answer.failure.code === 'no_active_sessions') return { ok: true, sessions, truncated: false, unreadable };
          return { ok: false, code: answer.failure.code };
        }
        const page = Array.isArray(answer.data.active_sessions) ? answer.data.active_sessions : [];
        for (const item of page) {
          const session = toSession(item);
          if (session) sessions.push(session);
          else unreadable += 1;
        }
        const next = (answer.data.response_metadata as { next_cursor?: unknown } | undefined)?.next_cursor;
        cursor = typeof next === 'string' && next !== '' && !followed.has(next) ? next : undefined;
        if (cursor) followed.add(cursor);
      } while (cursor && sessions.length < MAX_SESSIONS);
      return { ok: true, sessions: sessions.slice(0, MAX_SESSIONS), truncated: cursor !== undefined, unreadable };
    },
  };
}

function toDevice(raw: unknown): SessionDevice | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    deviceHardware: text(r.device_hardware),
    os: text(r.os),
    osVersion: text(r.os_version),
    slackClientVersion: text(r.slack_client_version),
    ip: text(r.ip),
  };
}

/** Reads one `active_sessions` item defensively; an item without a usable id or team is skipped. */
function toSession(raw: unknown): ActiveSession | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const sessionId = typeof r.session_id === 'string' ? parseSessionId(r.session_id) : r.session_id;
  if (!isSessionId(sessionId)) return undefined;
  if (typeof r.team_id !== 'string' || typeof r.user_id !== 'string') return undefined;
  return {
    sessionId,
    teamId: r.team_id,
    userId: r.user_id,
    created: toDevice(r.created) ?? {},
    recent: toDevice(r.recent),
  };
}
