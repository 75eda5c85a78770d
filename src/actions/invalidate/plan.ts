import { isSessionId, TEAM_ID } from '../../domain/ids';
import {
  isString,
  isUserId,
  MAX_METADATA,
  type PlanBase,
  type PlanSchema,
  type SessionKey,
  serializePlan,
  sessionKeyString,
  unique,
} from '../../domain/plan';

export interface InvalidatePlan extends PlanBase {
  kind: 'invalidate';
  userId: string;
  /** The sessions on offer; with `choose` the admin picks among them, without it they are all ended. */
  sessions: SessionKey[];
  choose: boolean;
}

/** 50 sessions with usual ids and a response_url fit in private_metadata. */
export const MAX_PLAN_SESSIONS = 50;

export const INVALIDATE_PLAN: PlanSchema<InvalidatePlan> = {
  kind: 'invalidate',
  decode(raw, base) {
    const { userId, sessions, choose } = raw;
    if (!isUserId(userId) || typeof choose !== 'boolean') return undefined;
    if (!Array.isArray(sessions) || sessions.length < 1 || sessions.length > MAX_PLAN_SESSIONS) return undefined;
    // Without a choice in the modal, the plan ends exactly the one session the admin named.
    if (!choose && sessions.length !== 1) return undefined;
    const keys: SessionKey[] = [];
    for (const s of sessions) {
      const { teamId, sessionId } = (s ?? {}) as Record<string, unknown>;
      if (!isString(teamId) || !TEAM_ID.test(teamId)) return undefined;
      if (!isSessionId(sessionId)) return undefined;
      keys.push({ teamId, sessionId });
    }
    if (!unique(keys, sessionKeyString)) return undefined;
    return { kind: 'invalidate', ...base, userId, sessions: keys, choose };
  },
};

/** Drops sessions from the end until the plan fits in private_metadata (only unusually long ids need it). */
export function fitSessions(plan: InvalidatePlan): InvalidatePlan {
  let sessions = plan.sessions.slice(0, MAX_PLAN_SESSIONS);
  while (sessions.length > 1 && serializePlan({ ...plan, sessions }).length > MAX_METADATA)
    sessions = sessions.slice(0, -1);
  return { ...plan, sessions };
}
