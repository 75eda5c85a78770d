/**
 * Child process: the real app as src/index.ts starts it (config from the environment, default logger and audit
 * sink on stdout, production mode: processBeforeResponse false), plus the benchmark's IPC protocol.
 */
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { reportFailure, reportReady, serveParent } from './child-ipc';

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) throw new Error(`configuration: ${loaded.problems.join(' ')}`);
  const running = createApp(loaded.config);
  serveParent(async () => {
    await running.stop();
  });
  reportReady(await running.start());
}

main().catch(reportFailure);
