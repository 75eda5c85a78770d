import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FAKE } from './fake-credentials';
import type { FakeSlack } from './fake-slack';
import { postSigned } from './signed-request';
import { commandBody, viewSubmissionBody } from './slack-payloads';

/** The nearest folder up from `dir` with a package.json: this file also runs compiled into demo/dist/. */
function packageRoot(dir: string): string {
  if (existsSync(join(dir, 'package.json'))) return dir;
  const up = dirname(dir);
  if (up === dir) throw new Error(`no package.json above ${__dirname}`);
  return packageRoot(up);
}

// The built entry point, as `npm start` runs it (`npm test` and `npm run demo` build first).
const ENTRY = join(packageRoot(__dirname), 'dist', 'index.js');

export interface Exit {
  code: number | null;
  out: string;
}

/** The built app, in a fresh folder unless told where, so no developer's .env is picked up. */
export function run(
  env: Record<string, string>,
  cwd = mkdtempSync(join(tmpdir(), 'session-reset-')),
): { child: ChildProcess; exit: Promise<Exit>; output: () => string } {
  const child = spawn(process.execPath, [ENTRY], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  const exit = new Promise<Exit>((done) => child.on('exit', (code) => done({ code, out })));
  return { child, exit, output: () => out };
}

/** A port nothing listens on right now: bind to 0, read it, let it go. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** Polls /healthz until it answers `want` (or 10 s pass); resolves with the last status seen. */
export async function healthOf(port: number, want: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  let status = 0;
  while (status !== want && Date.now() < deadline) {
    status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status !== want) await new Promise((r) => setTimeout(r, 100));
  }
  return status;
}

/** What every HTTP-mode app process of these tests is given: the fake tokens and secret, and the fake Slack. */
export const httpEnv = (fake: FakeSlack): Record<string, string> => ({
  SLACK_BOT_TOKEN: FAKE.botToken,
  SLACK_ADMIN_TOKEN: FAKE.adminToken,
  SLACK_SIGNING_SECRET: FAKE.signingSecret,
  SLACK_API_URL: fake.url,
  SLACK_RATE_SCALE: String(fake.rateScale),
});

/** `count` app processes on ports of their own with one environment (one DATABASE_URL): replicas, once healthy. */
export async function startReplicas(
  count: number,
  env: Record<string, string>,
): Promise<{ replicas: ReturnType<typeof run>[]; ports: number[] }> {
  const replicas: ReturnType<typeof run>[] = [];
  const ports: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const port = await freePort();
    ports.push(port);
    replicas.push(run({ ...env, PORT: String(port) }));
  }
  for (const port of ports) {
    if ((await healthOf(port, 200)) !== 200) throw new Error(`the replica on port ${port} never became healthy`);
  }
  return { replicas, ports };
}

/**
 * `/reset-sessions <text>` to a running app, then Submit on its confirmation, without waiting for the answer (a
 * test that kills the process mid-plan has none to wait for).
 */
export async function confirmReset(events: string, fake: FakeSlack, text: string, tag: string): Promise<void> {
  const sign = { secret: FAKE.signingSecret };
  const before = fake.callsTo('views.update').length;
  await postSigned(
    events,
    commandBody({
      command: '/reset-sessions',
      text,
      userId: FAKE.admin,
      triggerId: `1337.1.${tag}`,
      responseUrl: fake.responseUrl(tag),
    }),
    sign,
  );
  const update = (await fake.waitFor('views.update', before + 1)).at(-1);
  const view = JSON.parse(update?.args.view ?? '{}') as Record<string, unknown>;
  const submission = viewSubmissionBody({
    viewId: update?.args.view_id ?? '',
    view,
    userId: FAKE.admin,
    triggerId: `1337.2.${tag}`,
  });
  void postSigned(events, submission, sign).catch(() => undefined);
}
