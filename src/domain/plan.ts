import { USER_ID } from './ids';
import type { Skipped } from './types';

/**
 * What the admin is asked to confirm. A plan is kept on the server (the store) under its request ID, bound to the
 * modal Slack opened for it and to the admin who opened it; the modal's `private_metadata` carries only the request
 * ID. A Submit for a modal the app never opened, or by someone else, finds no plan of theirs and runs nothing, and
 * what the policy reads (who is privileged) is what the app looked up, never what a payload says.
 */
export interface PlanBase {
  /** Who opened it: only they may submit it. */
  invokerId: string;
  /** Ties together the records of one command: its confirmation, cancel or submit. */
  requestId: string;
  responseUrl?: string;
  /** The targets who are admins or owners, as looked up for the confirmation: what APPROVAL_REQUIRED=privileged reads. */
  privileged?: string[];
}

/** A plan of some action's kind. */
export type AnyPlan = PlanBase & { kind: string };

export interface SessionKey {
  teamId: string;
  sessionId: number;
}

/** Slack caps private_metadata at 3000 characters. */
export const MAX_METADATA = 3000;

/**
 * How long a confirmation may wait for its Submit: the response_url its result goes to lives 30 minutes (Slack), and
 * a plan older than that is of facts looked up too long ago.
 */
export const PLAN_TTL_MS = 30 * 60_000;

/** A plan as the store keeps it: the plan, the modal it was shown in, and when. */
export interface KeptPlan {
  plan: AnyPlan;
  viewId: string;
  keptAt: Date;
}

export interface DecodeRules {
  maxTargets: number;
  /** The most people a bulk plan may hold (BULK_MAX_TARGETS; none when unset); such a plan is kept in the store. */
  maxBulkTargets?: number;
  /** Whether a response_url may be used; anything else is dropped so a forged plan cannot aim the app elsewhere. */
  isAllowedResponseUrl: (url: string) => boolean;
}

/**
 * The most people one confirmation (or one unattended order) takes, groups included: MAX_TARGETS one by one, and up
 * to BULK_MAX_TARGETS in bulk.
 */
export const mostPeople = (rules: Pick<DecodeRules, 'maxTargets' | 'maxBulkTargets'>): number =>
  Math.max(rules.maxTargets, rules.maxBulkTargets ?? 0);

/** One kind of plan, as it is checked when it comes back: the fields of its kind, or undefined to refuse it. */
export interface PlanSchema<P extends AnyPlan> {
  kind: P['kind'];
  decode(raw: Readonly<Record<string, unknown>>, base: PlanBase, rules: DecodeRules): P | undefined;
}

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What a modal carries of its plan: only which it is. */
export const planRef = (plan: Pick<AnyPlan, 'requestId'>): string =>
  JSON.stringify({ v: 2, requestId: plan.requestId });

/** The request ID a modal's private_metadata names, or undefined for anything else. */
export function readPlanRef(text: unknown): string | undefined {
  if (!isString(text) || text.length > MAX_METADATA) return undefined;
  try {
    const parsed = JSON.parse(text) as { v?: unknown; requestId?: unknown };
    return parsed?.v === 2 && isRequestId(parsed.requestId) ? parsed.requestId : undefined;
  } catch {
    return undefined;
  }
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isUserId = (v: unknown): v is string => isString(v) && USER_ID.test(v);
export const isRequestId = (v: unknown): v is string => isString(v) && REQUEST_ID.test(v);

/**
 * A label is what the app wrote for someone named but left out: an ID, or an email as typed (`no_such.user@x`). It
 * is shown escaped and inert wherever it appears, so it is only bounded here, never judged as markup; a code is a
 * word.
 */
export function isSkipped(v: unknown): v is Skipped {
  const { label, code } = (v ?? {}) as Record<string, unknown>;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a label never holds control characters.
  const printable = isString(label) && /^[^\s\u0000-\u001f\u007f]{1,254}$/.test(label);
  return printable && isString(code) && /^[a-z_]{1,40}$/.test(code);
}

export function unique<T>(items: readonly T[], key: (t: T) => string): boolean {
  return new Set(items.map(key)).size === items.length;
}

/**
 * Checks again what every kept plan has (invoker, request id, response_url, the privileged list) and the fields of
 * its kind, by that kind's schema: the store is the app's own, but a plan written by an older release, or a row
 * changed by hand, must not run unchecked. Never throws; undefined refuses it.
 */
export function decodeKept<P extends AnyPlan>(raw: unknown, rules: DecodeRules, schema: PlanSchema<P>): P | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  if (r.kind !== schema.kind || !isUserId(r.invokerId) || !isRequestId(r.requestId)) {
    return undefined;
  }
  const { privileged } = r;
  if (privileged !== undefined && (!Array.isArray(privileged) || !privileged.every(isUserId))) return undefined;
  const base: PlanBase = {
    invokerId: r.invokerId,
    requestId: r.requestId,
    responseUrl: isString(r.responseUrl) && rules.isAllowedResponseUrl(r.responseUrl) ? r.responseUrl : undefined,
    ...(privileged ? { privileged } : {}),
  };
  return schema.decode(r, base, rules);
}

/** How a session is named in a picker option's value: `T0123ABCD:1234567`. */
export function sessionKeyString(key: SessionKey): string {
  return `${key.teamId}:${key.sessionId}`;
}
