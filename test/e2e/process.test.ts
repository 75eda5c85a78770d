import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FakeSlack } from '../support/fake-slack';
import { FAKE } from '../support/harness';

// The built entry point, as `npm start` runs it (`npm test` builds first).
const ENTRY = resolve(__dirname, '../../dist/index.js');

interface Exit {
  code: number | null;
  out: string;
}

function run(env: Record<string, string>): { child: ChildProcess; exit: Promise<Exit>; output: () => string } {
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
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe('the process', () => {
  it('refuses to start without configuration, naming every missing variable and exiting non-zero', async () => {
    const { code, out } = await run({}).exit;
    expect(code).toBe(1);
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_ADMIN_TOKEN', 'SLACK_SIGNING_SECRET', 'ADMIN_USER_IDS']) {
      expect(out).toContain(name);
    }
  });

  it('fails closed on an empty allowlist without printing any secret', async () => {
    const { code, out } = await run({
      SLACK_BOT_TOKEN: FAKE.botToken,
      SLACK_ADMIN_TOKEN: FAKE.adminToken,
      SLACK_SIGNING_SECRET: FAKE.signingSecret,
      ADMIN_USER_IDS: ' , ',
    }).exit;
    expect(code).toBe(1);
    expect(out).toContain('ADMIN_USER_IDS is empty');
    for (const secret of [FAKE.botToken, FAKE.adminToken, FAKE.signingSecret]) expect(out).not.toContain(secret);
  });

  it('starts, reports healthy, and exits 0 on SIGTERM', async () => {
    const fake = new FakeSlack();
    await fake.start();
    const port = await freePort();
    const app = run({
      SLACK_BOT_TOKEN: FAKE.botToken,
      SLACK_ADMIN_TOKEN: FAKE.adminToken,
      SLACK_SIGNING_SECRET: FAKE.signingSecret,
      ADMIN_USER_IDS: FAKE.admin,
      SLACK_API_URL: fake.url,
      PORT: String(port),
    });
    try {
      const deadline = Date.now() + 10_000;
      let status = 0;
      while (status !== 200 && Date.now() < deadline) {
        status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.status,
          () => 0,
        );
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(200);
      expect(
        fake
          .callsTo('auth.test')
          .map((c) => c.token?.slice(0, 5))
          .sort(),
      ).toEqual(['xoxb-', 'xoxp-']);
      app.child.kill('SIGTERM');
      const { code, out } = await app.exit;
      expect(code).toBe(0);
      expect(out).toContain('SIGTERM received');
      for (const secret of [FAKE.botToken, FAKE.adminToken, FAKE.signingSecret]) expect(out).not.toContain(secret);
    } finally {
      app.child.kill('SIGKILL');
      await fake.stop();
    }
  });
});
