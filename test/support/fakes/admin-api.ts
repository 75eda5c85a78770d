import type { ActiveSession, Outcome, ResetScope } from '../../../src/domain/types';
import type { AdminApi, ListResult, OnWait, SessionSettings, SettingsRead, WaitNotice } from '../../../src/ports/slack';
import { ALICE, TEAM } from './people';

export const OK: Outcome = { ok: true };
/** Slack answered with an error: certainly not done. */
export const failed = (code: string): Outcome => ({ ok: false, code, uncertain: false });
/** The call may have reached Slack (a timeout, a 5xx): unknown whether done. */
export const unknown = (code: string): Outcome => ({ ok: false, code, uncertain: true });

/** What a call waiting to be tried again tells its observer. */
export const waitNotice = (code: string, waitMs: number, method = 'admin.users.session.reset'): WaitNotice => ({
  method,
  code,
  waitMs,
});

export type AdminCall =
  | { method: 'resetSessions'; userId: string; scope: ResetScope }
  | { method: 'resetSessionsBulk'; userIds: string[]; scope: ResetScope }
  | { method: 'invalidateSession'; userId: string; teamId: string; sessionId: number }
  | { method: 'listSessions'; userId: string; teamId: string }
  | { method: 'getSessionSettings'; userIds: string[] }
  | { method: 'setSessionSettings'; userIds: string[]; settings: SessionSettings }
  | { method: 'clearSessionSettings'; userIds: string[] };

type ChangeCall = Exclude<AdminCall, { method: 'listSessions' | 'getSessionSettings' }>;

/** The admin API: records each call and answers the scripted outcomes (every call succeeds past the script). */
export class FakeAdminApi implements AdminApi {
  readonly calls: AdminCall[] = [];
  /** Active sessions by user ID, listed per workspace. */
  readonly sessions = new Map<string, ActiveSession[]>();
  /** A list error code by workspace ID. */
  readonly listFailures = new Map<string, string>();
  /** People's own session settings; anyone else is on the organization's default. A set or a clear changes them. */
  readonly settings = new Map<string, SessionSettings>();
  /** Set: getSettings answers this code. */
  settingsFailure?: string;
  /** Awaited inside each changing call before it answers: to report a retry, or to hold the call. */
  during?: (call: ChangeCall, onWait?: OnWait) => void | Promise<void>;
  private readonly scripts = new Map<string, Outcome[]>();

  /** Outcomes for one target, a user ID or `T…:sessionId`, answered in order. */
  answer(target: string, ...outcomes: Outcome[]): this {
    this.scripts.set(target, outcomes);
    return this;
  }

  /** The calls that change something (resets, invalidations, settings set or cleared), without the read-only ones. */
  changes(): ChangeCall[] {
    return this.calls.filter((c): c is ChangeCall => c.method !== 'listSessions' && c.method !== 'getSessionSettings');
  }

  async resetSessions(userId: string, scope: ResetScope, onWait?: OnWait): Promise<Outcome> {
    return this.change({ method: 'resetSessions', userId, scope }, userId, onWait);
  }

  /** Scripted by the first person of the batch. */
  async resetSessionsBulk(userIds: readonly string[], scope: ResetScope, onWait?: OnWait): Promise<Outcome> {
    return this.change({ method: 'resetSessionsBulk', userIds: [...userIds], scope }, `bulk:${userIds[0]}`, onWait);
  }

  async invalidateSession(s: { userId: string; teamId: string; sessionId: number }, onWait?: OnWait): Promise<Outcome> {
    return this.change({ method: 'invalidateSession', ...s }, `${s.teamId}:${s.sessionId}`, onWait);
  }

  async listSessions(userId: string, teamId: string): Promise<ListResult> {
    this.calls.push({ method: 'listSessions', userId, teamId });
    const code = this.listFailures.get(teamId);
    if (code) return { ok: false, code };
    const sessions = (this.sessions.get(userId) ?? []).filter((s) => s.teamId === teamId);
    return { ok: true, sessions, truncated: false, unreadable: 0 };
  }

  async getSessionSettings(userIds: readonly string[]): Promise<SettingsRead> {
    this.calls.push({ method: 'getSessionSettings', userIds: [...userIds] });
    if (this.settingsFailure) return { ok: false, code: this.settingsFailure };
    const settings = new Map(
      userIds.flatMap((id) => (this.settings.has(id) ? [[id, this.settings.get(id) ?? {}]] : [])),
    );
    return { ok: true, settings, onDefault: new Set(userIds.filter((id) => !this.settings.has(id))) };
  }

  /** Scripted by the first person of the batch; a success is kept as their settings. */
  async setSessionSettings(userIds: readonly string[], settings: SessionSettings, onWait?: OnWait): Promise<Outcome> {
    const call = { method: 'setSessionSettings' as const, userIds: [...userIds], settings };
    const outcome = await this.change(call, `settings:${userIds[0]}`, onWait);
    if (outcome.ok) for (const id of userIds) this.settings.set(id, { ...this.settings.get(id), ...settings });
    return outcome;
  }

  async clearSessionSettings(userIds: readonly string[], onWait?: OnWait): Promise<Outcome> {
    const outcome = await this.change(
      { method: 'clearSessionSettings', userIds: [...userIds] },
      `settings:${userIds[0]}`,
      onWait,
    );
    if (outcome.ok) for (const id of userIds) this.settings.delete(id);
    return outcome;
  }

  private async change(call: ChangeCall, target: string, onWait?: OnWait): Promise<Outcome> {
    this.calls.push(call);
    await this.during?.(call, onWait);
    return this.scripts.get(target)?.shift() ?? OK;
  }
}

export function activeSession(sessionId: number, over: Partial<ActiveSession> = {}): ActiveSession {
  return {
    sessionId,
    teamId: TEAM,
    userId: ALICE,
    created: { deviceHardware: 'iPhone', os: 'iOS', osVersion: '17.1', ip: '203.0.113.5' },
    ...over,
  };
}
