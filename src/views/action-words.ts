import type { PlannedTarget } from '../domain/audit-record';
import type { Report } from '../domain/report';

/**
 * How the views speak of one action: each action says it once (actions/<name>/words.ts), and the result, the
 * progress, the audit post, the history and App Home all use it.
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
  /** One target's line in a result: who or what, and what was done to it. */
  line(target: PlannedTarget, report: Pick<Report, 'scope'>): { subject: string; done: string };
}

/** Finds an action's words by its name in the audit trail; undefined for records of no action ("other"). */
export type WordsOf = (action: string) => ActionWords | undefined;
