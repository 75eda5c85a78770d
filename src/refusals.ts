import type { Logger } from '@slack/bolt';
import type { AuditRecord } from './domain/audit-record';

/** Refusals waiting to be written at most; past it a flood is counted, not queued. */
const MAX_PENDING = 1000;

/**
 * Records the gate's refusals off the path of anyone's ack. Anyone can send a command over and over, and each record
 * is a store write (SQLite's is synchronous) and maybe a channel post: written one at a time, with the event loop
 * given back before each, an admin's command is never held behind a flood of them. Past MAX_PENDING waiting, a
 * refusal is only counted, and the count is logged once the flood has drained: memory stays bounded.
 */
export class RefusalRecorder {
  private readonly pending: AuditRecord[] = [];
  private dropped = 0;
  private draining?: Promise<void>;

  constructor(
    private readonly write: (record: AuditRecord) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  record(record: AuditRecord): void {
    if (this.pending.length >= MAX_PENDING) {
      this.dropped += 1;
      return;
    }
    this.pending.push(record);
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  /** Resolves once every refusal taken so far is written (stop waits for it). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    for (let next = this.pending.shift(); next; next = this.pending.shift()) {
      await new Promise((resolve) => setImmediate(resolve));
      // The audit trail logs a sink's failure itself; nothing here may stop the next one.
      await this.write(next).catch((error: unknown) => this.logger.error(`a refusal was not recorded: ${error}`));
    }
    if (this.dropped > 0) {
      this.logger.warn(
        `${this.dropped} refused requests were not recorded one by one: more than ${MAX_PENDING} waited at once (a flood)`,
      );
      this.dropped = 0;
    }
  }
}
