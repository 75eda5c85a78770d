import type { ActionDetails, PlannedTarget } from '../domain/audit-record';

/**
 * How the views speak of one action: each action says it once (actions/<name>/words.ts), and the result, the
 * progress, the approval request, the audit post, the history and App Home all use it.
 */
export interface ActionWords {
  /** The modal title: 24 characters at most. */
  title: string;
  /** "Signed out", "signed out", "Signing out": the summary's verb, its dry-run form, and the progress line's. */
  verb: string;
  past: string;
  doing: string;
  /** What is counted: "person" / "people". */
  one: string;
  many: string;
  /**
   * Its details (an order's, or a target's) in a few words of mrkdwn: "mobile sessions only", "8 hours". Undefined
   * for details it does not know (a record written by another release), which are then not shown.
   */
  describe?(details: ActionDetails): string | undefined;
  /** One target's line in a result: who or what, and what was done to it, given the order's details. */
  line(target: PlannedTarget, details?: ActionDetails): { subject: string; done: string };
  /** What its check afterwards asks Slack, for the line that says the findings follow ("Checking … what is left"). */
  checking?: string;
  /**
   * Its own methods' error codes in sentences, read before the shared table (views/error-sentences.ts): a code can
   * mean something else for one method (setSettings' `user_not_found` is about one of up to 1,000 people).
   */
  errors?: Readonly<Record<string, string>>;
}

/** Finds an action's words by its name in the audit trail; undefined for records of no action ("other"). */
export type WordsOf = (action: string) => ActionWords | undefined;
