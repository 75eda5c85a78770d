/**
 * Submitted plans being carried out. A plan is claimed before anything else happens to it, so the same plan
 * submitted twice at once runs once; shutdown waits (bounded) for every claimed plan to finish and report.
 */
export class Inflight {
  private readonly running = new Map<string, Promise<void>>();

  /** Claims `id`; returns the function that releases it, or undefined when it is already claimed. */
  claim(id: string): (() => void) | undefined {
    if (this.running.has(id)) return undefined;
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
