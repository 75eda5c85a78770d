import type { ResetScope, Role, SessionDevice } from '../domain/types';
import { escapeMrkdwn } from './mrkdwn';

const ROLE_LABELS: Record<Role, string> = {
  org_primary_owner: 'Org Primary Owner',
  org_owner: 'Org Owner',
  org_admin: 'Org Admin',
  primary_owner: 'Workspace Primary Owner',
  owner: 'Workspace Owner',
  admin: 'Workspace Admin',
  member: 'Member',
  guest: 'Guest',
  bot: 'Bot',
};

/** "1 person", "2 people". */
export const people = (n: number): string => (n === 1 ? '1 person' : `${n} people`);

export const roleLabel = (role: Role): string => ROLE_LABELS[role];

export function scopeLabel(scope: ResetScope): string {
  switch (scope) {
    case 'all':
      return 'all sessions';
    case 'mobile':
      return 'mobile sessions only';
    case 'web':
      return 'web sessions only';
  }
}

/** "iPhone · iOS 17.1 · Slack 23.10.10 · IP 203.0.113.5", escaped; the fields come from the user's device. */
export function deviceLabel(d: SessionDevice): string {
  const os = [d.os, d.osVersion].filter(Boolean).join(' ');
  const parts = [d.deviceHardware, os, d.slackClientVersion && `Slack ${d.slackClientVersion}`, d.ip && `IP ${d.ip}`];
  const text = parts.filter(Boolean).join(' · ');
  return escapeMrkdwn(text || 'unknown device');
}

/** "1 minute ago", "12 minutes ago": how long since a person was last signed out. */
export function minutesAgo(then: Date, now: Date): string {
  const minutes = Math.max(1, Math.round((now.getTime() - then.getTime()) / 60_000));
  return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
}
