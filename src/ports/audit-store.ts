import type { ApprovalDecision, ApprovalRequest } from '../domain/approval';
import type { AuditAction, AuditRecord } from '../domain/audit-record';
import type { AnyPlan, KeptPlan } from '../domain/plan';

/**
 * Where records are kept for reading back (App Home, history, cooldown, run-once). SQLite on local disk by default;
 * PostgreSQL when DATABASE_URL is set, shared by every replica. Both pass one contract suite.
 */
export interface AuditStore {
  /**
   * Creates or brings the schema up to date, and resolves with its version; called once at start, before anything
   * else. Refuses a schema newer than the code knows.
   */
  migrate(): Promise<number>;
  append(record: AuditRecord): Promise<void>;
  /**
   * Newest first, leaving out refused requests that named nobody (someone off the allowlist trying a command):
   * anyone can cause those, so they must not push the admins' actions out of view.
   */
  recent(limit: number): Promise<AuditRecord[]>;
  /** Those refused requests since `since`: how many, and by how many people. */
  refusalsSince(since: Date): Promise<{ attempts: number; people: number }>;
  /** Newest first: records naming this user as a target. */
  forTarget(userId: string, limit: number): Promise<AuditRecord[]>;
  /**
   * For each user, the time of the latest `action` on them that did (or may have) happen since `since`: what a
   * cooldown asks. The action is the caller's to name; the store knows no action by name.
   */
  lastActed(
    action: AuditAction,
    userIds: readonly string[],
    since: Date,
    exceptRequestId?: string,
  ): Promise<Map<string, Date>>;
  /** The "started" records of plans that never got a final record (carried out, partial, unknown, failed). */
  unfinishedPlans(): Promise<AuditRecord[]>;
  /** Whether a plan with this request ID was already started, carried out or cancelled (read only). */
  wasExecuted(requestId: string): Promise<boolean>;
  /**
   * Claims a plan to run, once and for all: true for exactly one caller among every process that shares the store,
   * and only while no record says the plan was started, carried out, cancelled, denied or expired (nor the approval
   * request itself, should its record have been lost). A plan runs once, if ever. Any
   * other key (`abandoned:<id>`, say) claims a one-time job the same way.
   */
  claim(requestId: string): Promise<boolean>;
  /**
   * A throttle every process shares, for posts that anyone can cause over and over: `post` is true when the last
   * post under `key` is at least `windowMs` older than `now` (or there was none), and then `heldBack` counts the
   * posts held back since it. Otherwise this one is held back, and counted.
   */
  throttle(key: string, windowMs: number, now: Date): Promise<{ post: boolean; heldBack: number }>;
  /** Keeps a new approval request; false when one with its id exists already (the same Submit, twice). */
  createApproval(request: ApprovalRequest): Promise<boolean>;
  getApproval(id: string): Promise<ApprovalRequest | undefined>;
  /** Where the request was posted, so its message can be updated and its result threaded under it. */
  setApprovalMessage(id: string, channel: string, ts: string): Promise<void>;
  /**
   * Decides a pending request, once and for all: the decided request for exactly one caller among every process,
   * and only while it is pending and, to approve or deny, unexpired at `decision.at` (to expire, expired by then).
   * Undefined for everyone else.
   */
  decideApproval(id: string, decision: ApprovalDecision): Promise<ApprovalRequest | undefined>;
  /** How many requests are still pending (a metric). */
  pendingApprovals(): Promise<number>;
  /** Pending requests whose expiry is past at `now`, oldest first. */
  expiredApprovals(now: Date): Promise<ApprovalRequest[]>;
  /**
   * Keeps a confirmation's plan under its request ID, bound to the modal it is shown in, for its Submit (or Cancel)
   * to read back on any replica. Keeping it again (the picker's plan, then the confirmation's, in one modal)
   * replaces it.
   */
  keepPlan(plan: AnyPlan, viewId: string): Promise<void>;
  keptPlan(requestId: string): Promise<KeptPlan | undefined>;
  /**
   * Runs Slack's audit log may confirm, oldest first: a final record since `since` (never a dry run) with a target
   * done, queued or unknown, and no `confirmed_by_slack` record yet; with when the run started (its "started" record).
   */
  unconfirmedRuns(since: Date): Promise<{ record: AuditRecord; startedAt: string }[]>;
  /**
   * A turn at a job every process shares (a run's check with Slack's log, the scan of it): this caller's when no turn
   * was taken under `key`, or the last one's hold has passed at `now`, and then held until `holdUntil`. Its number
   * (1 for the first) and the note the last turn left come back; undefined for everyone else.
   */
  takeTurn(key: string, now: Date, holdUntil: Date): Promise<{ turn: number; note?: number } | undefined>;
  /** Ends a turn: the next may be taken from `nextAt`; a `note` (a number, such as a time) is kept for it. */
  endTurn(key: string, nextAt: Date, note?: number): Promise<void>;
  /** Every record of one request, oldest first: what an API client reads of its request. */
  recordsOf(requestId: string): Promise<AuditRecord[]>;
  /**
   * A signed API request's signature (a digest of it), the first time it is offered before `expiresAt`: true; false
   * for a replay, whichever replica saw it first. Signatures past their expiry are forgotten.
   */
  firstUse(signature: string, expiresAt: Date): Promise<boolean>;
  /**
   * An API client's request under its idempotency key, kept the first time (`first: true`); afterwards the one kept
   * then, whatever this one asks (the caller compares their fingerprints), for every replica alike.
   */
  keepApiRequest(request: ApiRequest): Promise<{ request: ApiRequest; first: boolean }>;
  /** The API request behind a request ID, and so the client it belongs to. */
  apiRequest(requestId: string): Promise<ApiRequest | undefined>;
  close(): Promise<void>;
}

/** What an API client asked for, under its own idempotency key: its request ID, and a fingerprint of what it asked. */
export interface ApiRequest {
  client: string;
  idempotencyKey: string;
  requestId: string;
  /** The route's action (sign-outs, session-settings). */
  action: string;
  /** A digest of the request as read (people, scope, reason, …): the same key with another body is a conflict. */
  fingerprint: string;
  at: Date;
}
