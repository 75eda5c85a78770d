import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The built entry point, as `npm start` runs it (`npm test` builds first).
const ENTRY = resolve(__dirname, '../../dist/index.js');

export interface Exit {
  code: number | null;
  out: string;
}

export function run(env: Record<string, string>): { child: ChildProcess; exit: Promise<Exit>; output: () => string } {
  // A fresh folder, so no developer's .env is picked up.
  const cwd = mkdtempSync(join(tmpdir(), 'session-reset-'));
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
