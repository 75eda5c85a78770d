import type {
  AllMiddlewareArgs,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';
import type { Order } from '../domain/approval';
import type { AuditAction, AuditRecord, PlannedTarget } from '../domain/audit-record';
import type { AnyPlan, PlanSchema } from '../domain/plan';
import type { Report } from '../domain/report';
import type { RunObserver } from '../domain/run-plan';
import type { SlackAuditDeclaration } from '../domain/slack-audit';
import type { ActionWords } from '../views/action-words';
import type { ListenerDeps } from './shared/deps';

type Handler<Args> = (deps: ListenerDeps) => (args: AllMiddlewareArgs & Args) => Promise<void>;

/** A modal an action opens: its plan's kind, the handler of its Submit, and what its Cancel records. */
export interface Modal<P extends AnyPlan = AnyPlan> {
  callbackId: string;
  plan: PlanSchema<P>;
  onSubmit: Handler<SlackViewMiddlewareArgs>;
  /** The targets (and scope) a Cancel of this plan is recorded with; nobody was touched. */
  cancelled(plan: P): { targets: PlannedTarget[]; scope?: AuditRecord['scope'] };
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
  scope?: AuditRecord['scope'];
  /**
   * Whether what it did can be checked afterwards with Slack's session list (VERIFY_AFTER_RESET): sign-outs can;
   * an action that ends no session has nothing there to check.
   */
  checkAfterwards?: boolean;
  /** The admin calls, one per target, telling `observer` of each; resolves with what came of them. */
  run(observer: RunObserver): Promise<Omit<Report, 'action'>>;
}
