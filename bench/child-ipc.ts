/**
 * The child side of the benchmark's process protocol (node IPC channel). A child reports `ready` once it listens,
 * answers `mem` with process.memoryUsage(), stops on `stop`, and exits by itself if the parent goes away or a
 * lifetime cap passes, so a crashed benchmark never leaves a server behind.
 */

/** `gc`: collect garbage first (children run with --expose-gc), so heapUsed is what is really retained. */
export type ToChild = { type: 'mem'; gc?: boolean } | { type: 'cpu' } | { type: 'stop' };
export type FromChild =
  | { type: 'ready'; port: number; uptimeMs: number }
  | { type: 'mem'; rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number }
  | { type: 'cpu'; ms: number }
  | { type: 'failed'; error: string };

const send = (message: FromChild) => process.send?.(message);

export function serveParent(stop: () => Promise<void>): void {
  const lifetimeMs = Number(process.env.BENCH_MAX_LIFETIME_MS ?? 600_000);
  setTimeout(() => process.exit(3), lifetimeMs).unref();
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: ToChild) => {
    if (message.type === 'mem') {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (message.gc && gc) gc();
      const m = process.memoryUsage();
      send({
        type: 'mem',
        rss: m.rss,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
        arrayBuffers: m.arrayBuffers,
      });
    } else if (message.type === 'cpu') {
      const u = process.cpuUsage();
      send({ type: 'cpu', ms: (u.user + u.system) / 1000 });
    } else if (message.type === 'stop') {
      const hard = setTimeout(() => process.exit(2), 3000);
      hard.unref();
      stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    }
  });
}

export function reportReady(port: number): void {
  send({ type: 'ready', port, uptimeMs: process.uptime() * 1000 });
}

export function reportFailure(error: unknown): void {
  send({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 200).unref();
}
