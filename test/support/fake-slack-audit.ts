import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ADMIN_TOKEN_OWNER,
  type AdminEffect,
  ENTERPRISE_ID,
  type FakeSlack,
  SlidingWindow,
  TEST_RATE_SCALE,
} from './fake-slack';

/** An Org Owner's user token with auditlogs:read: the only kind the Audit Logs API takes. Obviously fake. */
export const AUDIT_OWNER_TOKEN = 'xoxp-fake-org-owner-audit-token-for-tests';

/** An entry as Slack's Audit Logs API shapes it (its reference; java-slack-sdk's and python-slack-sdk's samples). */
export interface FakeAuditEntry {
  id: string;
  date_create: number;
  action: string;
  actor: { type: string; user: { id: string; name: string; email: string; team: string } };
  entity: Record<string, unknown> & { type: string };
  context: {
    location: { type: string; id: string; name: string; domain: string };
    ua: string;
    ip_address: string;
    session_id: number | string;
  };
  details?: Record<string, unknown>;
}

/** One request to the fake: its token, its query, and the status it got. */
export interface AuditCall {
  token?: string;
  query: Record<string, string>;
  status: number;
}

const ORG = { id: ENTERPRISE_ID, name: 'Acme', domain: 'acme' };

/**
 * Slack's Audit Logs API on loopback, at a base URL of its own (`/audit/v1/`), as strict as Slack's reference: GET
 * /logs only, a bearer token that must be an Org Owner's (an admin's user token gets `not_allowed_token_type`, an
 * unknown one `invalid_auth`, a revoked one `token_revoked`), Tier 3 counted for the whole organization (scaled like
 * the fake Web API's tiers), filters by action (30 at most), actor, entity and an inclusive time window, newest
 * first, a page of `limit` (up to 9,999) with a cursor, and errors as HTTP statuses with `{"ok": false, "error"}`.
 *
 * The truth is not hand-fed: each admin call the fake Web API took effect for (FakeSlack.effects) becomes the entry
 * Slack would write, with the admin token's owner as its actor, and shows only after a delay (Slack's log is not
 * instant; a bulk reset's entry comes when its job has run). Entries the app did not cause are added with `addEntry`.
 */
export class FakeSlackAudit {
  readonly calls: AuditCall[] = [];
  /** Slack's tiers run this many times faster (as the fake Web API's); 0 turns the limit off. */
  rateScale = TEST_RATE_SCALE;
  /** How long after an admin call its entry shows. */
  delayMs = 150;
  /** How long after a bulk reset its job's entry shows. */
  bulkDelayMs = 400;
  /** `succeeded_users` / `failed_users` as an array, or (as Slack also sends them) a JSON-encoded string. */
  bulkListsAs: 'array' | 'string' = 'string';
  /** People whose entries never show (Slack lost them, or it is slower than the app waits). */
  readonly neverShown = new Set<string>();
  /** The owner's token was revoked: it gets `token_revoked` from now on. */
  revoked = false;
  /** The next this many requests are answered 429 with Retry-After: 1. */
  limitNext = 0;
  private readonly entries: { entry: FakeAuditEntry; shownAt: number }[] = [];
  private seenEffects = 0;
  private window?: SlidingWindow;
  private server?: Server;
  origin = '';

  constructor(private readonly web: FakeSlack) {}

  get url(): string {
    return `${this.origin}/audit/v1/`;
  }

  /** Requests to /logs that Slack answered with entries. */
  logsCalls(): AuditCall[] {
    return this.calls.filter((c) => c.status === 200);
  }

  /** Every entry Slack holds now, shown or not yet, oldest first. */
  all(): FakeAuditEntry[] {
    this.fromEffects();
    return this.entries.map((e) => e.entry);
  }

  /**
   * An entry the app did not cause: someone at the admin dashboard, another tool, Slack's anomaly response. It shows
   * after `shownAfterMs`.
   */
  addEntry(
    e: { action: string; actorId: string; targetId?: string; details?: Record<string, unknown>; ip?: string },
    shownAfterMs = 0,
  ): FakeAuditEntry {
    const entry = this.entry(
      Date.now(),
      e.action,
      e.actorId,
      e.targetId ? { type: 'user', user: this.user(e.targetId) } : { type: 'enterprise', enterprise: ORG },
      e.details,
      e.ip,
    );
    this.entries.push({ entry, shownAt: Date.now() + shownAfterMs });
    return entry;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private user(id: string) {
    const u = this.web.users.get(id);
    return {
      id,
      name: u?.name ?? id.toLowerCase(),
      email: u?.profile.email ?? `${id.toLowerCase()}@example.com`,
      team: ENTERPRISE_ID,
    };
  }

  private entry(
    at: number,
    action: string,
    actorId: string,
    entity: FakeAuditEntry['entity'],
    details?: Record<string, unknown>,
    ip = '198.51.100.7',
  ): FakeAuditEntry {
    return {
      id: randomUUID(),
      date_create: Math.floor(at / 1000),
      action,
      actor: { type: 'user', user: this.user(actorId) },
      entity,
      context: {
        location: { type: 'enterprise', ...ORG },
        ua: 'Mozilla/5.0',
        ip_address: ip,
        session_id: 1656410836837,
      },
      ...(details ? { details } : {}),
    };
  }

  /** Slack's entry for each admin call that took effect, made once, as the fake Web API recorded it. */
  private fromEffects(): void {
    for (const effect of this.web.effects.slice(this.seenEffects)) {
      this.entries.push(...this.effectEntries(effect));
    }
    this.seenEffects = this.web.effects.length;
  }

  /** Slack's entries for one admin call: one per person a settings change names, else one (or none). */
  private effectEntries(effect: AdminEffect): { entry: FakeAuditEntry; shownAt: number }[] {
    if (effect.method === 'admin.users.session.setSettings' || effect.method === 'admin.users.session.clearSettings') {
      const actor = effect.token?.startsWith('xoxp-') ? ADMIN_TOKEN_OWNER : 'W0UNKNOWN1';
      const ids = JSON.parse(effect.args.user_ids ?? '[]') as string[];
      // A clear puts them back on the organization's default: Slack's entry carries no setting of their own.
      const details =
        effect.method === 'admin.users.session.clearSettings'
          ? {}
          : {
              ...(effect.args.duration ? { duration: Number(effect.args.duration) } : {}),
              ...(effect.args.desktop_app_browser_quit
                ? { desktop_app_browser_quit: effect.args.desktop_app_browser_quit === 'true' }
                : {}),
            };
      return ids
        .filter((id) => !this.neverShown.has(id))
        .map((id) => ({
          entry: this.entry(
            effect.at,
            'user_session_settings_changed',
            actor,
            { type: 'user', user: this.user(id) },
            details,
          ),
          shownAt: effect.at + this.delayMs,
        }));
    }
    const one = this.effectEntry(effect);
    return one ? [one] : [];
  }

  private effectEntry(effect: AdminEffect): { entry: FakeAuditEntry; shownAt: number } | undefined {
    // Slack names the token's owner as the actor, whoever pressed the button.
    const actor = effect.token?.startsWith('xoxp-') ? ADMIN_TOKEN_OWNER : 'W0UNKNOWN1';
    const userId = effect.args.user_id ?? '';
    const list = (ids: string[]) => (this.bulkListsAs === 'array' ? ids : JSON.stringify(ids));
    switch (effect.method) {
      case 'admin.users.session.reset': {
        if (this.neverShown.has(userId)) return undefined;
        const details = {
          mobile_only: effect.args.mobile_only === 'true',
          web_only: effect.args.web_only === 'true',
          non_sso_only: false,
        };
        const entity = { type: 'user', user: this.user(userId) };
        const entry = this.entry(effect.at, 'user_session_reset_by_admin', actor, entity, details);
        return { entry, shownAt: effect.at + this.delayMs };
      }
      case 'admin.users.session.invalidate': {
        if (this.neverShown.has(userId)) return undefined;
        const entry = this.entry(effect.at, 'user_session_invalidated', actor, {
          type: 'user',
          user: this.user(userId),
        });
        return { entry, shownAt: effect.at + this.delayMs };
      }
      case 'admin.users.session.resetBulk': {
        const shown = (ids: string[] = []) => ids.filter((id) => !this.neverShown.has(id));
        const details = { succeeded_users: list(shown(effect.succeeded)), failed_users: list(shown(effect.failed)) };
        const ran = effect.at + this.bulkDelayMs;
        const entry = this.entry(
          ran,
          'bulk_session_reset_by_admin',
          actor,
          { type: 'enterprise', enterprise: ORG },
          details,
        );
        return { entry, shownAt: ran };
      }
      default:
        return undefined;
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for await (const _ of req) {
      // A GET has no body to read.
    }
    const url = new URL(req.url ?? '/', this.origin);
    const query = Object.fromEntries(url.searchParams);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      this.calls.push({ token, query, status });
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };
    const fail = (status: number, error: string) => answer(status, { ok: false, error });

    if (url.pathname !== '/audit/v1/logs') return fail(404, 'unknown_method');
    if (req.method !== 'GET') return fail(405, 'method_not_allowed');
    if (!token) return fail(401, 'not_authed');
    if (token !== AUDIT_OWNER_TOKEN) {
      // Any other user token (an admin's), a bot or app token: the API takes only an Org Owner's.
      return token.startsWith('xox') || token.startsWith('xapp-')
        ? fail(403, 'not_allowed_token_type')
        : fail(401, 'invalid_auth');
    }
    if (this.revoked) return fail(401, 'token_revoked');
    const limited = (seconds: number) =>
      answer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(seconds) });
    if (this.limitNext > 0) {
      this.limitNext -= 1;
      return limited(1);
    }
    // Tier 3, counted for the whole organization: every replica's queries share it.
    if (this.rateScale > 0) {
      this.window ??= new SlidingWindow(50, 60_000 / this.rateScale);
      const retryAfter = this.window.check(Date.now());
      if (retryAfter !== undefined) return limited(retryAfter);
    }

    const limit = query.limit === undefined ? 100 : Number(query.limit);
    const actions = query.action?.split(',') ?? [];
    const number = (v: string | undefined) => (v === undefined ? undefined : Number(v));
    const [oldest, latest] = [number(query.oldest), number(query.latest)];
    if (!Number.isInteger(limit) || limit < 1 || limit > 9999 || actions.length > 30) {
      return fail(400, 'invalid_arguments');
    }
    if ([oldest, latest].some((t) => t !== undefined && !Number.isInteger(t))) return fail(400, 'invalid_arguments');
    const start = query.cursor === undefined ? 0 : Number(Buffer.from(query.cursor, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) return fail(400, 'invalid_cursor');

    this.fromEffects();
    const now = Date.now();
    const matching = this.entries
      .filter(({ entry: e, shownAt }) => {
        const entityIds = [
          (e.entity.user as { id?: string } | undefined)?.id,
          (e.entity.enterprise as { id?: string } | undefined)?.id,
        ];
        return (
          shownAt <= now &&
          (actions.length === 0 || actions.includes(e.action)) &&
          (oldest === undefined || e.date_create >= oldest) &&
          (latest === undefined || e.date_create <= latest) &&
          (query.actor === undefined || e.actor.user.id === query.actor) &&
          (query.entity === undefined || entityIds.includes(query.entity))
        );
      })
      .map(({ entry }) => entry)
      // Newest first, Slack's default order.
      .reverse()
      .sort((a, b) => b.date_create - a.date_create);
    const page = matching.slice(start, start + limit);
    const next = start + limit < matching.length ? Buffer.from(String(start + limit)).toString('base64url') : '';
    answer(200, { entries: page, response_metadata: { next_cursor: next } });
  }
}
