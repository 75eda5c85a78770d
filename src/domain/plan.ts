import { USER_ID } from './ids';
import type { Result, Skipped } from './types';

/**
 * What the admin is asked to confirm. A plan travels to Slack in the modal's `private_metadata` and comes back on
 * Submit; from then on it is input like any other, so it is checked again: here what every plan has, and in each
 * action's `PlanSchema` the fields of its own kind.
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

export interface DecodeRules {
  maxTargets: number;
  /** The most people a bulk plan may hold (BULK_MAX_TARGETS; none when unset); such a plan is kept in the store. */
  maxBulkTargets?: number;
  /** Whether a response_url may be used; anything else is dropped so a forged plan cannot aim the app elsewhere. */
  isAllowedResponseUrl: (url: string) => boolean;
}

/** One kind of plan, as it is checked when it comes back: the fields of its kind, or undefined to refuse it. */
export interface PlanSchema<P extends AnyPlan> {
  kind: P['kind'];
  decode(raw: Readonly<Record<string, unknown>>, base: PlanBase, rules: DecodeRules): P | undefined;
}

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const serializePlan = <P extends AnyPlan>(plan: P): string => JSON.stringify({ v: 1, ...plan });

export function encodePlan<P extends AnyPlan>(plan: P): string {
  const text = serializePlan(plan);
  if (text.length > MAX_METADATA) {
    throw new Error(`plan is ${text.length} characters; private_metadata holds ${MAX_METADATA}`);
  }
  return text;
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isUserId = (v: unknown): v is string => isString(v) && USER_ID.test(v);

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

export interface Envelope {
  kind: unknown;
  base: PlanBase;
  raw: Readonly<Record<string, unknown>>;
}

/**
 * Parses private_metadata and checks what every plan has (version, invoker, request id, response_url); the fields
 * of its kind are left to that kind's schema. Never throws; a refusal is the code `invalid_plan`.
 */
export function decodeEnvelope(text: unknown, rules: DecodeRules): Result<Envelope> {
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
  const { privileged } = raw;
  if (privileged !== undefined) {
    if (!Array.isArray(privileged) || privileged.length > rules.maxTargets || !privileged.every(isUserId)) {
      return refuse;
    }
  }
  const base: PlanBase = {
    invokerId: raw.invokerId,
    requestId: raw.requestId,
    responseUrl: isString(raw.responseUrl) && rules.isAllowedResponseUrl(raw.responseUrl) ? raw.responseUrl : undefined,
    ...(privileged ? { privileged } : {}),
  };
  return { ok: true, value: { kind: raw.kind, base, raw } };
}

/** A plan of one of `schemas`' kinds, checked again field by field. Never throws. */
export function decodePlan<P extends AnyPlan>(
  text: unknown,
  rules: DecodeRules,
  schemas: readonly PlanSchema<P>[],
): Result<P> {
  const envelope = decodeEnvelope(text, rules);
  if (!envelope.ok) return envelope;
  const { kind, base, raw } = envelope.value;
  const plan = schemas.find((s) => s.kind === kind)?.decode(raw, base, rules);
  return plan ? { ok: true, value: plan } : { ok: false, error: 'invalid_plan' };
}

/** How a session is named in a picker option's value: `T0123ABCD:1234567`. */
export function sessionKeyString(key: SessionKey): string {
  return `${key.teamId}:${key.sessionId}`;
}
