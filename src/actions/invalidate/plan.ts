import { isSessionId, TEAM_ID } from '../../domain/ids';
import {
  isString,
  isUserId,
  type PlanBase,
  type PlanSchema,
  type SessionKey,
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

/** Sessions a confirmation offers at most: the rest are counted (a select of 50 is as many as an admin reads). */
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
