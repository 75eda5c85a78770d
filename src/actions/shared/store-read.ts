import type { Logger } from '@slack/bolt';

/**
 * The one policy for an audit store that cannot answer mid-incident: the work it was asked for goes on without it,
 * and the log says so in the same words at every site, naming what went without it. (The watched store logs the
 * outage itself once, when it begins and when it ends; this says what each moment of it cost.)
 */
export async function fromStore<T>(
  logger: Logger,
  what: string,
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    logger.error(`AUDIT STORE UNREADABLE for ${what}: ${String(error)}`);
    return { ok: false };
  }
}
