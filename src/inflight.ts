/**
 * Submitted plans being carried out. A plan is claimed before anything else happens to it, so the same plan
 * submitted twice at once runs once; shutdown waits (bounded) for every claimed plan to finish and report.
 */
export class Inflight {
  private readonly running = new Map<string, Promise<void>>();
  /** Plans this process ran, newest last: the store's run-once, kept here too for when the store cannot be read. */
  private readonly ran = new Set<string>();

  constructor(private readonly remembered = 10_000) {}

  /** Claims `id`; returns the function that releases it, or undefined when it is claimed or ran here already. */
  claim(id: string): (() => void) | undefined {
    if (this.running.has(id) || this.ran.has(id)) return undefined;
    let settle: () => void = () => {};
    this.running.set(
      id,
      new Promise<void>((resolve) => {
        settle = resolve;
      }),
    );
    return () => {
      this.running.delete(id);
      settle();
    };
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** Marks `id` as run in this process, so it is never claimed here again; the oldest are forgotten past a bound. */
  markRun(id: string): void {
    this.ran.add(id);
    if (this.ran.size > this.remembered) {
      const oldest = this.ran.values().next();
      if (!oldest.done) this.ran.delete(oldest.value);
    }
  }

  /** Waits until nothing runs or `timeoutMs` passes; resolves with how many were still running. */
  async drain(timeoutMs: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.running.values()]), timeout]);
    clearTimeout(timer);
    return this.running.size;
  }
}
