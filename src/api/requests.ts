import { readScope, resetUnattended } from '../actions/reset/unattended';
import { readChange, settingsUnattended } from '../actions/session-settings/unattended';
import { readFlag, readPeople, readReason } from '../actions/shared/order-inputs';
import { type Asked, type OrderRequest, orderRequest, type Unattended } from '../actions/shared/unattended';
import { truncate } from '../domain/text';
import type { Result } from '../domain/types';
import type { ApiAction } from './authenticate';

/** A POST body, read: its idempotency key, what it asks (the fingerprint's source), and the order it makes. */
export interface ApiAsk {
  idempotencyKey: string;
  /** What it asks, as read: the same request sent with other spacing or field order reads the same. */
  asked: Asked<unknown>;
  request: OrderRequest;
}

export type BodyRead = { ok: true; value: ApiAsk } | { ok: false; problems: string[] };

/** One of the API's actions: its routes' path, the action it orders, and how its POST body reads. */
export interface ApiRoute {
  action: ApiAction;
  /** POST here; GET `${path}/{requestId}`. */
  path: string;
  /** The action's name in the audit trail. */
  audit: string;
  /** Reads a POST body (pure; at most `most` people): what it asks, or every problem with it. */
  read(body: unknown, most: number): BodyRead;
}

/** How many unknown fields of a body a 400 names one by one. */
const MAX_NAMED_UNKNOWN = 10;

/** An idempotency key: printable, no spaces, short enough to log and keep. */
const KEY = /^[\x21-\x7e]{1,200}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A route whose body names `people` with a `reason` and an `idempotencyKey`, plus fields of its own (`readAsk`).
 * Every problem is found and said at once, naming the field; a field the route does not know is one too (a
 * misspelled `scope` must not become "every session").
 */
function route<Ask>(
  action: ApiAction,
  unattended: Unattended<Ask>,
  own: readonly string[],
  readAsk: (body: Record<string, unknown>) => Result<{ ask: Ask; notify: boolean }>,
): ApiRoute {
  const fields = ['people', 'reason', 'idempotencyKey', ...own];
  return {
    action,
    path: `/api/v1/${action}`,
    audit: unattended.action,
    read(body, most) {
      if (!isObject(body)) return { ok: false, problems: ['The body must be a JSON object.'] };
      // A few unknown fields are named; a body of thousands of them gets no answer of thousands of sentences.
      const unknown = Object.keys(body).filter((k) => !fields.includes(k));
      const problems = unknown
        .slice(0, MAX_NAMED_UNKNOWN)
        .map((k) => `${JSON.stringify(truncate(k, 40))} is not a field of this request (${fields.join(', ')}).`);
      if (unknown.length > MAX_NAMED_UNKNOWN) {
        problems.push(`And ${unknown.length - MAX_NAMED_UNKNOWN} more fields this request does not have.`);
      }
      const people = readPeople(body.people, 'people', most);
      const reason = readReason(body.reason, 'reason');
      const ask = readAsk(body);
      const key = body.idempotencyKey;
      if (typeof key !== 'string' || !KEY.test(key)) {
        problems.push(
          'idempotencyKey is required: 1 to 200 printable characters without spaces, the same on every retry of this request.',
        );
      }
      for (const r of [people, reason, ask]) if (!r.ok) problems.push(r.error);
      if (!people.ok || !reason.ok || !ask.ok || problems.length > 0) return { ok: false, problems };
      const asked: Asked<Ask> = {
        named: { refs: people.value, groups: [] },
        ask: ask.value.ask,
        reason: reason.value,
        notify: ask.value.notify,
      };
      return { ok: true, value: { idempotencyKey: key as string, asked, request: orderRequest(asked, unattended) } };
    },
  };
}

/** POST /api/v1/sign-outs: `people`, `scope` (all, mobile or web; all when left out), `reason`, `notify`. */
const signOuts = route('sign-outs', resetUnattended, ['scope', 'notify'], (body) => {
  const scope = readScope(body.scope, 'scope');
  const notify = readFlag(body.notify, 'notify');
  if (!scope.ok) return scope;
  if (!notify.ok) return notify;
  return { ok: true, value: { ask: { scope: scope.value }, notify: notify.value } };
});

/**
 * POST /api/v1/session-settings: `people`, `reason`, and `duration` (`8h`, `7d`, or seconds) and/or
 * `quitEndsSession`, or `clear` alone. Nobody is told by DM of a settings change.
 */
const sessionSettings = route(
  'session-settings',
  settingsUnattended,
  ['duration', 'quitEndsSession', 'clear'],
  (body) => {
    const change = readChange({
      duration: body.duration,
      quitEndsSession: body.quitEndsSession,
      clear: body.clear,
      fields: { duration: 'duration', quitEndsSession: 'quitEndsSession', clear: 'clear' },
    });
    return change.ok ? { ok: true, value: { ask: { change: change.value }, notify: false } } : change;
  },
);

export const API_ROUTES: readonly ApiRoute[] = [signOuts, sessionSettings];
