/** Shared shapes of the domain: what an admin asked for, who it is about and what happened. */

export type TargetRef = { kind: 'user'; id: string } | { kind: 'email'; email: string };

/** A user group named in a command (`<!subteam^S…|@handle>`): its members become targets. */
export interface GroupRef {
  kind: 'group';
  id: string;
  /** As Slack wrote it in the escape, without the @; absent when Slack sent none. */
  handle?: string;
}

/** `all` signs out of every session; the others map to mobile_only / web_only. */
const RESET_SCOPES = ['all', 'mobile', 'web'] as const;
export type ResetScope = (typeof RESET_SCOPES)[number];
export const isResetScope = (value: unknown): value is ResetScope => RESET_SCOPES.includes(value as ResetScope);

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export type Role =
  | 'org_primary_owner'
  | 'org_owner'
  | 'org_admin'
  | 'primary_owner'
  | 'owner'
  | 'admin'
  | 'member'
  | 'guest'
  | 'bot';

/** A Slack user as the app needs to know them. */
export interface Person {
  id: string;
  /** The person's home workspace, where their sessions may be listed besides the command's. */
  homeTeamId?: string;
  /** Every workspace of an Enterprise user (users.info's enterprise_user.teams), where sessions may be. */
  teams?: string[];
  realName: string;
  email?: string;
  role: Role;
  deleted: boolean;
}

/** A target after look-up: the person, or Slack's code for why they could not be found. */
export type Resolved = { ref: TargetRef; person: Person } | { ref: TargetRef; code: string };

/**
 * A named target that will not be touched: `label` is the user ID, or the email as typed when nobody has it;
 * `code` says why (`users_not_found`, `is_bot`, `deactivated`, `org_primary_owner`, or Slack's look-up error).
 */
export interface Skipped {
  label: string;
  code: string;
}

/** One active session as admin.users.session.list describes it. */
export interface SessionDevice {
  deviceHardware?: string;
  os?: string;
  osVersion?: string;
  slackClientVersion?: string;
  ip?: string;
}

export interface ActiveSession {
  sessionId: number;
  teamId: string;
  userId: string;
  created: SessionDevice;
  /** Present when something changed since the session was created. */
  recent?: SessionDevice;
}

/**
 * What happened to one admin call. `uncertain` marks failures where the request may have reached Slack and
 * taken effect (a timeout, a dropped connection, a 5xx): the admin must be told it is unknown, not that it failed.
 */
export type Outcome = { ok: true } | { ok: false; code: string; uncertain: boolean };
