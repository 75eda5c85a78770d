import type { Logger } from '@slack/bolt';
import type { AuditRecord } from '../domain/audit-record';
import { redact } from '../logging/redacting-logger';

export interface AuditSink {
  name: string;
  write(record: AuditRecord): void | Promise<void>;
}

/** One JSON line per record on stdout, ready for any log pipeline or SIEM. A token pasted into a reason is masked. */
export const stdoutSink: AuditSink = {
  name: 'stdout',
  write: (record) => {
    process.stdout.write(`${redact(JSON.stringify({ type: 'session_audit', ...record }), [])}\n`);
  },
};

/**
 * Sends each record to every sink. A sink that fails is logged loudly and never changes what happened: the
 * outcome the admin sees comes from Slack's answers, not from whether the record was written.
 */
export class AuditTrail {
  constructor(
    private readonly sinks: readonly AuditSink[],
    private readonly logger: Logger,
    private readonly onFailure: (sink: string) => void = () => {},
  ) {}

  async record(record: AuditRecord): Promise<void> {
    await Promise.all(
      this.sinks.map(async (sink) => {
        try {
          await sink.write(record);
        } catch (error) {
          this.onFailure(sink.name);
          this.logger.error(
            `AUDIT FAILURE: the ${sink.name} sink did not take the ${record.outcome} ${record.action} record ${record.requestId} by ${record.invokerId}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }),
    );
  }
}
