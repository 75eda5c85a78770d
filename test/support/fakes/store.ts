/** The audit store (the AuditStore port) and the audit log (AuditLog), for tests. */

import { openSqliteAuditStore } from '../../../src/adapters/sqlite-audit-store';
import type { ApprovalDecision, ApprovalRequest } from '../../../src/domain/approval';
import type { AuditRecord, AuditTarget } from '../../../src/domain/audit-record';
import type { AnyPlan, KeptPlan } from '../../../src/domain/plan';
import type { ApiRequest, AuditStore } from '../../../src/ports/audit-store';
import type { AuditLog } from '../../../src/ports/slack-surface';
import { OTHER_ADMIN } from './people';

/**
 * The SQLite store itself, in memory (the store contract suite covers it), with what tests need beside it: every
 * record appended and every plan kept, to read synchronously, and a switch that makes its reads fail as an
 * unreadable database does. No rule of the store is written again here.
 */
export class MemoryAuditStore implements AuditStore {
  private readonly inner = openSqliteAuditStore(':memory:');
  readonly records: AuditRecord[] = [];
  readonly plans = new Map<string, KeptPlan>();
  /** Set it to make every read (and claim) fail, as an unreadable database does. */
  unreadable?: Error;

  private read<T>(work: () => Promise<T>): Promise<T> {
    return this.unreadable ? Promise.reject(this.unreadable) : work();
  }

  migrate = () => this.inner.migrate();
  async append(record: AuditRecord): Promise<void> {
    this.records.push(structuredClone(record));
    await this.inner.append(record);
  }
  recent = (limit: number) => this.read(() => this.inner.recent(limit));
  refusalsSince = (since: Date) => this.read(() => this.inner.refusalsSince(since));
  forTarget = (userId: string, limit: number) => this.read(() => this.inner.forTarget(userId, limit));
  lastActed = (action: string, userIds: readonly string[], since: Date, except?: string) =>
    this.read(() => this.inner.lastActed(action, userIds, since, except));
  unfinishedPlans = () => this.read(() => this.inner.unfinishedPlans());
  wasExecuted = (requestId: string) => this.read(() => this.inner.wasExecuted(requestId));
  claim = (requestId: string) => this.read(() => this.inner.claim(requestId));
  throttle = (key: string, windowMs: number, now: Date) => this.read(() => this.inner.throttle(key, windowMs, now));
  createApproval = (r: ApprovalRequest) => this.inner.createApproval(r);
  getApproval = (id: string) => this.inner.getApproval(id);
  setApprovalMessage = (id: string, channel: string, ts: string) => this.inner.setApprovalMessage(id, channel, ts);
  decideApproval = (id: string, d: ApprovalDecision) => this.inner.decideApproval(id, d);
  pendingApprovals = () => this.inner.pendingApprovals();
  expiredApprovals = (now: Date) => this.inner.expiredApprovals(now);
  /** SQLite in memory writes at once: a plan kept without awaiting is there for the next line. */
  keepPlan(plan: AnyPlan, viewId: string): Promise<void> {
    this.plans.set(plan.requestId, { plan: structuredClone(plan), viewId, keptAt: new Date() });
    return this.inner.keepPlan(plan, viewId);
  }
  /** From what was kept here, which a test may change to stand for a row changed by hand or an old one. */
  keptPlan = (requestId: string) => this.read(async () => this.plans.get(requestId));
  unconfirmedRuns = (since: Date) => this.read(() => this.inner.unconfirmedRuns(since));
  takeTurn = (key: string, now: Date, holdUntil: Date) => this.read(() => this.inner.takeTurn(key, now, holdUntil));
  endTurn = (key: string, nextAt: Date, note?: number) => this.inner.endTurn(key, nextAt, note);
  recordsOf = (requestId: string) => this.read(() => this.inner.recordsOf(requestId));
  firstUse = (signature: string, expiresAt: Date) => this.read(() => this.inner.firstUse(signature, expiresAt));
  keepApiRequest = (request: ApiRequest) => this.read(() => this.inner.keepApiRequest(request));
  apiRequest = (requestId: string) => this.read(() => this.inner.apiRequest(requestId));
  close = () => this.inner.close();
}

/** The audit log: collects every record and, as the app's store sink does, keeps it in the store. */
export class RecordingAuditLog implements AuditLog {
  readonly records: AuditRecord[] = [];
  constructor(private readonly store: AuditStore) {}

  async record(record: AuditRecord): Promise<void> {
    this.records.push(record);
    await this.store.append(record).catch(() => undefined);
  }

  /** Records other than the "started" marker written before the admin calls. */
  final(): AuditRecord[] {
    return this.records.filter((r) => r.outcome !== 'started');
  }
}

/** A record as an earlier reset of `userId` left it, `minutes` ago. */
export function pastReset(
  userId: string,
  minutes: number,
  over: Partial<AuditRecord> & { result?: AuditTarget['result'] } = {},
): AuditRecord {
  const { result = 'done', ...rest } = over;
  return {
    time: new Date(Date.now() - minutes * 60_000).toISOString(),
    requestId: '00000000-0000-4000-8000-000000000001',
    invokerId: OTHER_ADMIN,
    action: 'reset',
    outcome: result === 'done' ? 'executed' : 'partial',
    details: { scope: 'all' },
    targets: [{ userId, result }],
    ...rest,
  };
}
