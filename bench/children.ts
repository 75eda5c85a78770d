/** The parent side of the child processes: spawn, time to a healthy /healthz, memory samples, stop. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FromChild, ToChild } from './child-ipc';

export type Kind = 'app' | 'bare';
/** Any child: `calls` is bare Bolt that also makes the app's three Slack calls per command, the fair CPU floor. */
export type ChildKind = Kind | 'calls';

export interface MemorySample {
  /** process.memoryUsage() as the child reported it over IPC. */
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  /** /proc/<pid>/status: resident now and the high-water mark since the process started (peak RSS). */
  vmRss: number;
  vmHwm: number;
  /** After a full garbage collection: what the process really retains. */
  rssAfterGc: number;
  heapAfterGc: number;
}

export interface Child {
  kind: ChildKind;
  pid: number;
  port: number;
  url: string;
  /** Spawn to the first 200 from GET /healthz, as seen from the parent. */
  healthyMs: number;
  /** process.uptime() inside the child when it reported ready. */
  readyUptimeMs: number;
  /** Every complete stdout line that parses as a JSON object (the app's audit records). */
  jsonLines: Record<string, unknown>[];
  /** The last lines of stdout and stderr, for a failure message. */
  tail: string[];
  /** Log lines at WARN or ERROR level seen so far. */
  warnings: () => number;
  memory(): Promise<MemorySample>;
  /** CPU time (user + system) the process has used so far, in ms (process.cpuUsage() in the child). */
  cpuMs(): Promise<number>;
  stop(): Promise<number | null>;
}

const ENTRIES: Record<ChildKind, string> = {
  app: join(__dirname, 'entry-app.js'),
  bare: join(__dirname, 'entry-bare.js'),
  calls: join(__dirname, 'entry-bare.js'),
};

/** A port nothing listens on right now: bind to 0, read it, let it go. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((r) => server.close(r));
  return port;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function procStatus(pid: number): { vmRss: number; vmHwm: number } {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? Number.NaN) * 1024;
    return { vmRss: kb('VmRSS'), vmHwm: kb('VmHWM') };
  } catch {
    return { vmRss: Number.NaN, vmHwm: Number.NaN };
  }
}

function request(
  child: ChildProcess,
  message: ToChild,
  want: FromChild['type'],
  timeoutMs: number,
): Promise<FromChild> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`no ${want} answer from child ${child.pid} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (m: FromChild) => {
      if (m.type !== want) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(m);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

/** Starts one child against the fake and waits (at most `timeoutMs`) until its /healthz answers 200. */
export async function startChild(
  kind: ChildKind,
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
  timeoutMs = 20_000,
): Promise<Child> {
  const port = await freePort();
  // A fresh folder, so no developer's .env is read.
  const cwd = mkdtempSync(join(tmpdir(), 'session-reset-bench-'));
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--expose-gc', ...nodeArgs, ENTRIES[kind]], {
    cwd,
    env: { PATH: process.env.PATH ?? '', AUDIT_DB_PATH: join(cwd, 'audit.db'), ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const jsonLines: Record<string, unknown>[] = [];
  const tail: string[] = [];
  let warnings = 0;
  const keep = (line: string) => {
    if (line.startsWith('{')) {
      try {
        jsonLines.push(JSON.parse(line) as Record<string, unknown>);
        return;
      } catch {
        // not JSON after all: keep it as text
      }
    }
    if (/\b(WARN|ERROR)\b/.test(line)) warnings += 1;
    tail.push(line);
    if (tail.length > 40) tail.shift();
  };
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') keep(line);
    });
  }
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  let failure: string | undefined;
  let readyUptimeMs = Number.NaN;
  child.on('message', (m: FromChild) => {
    if (m.type === 'failed') failure = m.error;
    if (m.type === 'ready') readyUptimeMs = m.uptimeMs;
  });

  const url = `http://127.0.0.1:${port}`;
  const deadline = t0 + timeoutMs;
  let healthyMs = Number.NaN;
  while (performance.now() < deadline && exitCode === undefined && failure === undefined) {
    const status = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) {
      healthyMs = performance.now() - t0;
      break;
    }
    await sleep(5);
  }
  const stop = async (): Promise<number | null> => {
    if (exitCode !== undefined) return exitCode;
    if (child.connected) child.send({ type: 'stop' } satisfies ToChild);
    else child.kill('SIGTERM');
    const code = await Promise.race([exited, sleep(5000).then(() => 'timeout' as const)]);
    if (code === 'timeout') {
      child.kill('SIGKILL');
      return exited;
    }
    rmSync(cwd, { recursive: true, force: true });
    return code;
  };
  if (!Number.isFinite(healthyMs)) {
    await stop();
    throw new Error(
      `${kind} did not become healthy within ${timeoutMs} ms${failure ? `: ${failure}` : ''}\n${tail.join('\n')}`,
    );
  }
  // The ready message is sent right after listening; give it a moment to arrive.
  for (let i = 0; i < 50 && !Number.isFinite(readyUptimeMs); i++) await sleep(10);

  return {
    kind,
    pid: child.pid ?? -1,
    port,
    url,
    healthyMs,
    readyUptimeMs,
    jsonLines,
    tail,
    warnings: () => warnings,
    async memory() {
      type Mem = Extract<FromChild, { type: 'mem' }>;
      const m = (await request(child, { type: 'mem' }, 'mem', 5000)) as Mem;
      const proc = procStatus(child.pid ?? -1);
      const after = (await request(child, { type: 'mem', gc: true }, 'mem', 5000)) as Mem;
      return {
        rss: m.rss,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
        ...proc,
        rssAfterGc: after.rss,
        heapAfterGc: after.heapUsed,
      };
    },
    async cpuMs() {
      return ((await request(child, { type: 'cpu' }, 'cpu', 5000)) as Extract<FromChild, { type: 'cpu' }>).ms;
    },
    stop,
  };
}
