import type { Origin } from './origin';
import type { AnyPlan } from './plan';

/**
 * Why a plan waits for a second admin: APPROVAL_REQUIRED's reasons, or that a Workflow Builder step asked for it
 * (whoever built the workflow chose its people, not necessarily the admin who used it).
 */
export type ApprovalWhy = 'privileged' | 'bulk' | 'always' | 'workflow';

export interface ApprovalRule {
  policy: 'never' | Exclude<ApprovalWhy, 'workflow'>;
  bulkThreshold: number;
}

/** Whether a plan for `people` people, `privileged` of them admins or owners, needs a second admin, and why. */
export function approvalNeeded(rule: ApprovalRule, people: number, privileged: number): ApprovalWhy | undefined {
  if (rule.policy === 'always') return 'always';
  if (rule.policy === 'privileged' && privileged > 0) return 'privileged';
  if (rule.policy === 'bulk' && people > rule.bulkThreshold) return 'bulk';
  return undefined;
}

/**
 * A confirmed plan as it will run: the exact plan the admin saw, the reason, and the choices made on Submit. What an
 * approval request keeps, so what runs on approval is exactly what the approver was shown.
 */
export interface Order {
  /** The action's name in the audit trail. */
  action: string;
  plan: AnyPlan;
  reason?: string;
  /** Tell the people signed out by DM. */
  notify: boolean;
  /** Where it came from when not from a modal (a workflow step, an API client): what hears its fate. */
  origin?: Origin;
}

export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'expired';

/** A request for a second admin's approval, kept in the store from the moment it is made. */
export interface ApprovalRequest {
  /** The plan's request ID: one request per confirmation. */
  id: string;
  requesterId: string;
  order: Order;
  why: ApprovalWhy;
  createdAt: string;
  expiresAt: string;
  status: ApprovalStatus;
  deciderId?: string;
  decidedAt?: string;
  /** A denial's reason, as the approver typed it. */
  denyReason?: string;
  /** Where the request was posted, once it was. */
  channel?: string;
  messageTs?: string;
}

export interface ApprovalDecision {
  status: Exclude<ApprovalStatus, 'pending'>;
  deciderId?: string;
  reason?: string;
  at: Date;
}
