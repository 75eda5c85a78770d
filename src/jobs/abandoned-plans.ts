import type { Logger } from '@slack/bolt';
import type { AuditRecord } from '../domain/audit-record';
import type { Inflight } from '../inflight';
import type { AuditStore } from '../ports/audit-store';
import type { AuditLog } from '../ports/slack-surface';
import { abandonedText } from '../views/abandoned-text';

export interface AbandonedPlansDeps {
  store: AuditStore;
  audit: AuditLog;
  /** Plans this process is running: never reported, however long they take. */
  inflight: Inflight;
  logger: Logger;
  /** The longest a plan of this many admin calls may run, margin included. */
  worstCaseMs(calls: number): number;
  /** Tells whoever asked for the plan (a person by DM; a workflow step by failing it) what is now unknown. */
  tell(started: AuditRecord, text: string): Promise<void>;
  now?: () => Date;
}

/**
 * Plans that were started and never finished, past their worst case: the process running them died (a kill -9, a
 * crash, a lost machine). Each is recorded as unknown, for every target, and whoever asked for it is told (by DM, or
 * a workflow step by failing it, so it never stays running); the audit channel gets the record like any other.
 * With replicas sharing a store, one claim per plan makes one report.
 */
export async function reportAbandonedPlans(deps: AbandonedPlansDeps): Promise<number> {
  const now = deps.now?.() ?? new Date();
  let reported = 0;
  for (const started of await deps.store.unfinishedPlans()) {
    if (now.getTime() - new Date(started.time).getTime() <= deps.worstCaseMs(started.targets.length)) continue;
    const running = deps.inflight.claim(started.requestId);
    if (!running) continue;
    running();
    if (!(await deps.store.claim(`abandoned:${started.requestId}`))) continue;
    const record: AuditRecord = {
      ...started,
      time: now.toISOString(),
      outcome: 'unknown',
      targets: started.targets.map((t) => ({ ...t, result: 'unknown', error: 'abandoned' })),
    };
    await deps.audit.record(record);
    await deps
      .tell(started, abandonedText(record))
      .catch((error: unknown) =>
        deps.logger.warn(`could not tell ${started.invokerId} of an abandoned plan: ${error}`),
      );
    reported += 1;
  }
  return reported;
}
