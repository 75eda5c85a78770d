import type {
  AllMiddlewareArgs,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';
import type { Order } from '../domain/approval';
import type { ActionDetails, AuditAction, AuditTarget, PlannedTarget } from '../domain/audit-record';
import type { AnyPlan, PlanSchema } from '../domain/plan';
import type { Report } from '../domain/report';
import type { RunObserver } from '../domain/run-plan';
import type { SlackAuditDeclaration } from '../domain/slack-audit';
import type { SlackSurface } from '../ports/slack-surface';
import type { ActionWords } from '../views/action-words';
import type { ListenerDeps } from './shared/deps';

type Handler<Args> = (deps: ListenerDeps) => (args: AllMiddlewareArgs & Args) => Promise<void>;

/** A modal an action opens: its plan's kind, the handler of its Submit, and what its Cancel records. */
export interface Modal<P extends AnyPlan = AnyPlan> {
  callbackId: string;
  plan: PlanSchema<P>;
  onSubmit: Handler<SlackViewMiddlewareArgs>;
  /** The targets (and details) a Cancel of this plan is recorded with; nobody was touched. */
  cancelled(plan: P): { targets: PlannedTarget[]; details?: ActionDetails };
}

/**
 * One thing an admin can do, as Slack reaches it: a slash command, and the modals it opens (each by callback_id).
 * Registration, the allowlist gate and Cancel records all come from here (see registry.ts).
 */
export interface Action {
  /** What the audit trail calls it; a refused use of the command is recorded under it too. */
  audit: AuditAction;
  /** How the result, progress, audit post, history and App Home speak of it. */
  words: ActionWords;
  /** The slash command, as declared in manifest.yml. */
  command: string;
  onCommand: Handler<SlackCommandMiddlewareArgs>;
  modals: Modal[];
  /** Buttons of its own in what the app posts (a bulk result's "Verify now"), each by action_id. */
  buttons?: { actionId: string; onClick: Handler<SlackActionMiddlewareArgs<BlockButtonAction>> }[];
  /**
   * What a confirmed order runs, rebuilt from the order alone: at Submit, or when a second admin approves it later
   * (then from the store, so its plan is checked again by its schema). Undefined when the plan does not decode.
   */
  prepare(order: Order, deps: ListenerDeps): Prepared | undefined;
  /**
   * How Slack's own audit log records what it does, when it does: then, with SLACK_AUDIT_TOKEN, each run is confirmed
   * per target from Slack's entries, and the same entries made by anyone else are posted as actions outside the app.
   */
  slackAudit?: SlackAuditDeclaration;
}

/** A confirmed order, ready: the targets its records list, and how to carry it out. */
export interface Prepared {
  /** The targets the "started" record lists, each pending. */
  targets: PlannedTarget[];
  /** Its own facts about the order (a reset's scope), in every record of it and in words wherever it is shown. */
  details?: ActionDetails;
  /** The admin calls, telling `observer` of each target finished; resolves with what came of them. */
  run(observer: RunObserver): Promise<Omit<Report, 'action'>>;
  /** How what it did is checked with Slack afterwards, when it can be (a sign-out: the session list). */
  check?: AfterCheck;
  /**
   * An order to run once this one is reported, for what it did (a reset's "then shorten their sessions"): it runs
   * through the same story, claimed once under a request ID of its own, with records of its own, and its result
   * follows the first one's as a note. Undefined when there is nothing to follow up.
   */
  followedBy?(report: Report): Order | undefined;
}

/** How an order's effect is checked with Slack once its report is out. Never in a dry run: nothing changed. */
export interface AfterCheck {
  /** Whether this report holds anything to check (someone signed out; the operator's switch). */
  wanted(report: Report): boolean;
  /** What Slack shows now: the targets of the `verified` record, and the message that tells the admin. */
  run(report: Report, slack: SlackSurface): Promise<{ targets: AuditTarget[]; message: string }>;
}
