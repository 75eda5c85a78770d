import { config as loadDotenv } from 'dotenv';
import { createApp } from './app';
import { loadConfig } from './config';

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`Configuration problems:\n${loaded.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  const running = createApp(loaded.config);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.logger.info(`${signal} received: stopping`);
    try {
      await running.stop();
      process.exit(0);
    } catch (error) {
      running.logger.error(`stop failed: ${String(error)}`);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const port = await running.start();
  running.logger.info(
    loaded.config.appToken
      ? `running in Socket Mode; health on port ${port}`
      : `listening on port ${port} (POST /slack/events)`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
