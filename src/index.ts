import { createApp } from './app';
import { loadConfig } from './config';
import { readSources } from './config-sources';
import { redact } from './logging/redacting-logger';
import { unsupportedRuntime } from './runtime';

async function main(): Promise<void> {
  const unsupported = unsupportedRuntime(process.versions);
  if (unsupported) {
    process.stderr.write(`${unsupported}\n`);
    process.exit(1);
  }
  const sources = readSources(process.env);
  const loaded = loadConfig(sources.env);
  const problems = [...sources.problems, ...(loaded.ok ? [] : loaded.problems)];
  if (!loaded.ok || problems.length > 0) {
    process.stderr.write(
      `Configuration problems:\n${problems.map((p) => `  - ${p}`).join('\n')}\n${sources.whereFrom}\n`,
    );
    process.exit(1);
  }
  const running = createApp(loaded.config);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.logger.info(`${signal} received: stopping`);
    try {
      const left = await running.stop();
      // Non-zero when a submitted plan had to be cut short: a supervisor should notice.
      process.exit(left > 0 ? 1 : 0);
    } catch (error) {
      running.logger.error(`stop failed: ${String(error)}`);
      process.exit(1);
    }
  };
  // A stray rejection is logged (redacted) once; it must not take down an app an admin relies on mid-incident.
  process.on('unhandledRejection', (reason) => running.logger.error(`unhandled rejection: ${String(reason)}`));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  // start() logs the line that says what is running.
  await running.start();
}

/** One line an operator can act on, whichever part failed to start. */
function startFailure(error: unknown): string {
  const { code, port } = (error ?? {}) as { code?: unknown; port?: unknown };
  if (code === 'EADDRINUSE') return `PORT ${String(port)} is already in use: stop what listens there or set PORT.`;
  return error instanceof Error ? error.message : String(error);
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${redact(startFailure(error), [])}\n`);
  process.exit(1);
});
