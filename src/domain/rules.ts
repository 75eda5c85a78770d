import type { ActiveSession, Role, SessionDevice } from './types';

/** Roles whose sign-out deserves a second look: they may be the ones handling the incident. */
export const isPrivileged = (role: Role): boolean => role !== 'member' && role !== 'guest' && role !== 'bot';

/** Whether the session's recent device or address differs from the one it started on. */
export function changedSinceSignIn(s: ActiveSession): boolean {
  if (!s.recent) return false;
  const keys: (keyof SessionDevice)[] = ['deviceHardware', 'os', 'osVersion', 'slackClientVersion', 'ip'];
  return keys.some((k) => s.recent?.[k] !== undefined && s.recent[k] !== s.created[k]);
}
