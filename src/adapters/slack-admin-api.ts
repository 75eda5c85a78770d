import type { WebClient } from '@slack/web-api';
import { isSessionId, parseSessionId, TEAM_ID } from '../domain/ids';
import { isUserId } from '../domain/plan';
import type { ActiveSession, Outcome, ResetScope, SessionDevice } from '../domain/types';
import type { AdminApi, ListResult, OnWait, SessionSettings, SettingsRead } from '../ports/slack';
import type { Answer, SlackCall } from './slack-call';

export interface AdminApiOptions {
  /** The app's one way to call Slack (paced by tier, 429s waited out). */
  call: SlackCall;
  /** Attempts after a 5xx or a timeout, the first included (ADMIN_MAX_ATTEMPTS); 429s do not count. */
  maxAttempts?: number;
  /** The longest one call waits in all for Slack's 429s and for backoffs (ADMIN_RETRY_BUDGET_MS). */
  budgetMs?: number;
  /** Aborted when the app is stopping: no new admin call starts, and the target is reported as not attempted. */
  stopSignal?: AbortSignal;
}

const PAGE_SIZE = 200;
/** A user with more sessions than this is not a case a modal can show; stop paging. */
const MAX_SESSIONS = 1000;

/**
 * The admin.users.session.* methods over the admin user token. Every call goes through `apiCall`:
 * web-api 8 types admin.users.session.invalidate with a string session_id, a required team_id and no user_id,
 * which is not what Slack's method takes today.
 *
 * Retries (see slack-call.ts): a 429 waits Retry-After (it guarantees nothing was done); a 5xx, a timeout or a
 * dropped connection waits with backoff (the call may or may not have taken effect, and every method is safe to
 * repeat: a reset twice signs out twice, an invalidate of a gone session says so, the same settings set or cleared
 * twice are the same settings). A call that answered ok is never repeated.
 */
export function createAdminApi(client: WebClient, options: AdminApiOptions): AdminApi {
  const policy = {
    attempts: options.maxAttempts ?? 3,
    budgetMs: options.budgetMs ?? 60_000,
    stopSignal: options.stopSignal,
  };
  const call = (method: string, args: Record<string, unknown>, onWait?: OnWait) =>
    options.call(client, method, args, { ...policy, onWait });

  const outcome = (answer: Answer): Outcome => {
    if (answer.ok) return { ok: true };
    // A failure after an attempt that may have worked cannot be called certain.
    return { ok: false, code: answer.failure.code, uncertain: answer.failure.uncertain || answer.afterUncertain };
  };

  /**
   * "The session settings could not be applied to users' existing sessions" (Slack): whether they were kept for the
   * sessions to come is not said, so for each person it is unknown; the check afterwards reads what Slack holds.
   */
  const settingsOutcome = (answer: Answer): Outcome =>
    !answer.ok && answer.failure.code === 'unable_to_update_existing_sessions'
      ? { ok: false, code: answer.failure.code, uncertain: true }
      : outcome(answer);

  return {
    async resetSessions(userId: string, scope: ResetScope, onWait?: OnWait): Promise<Outcome> {
      const args: Record<string, unknown> = { user_id: userId };
      // Send only the flag that is on: both true is meaningless and "neither" means every session.
      if (scope === 'mobile') args.mobile_only = true;
      if (scope === 'web') args.web_only = true;
      return outcome(await call('admin.users.session.reset', args, onWait));
    },

    async resetSessionsBulk(userIds, scope, onWait?: OnWait): Promise<Outcome> {
      // An array: web-api sends it JSON-encoded, which Slack reads for an array argument.
      const args: Record<string, unknown> = { user_ids: [...userIds] };
      if (scope === 'mobile') args.mobile_only = true;
      if (scope === 'web') args.web_only = true;
      const answer = await call('admin.users.session.resetBulk', args, onWait);
      // Slack queued the job and refused some of the people without saying whom: for each of them it is unknown.
      if (!answer.ok && answer.failure.code === 'failed_for_some_users') {
        return { ok: false, code: answer.failure.code, uncertain: true };
      }
      return outcome(answer);
    },

    async invalidateSession({ userId, teamId, sessionId }, onWait?: OnWait): Promise<Outcome> {
      const args = { session_id: sessionId, user_id: userId, team_id: teamId };
      const answer = await call('admin.users.session.invalidate', args, onWait);
      // An earlier attempt that timed out did end it: the session being gone is the result that was asked for.
      if (!answer.ok && answer.afterUncertain && answer.failure.code === 'session_not_found') return { ok: true };
      return outcome(answer);
    },

    async getSessionSettings(userIds, onWait?: OnWait): Promise<SettingsRead> {
      const answer = await call('admin.users.session.getSettings', { user_ids: [...userIds] }, onWait);
      if (!answer.ok) return { ok: false, code: answer.failure.code };
      // Only people asked about count: an answer about anyone else is Slack's mistake, never someone's settings.
      const asked = new Set(userIds);
      const settings = new Map<string, SessionSettings>();
      for (const item of listOf(answer.data.session_settings)) {
        const read = toSettings(item);
        if (read && asked.has(read.userId)) settings.set(read.userId, read.settings);
      }
      const onDefault = new Set(
        listOf(answer.data.no_settings_applied).filter((id): id is string => isUserId(id) && asked.has(id)),
      );
      return { ok: true, settings, onDefault };
    },

    async setSessionSettings(userIds, settings, onWait?: OnWait): Promise<Outcome> {
      const args: Record<string, unknown> = { user_ids: [...userIds] };
      if (settings.duration !== undefined) args.duration = settings.duration;
      if (settings.quitEndsSession !== undefined) args.desktop_app_browser_quit = settings.quitEndsSession;
      return settingsOutcome(await call('admin.users.session.setSettings', args, onWait));
    },

    async clearSessionSettings(userIds, onWait?: OnWait): Promise<Outcome> {
      return settingsOutcome(await call('admin.users.session.clearSettings', { user_ids: [...userIds] }, onWait));
    },

    async listSessions(userId: string, teamId: string, onWait?: OnWait): Promise<ListResult> {
      const sessions: ActiveSession[] = [];
      let unreadable = 0;
      // A cursor seen before means Slack is going round in circles: stop rather than list the same pages forever.
      const followed = new Set<string>();
      let cursor: string | undefined;
      do {
        const answer = await call(
          'admin.users.session.list',
          {
            user_id: userId,
            team_id: teamId,
            limit: PAGE_SIZE,
            ...(cursor ? { cursor } : {}),
          },
          onWait,
        );
        if (!answer.ok) {
          // Slack reports "nobody signed in" as an error; to the app it is an empty list.
          if (answer.failure.code === 'no_active_sessions') return { ok: true, sessions, truncated: false, unreadable };
          return { ok: false, code: answer.failure.code };
        }
        const page = Array.isArray(answer.data.active_sessions) ? answer.data.active_sessions : [];
        for (const item of page) {
          // A session listed for someone else than the person asked about is Slack's mistake, never theirs to end.
          const session = toSession(item);
          if (session && session.userId === userId) sessions.push(session);
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

const listOf = (raw: unknown): unknown[] => (Array.isArray(raw) ? raw : []);

/** Reads one `session_settings` item defensively: a setting Slack sent in a shape the app cannot read is left out. */
function toSettings(raw: unknown): { userId: string; settings: SessionSettings } | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (!isUserId(r.user_id)) return undefined;
  const { duration, desktop_app_browser_quit: quit } = r;
  return {
    userId: r.user_id,
    settings: {
      ...(Number.isSafeInteger(duration) && (duration as number) > 0 ? { duration: duration as number } : {}),
      ...(typeof quit === 'boolean' ? { quitEndsSession: quit } : {}),
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
  if (typeof r.team_id !== 'string' || !TEAM_ID.test(r.team_id) || typeof r.user_id !== 'string') return undefined;
  return {
    sessionId,
    teamId: r.team_id,
    userId: r.user_id,
    created: toDevice(r.created) ?? {},
    recent: toDevice(r.recent),
  };
}
