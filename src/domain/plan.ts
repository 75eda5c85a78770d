import { isSessionId, TEAM_ID, USER_ID } from './ids';
import { isResetScope, type ResetScope, type Result, type Skipped } from './types';

/**
 * What the admin is asked to confirm. A plan travels to Slack in the modal's `private_metadata` and comes back on
 * Submit; from then on it is input like any other, so `decodePlan` checks every field again.
 */
export type Plan = PickPlan | ResetPlan | InvalidatePlan;

/** Every plan carries who opened it and the id that ties its audit records together. */
interface PlanBase {
  invokerId: string;
  requestId: string;
  responseUrl?: string;
}

/** The people-picker modal of `/reset-sessions` with no targets: nothing chosen yet. */
export interface PickPlan extends PlanBase {
  kind: 'pick';
}

export interface ResetPlan extends PlanBase {
  kind: 'reset';
  /** Named but not to be touched (unknown, bot, deactivated, …): carried so the result and record list them too. */
  skipped: Skipped[];
  /** How many more were skipped than `skipped` lists, when listing them all would not fit in private_metadata. */
  skippedUnlisted: number;
  /** Those of `userIds` shown as recently reset: a tick of "again anyway" covers these, and only these. */
  again: string[];
  scope: ResetScope;
  userIds: string[];
}

export interface SessionKey {
  teamId: string;
  sessionId: number;
}

export interface InvalidatePlan extends PlanBase {
  kind: 'invalidate';
  userId: string;
  /** The sessions on offer; with `choose` the admin picks among them, without it they are all ended. */
  sessions: SessionKey[];
  choose: boolean;
}

/** Slack caps private_metadata at 3000 characters; 50 sessions with usual ids and a response_url fit in it. */
export const MAX_PLAN_SESSIONS = 50;
export const MAX_METADATA = 3000;

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const serialize = (plan: Plan): string => JSON.stringify({ v: 1, ...plan });

export function encodePlan(plan: Plan): string {
  const text = serialize(plan);
  if (text.length > MAX_METADATA) {
    throw new Error(`plan is ${text.length} characters; private_metadata holds ${MAX_METADATA}`);
  }
  return text;
}

/** Moves skipped targets from the list into the count until the plan fits in private_metadata. */
export function fitSkipped(plan: ResetPlan): ResetPlan {
  let fitted = plan;
  while (fitted.skipped.length > 0 && serialize(fitted).length > MAX_METADATA) {
    fitted = { ...fitted, skipped: fitted.skipped.slice(0, -1), skippedUnlisted: fitted.skippedUnlisted + 1 };
  }
  return fitted;
}

/** Drops sessions from the end until the plan fits in private_metadata (only unusually long ids need it). */
export function fitSessions(plan: InvalidatePlan): InvalidatePlan {
  let sessions = plan.sessions.slice(0, MAX_PLAN_SESSIONS);
  while (sessions.length > 1 && serialize({ ...plan, sessions }).length > MAX_METADATA)
    sessions = sessions.slice(0, -1);
  return { ...plan, sessions };
}

export interface DecodeRules {
  maxTargets: number;
  /** Whether a response_url may be used; anything else is dropped so a forged plan cannot aim the app elsewhere. */
  isAllowedResponseUrl: (url: string) => boolean;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isUserId = (v: unknown): v is string => isString(v) && USER_ID.test(v);

/** A label is an ID or an address, never markup; a code is a word. */
function isSkipped(v: unknown): v is Skipped {
  const { label, code } = (v ?? {}) as Record<string, unknown>;
  return isString(label) && /^[^\s<>&`*_~|]{1,254}$/.test(label) && isString(code) && /^[a-z_]{1,40}$/.test(code);
}

function unique<T>(items: readonly T[], key: (t: T) => string): boolean {
  return new Set(items.map(key)).size === items.length;
}

/** Parses and re-validates a plan from private_metadata. Never throws. */
export function decodePlan(text: unknown, rules: DecodeRules): Result<Plan> {
  // A code, not a sentence: the listener says it in words (actions/shared/submitted-plan.ts).
  const refuse = { ok: false, error: 'invalid_plan' } as const;
  if (!isString(text) || text.length === 0 || text.length > MAX_METADATA) return refuse;
  let raw: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return refuse;
    raw = parsed as Record<string, unknown>;
  } catch {
    return refuse;
  }
  if (raw.v !== 1 || !isUserId(raw.invokerId) || !isString(raw.requestId) || !REQUEST_ID.test(raw.requestId)) {
    return refuse;
  }
  const base: PlanBase = {
    invokerId: raw.invokerId,
    requestId: raw.requestId,
    responseUrl: isString(raw.responseUrl) && rules.isAllowedResponseUrl(raw.responseUrl) ? raw.responseUrl : undefined,
  };

  switch (raw.kind) {
    case 'pick':
      return { ok: true, value: { kind: 'pick', ...base } };
    case 'reset': {
      const { scope, userIds, skipped, skippedUnlisted, again } = raw;
      if (!isResetScope(scope)) return refuse;
      if (!Array.isArray(userIds) || userIds.length < 1 || userIds.length > rules.maxTargets) return refuse;
      if (!userIds.every(isUserId) || !unique(userIds, (id) => id)) return refuse;
      if (!Array.isArray(skipped) || typeof skippedUnlisted !== 'number' || !Number.isInteger(skippedUnlisted)) {
        return refuse;
      }
      if (skippedUnlisted < 0 || userIds.length + skipped.length + skippedUnlisted > rules.maxTargets) return refuse;
      if (!skipped.every(isSkipped)) return refuse;
      if (!Array.isArray(again) || !again.every((id) => isUserId(id) && userIds.includes(id))) return refuse;
      return {
        ok: true,
        value: {
          kind: 'reset',
          ...base,
          scope,
          userIds,
          skipped: skipped.map(({ label, code }) => ({ label, code })),
          skippedUnlisted,
          again,
        },
      };
    }
    case 'invalidate': {
      const { userId, sessions, choose } = raw;
      if (!isUserId(userId) || typeof choose !== 'boolean') return refuse;
      if (!Array.isArray(sessions) || sessions.length < 1 || sessions.length > MAX_PLAN_SESSIONS) return refuse;
      // Without a choice in the modal, the plan ends exactly the one session the admin named.
      if (!choose && sessions.length !== 1) return refuse;
      const keys: SessionKey[] = [];
      for (const s of sessions) {
        const { teamId, sessionId } = (s ?? {}) as Record<string, unknown>;
        if (!isString(teamId) || !TEAM_ID.test(teamId)) return refuse;
        if (!isSessionId(sessionId)) return refuse;
        keys.push({ teamId, sessionId });
      }
      if (!unique(keys, sessionKeyString)) return refuse;
      return { ok: true, value: { kind: 'invalidate', ...base, userId, sessions: keys, choose } };
    }
    default:
      return refuse;
  }
}

/** How a session is named in a picker option's value: `T0123ABCD:1234567`. */
export function sessionKeyString(key: SessionKey): string {
  return `${key.teamId}:${key.sessionId}`;
}
