import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { FakeSlack } from '../support/fake-slack';
import { FakeSocketMode } from '../support/fake-socket-mode';
import { FAKE } from '../support/harness';
import { confirmReset, freePort, healthOf, run } from '../support/process';

/** The log's lines, each parsed: a line that is not JSON fails the test. */
const jsonLines = (out: string): Record<string, unknown>[] =>
  out
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const levelsOf = (out: string): Set<unknown> => new Set(jsonLines(out).map((l) => l.level));

describe('the process', () => {
  it('refuses to start without configuration, naming every missing variable and exiting non-zero', async () => {
    const { code, out } = await run({}).exit;
    expect(code).toBe(1);
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_ADMIN_TOKEN', 'SLACK_SIGNING_SECRET', 'ADMIN_USER_IDS']) {
      expect(out).toContain(name);
    }
  });

  it('takes its secrets from files, as Kubernetes and Docker mount them, and says which .env it read', async () => {
    const slack = await slackFor('http');
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
    writeFileSync(join(dir, 'admin'), `${FAKE.adminToken}\n`);
    writeFileSync(join(dir, 'signing'), `${FAKE.signingSecret}\n`);
    const rest: Record<string, string> = { ...slack.env };
    delete rest.SLACK_ADMIN_TOKEN;
    delete rest.SLACK_SIGNING_SECRET;
    const port = await freePort();
    const app = run({
      ...rest,
      PORT: String(port),
      SLACK_ADMIN_TOKEN_FILE: join(dir, 'admin'),
      SLACK_SIGNING_SECRET_FILE: join(dir, 'signing'),
    });
    try {
      expect(await healthOf(port, 200)).toBe(200);
      expect(slack.fake.callsTo('auth.test').map((c) => c.token)).toContain(FAKE.adminToken);
      app.child.kill('SIGTERM');
      expect((await app.exit).code).toBe(0);
    } finally {
      app.child.kill('SIGKILL');
      await slack.stop();
    }
    const { code, out } = await run({ ...rest, DOTENV_PATH: join(dir, 'missing.env') }).exit;
    expect(code).toBe(1);
    expect(out).toContain('SLACK_ADMIN_TOKEN is missing');
    expect(out).toContain(`DOTENV_PATH names ${join(dir, 'missing.env')}, which cannot be read.`);
    expect(out).toContain('Settings were read from the environment only');
  });

  it('refuses to start on an audit file a newer release wrote, naming both schema versions', async () => {
    const slack = await slackFor('http');
    const file = join(mkdtempSync(join(tmpdir(), 'newer-')), 'audit.db');
    const db = new Database(file);
    db.pragma('user_version = 9');
    db.close();
    try {
      const { code, out } = await run({ ...slack.env, PORT: '0', AUDIT_DB_PATH: file }).exit;
      expect(code).toBe(1);
      expect(out).toContain(
        `Failed to start: The SQLite file ${file} is at schema version 9, newer than this release knows`,
      );
    } finally {
      await slack.stop();
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

  /** Slack's fakes for one mode and the environment that points the app at them. */
  async function slackFor(mode: 'http' | 'socket') {
    const fake = new FakeSlack();
    const socket = mode === 'socket' ? new FakeSocketMode(fake) : undefined;
    await fake.start();
    await socket?.start();
    const env = {
      SLACK_BOT_TOKEN: FAKE.botToken,
      SLACK_ADMIN_TOKEN: FAKE.adminToken,
      ...(socket ? { SLACK_APP_TOKEN: FAKE.appToken } : { SLACK_SIGNING_SECRET: FAKE.signingSecret }),
      ADMIN_USER_IDS: FAKE.admin,
      SLACK_API_URL: fake.url,
      SLACK_RATE_SCALE: String(fake.rateScale),
    };
    const stop = async () => {
      await socket?.stop();
      await fake.stop();
    };
    return { fake, socket, env, stop };
  }

  const secrets = [FAKE.botToken, FAKE.adminToken, FAKE.signingSecret, FAKE.appToken];

  it.each(['http', 'socket'] as const)('starts in %s mode, reports healthy, and exits 0 on SIGTERM', async (mode) => {
    const slack = await slackFor(mode);
    const port = await freePort();
    const app = run({ ...slack.env, PORT: String(port) });
    try {
      expect(await healthOf(port, 200)).toBe(200);
      expect(
        slack.fake
          .callsTo('auth.test')
          .map((c) => c.token?.slice(0, 5))
          .sort(),
      ).toEqual(['xoxb-', 'xoxp-']);
      if (slack.socket) expect(slack.socket.live()).toHaveLength(1);
      app.child.kill('SIGTERM');
      const { code, out } = await app.exit;
      expect(code).toBe(0);
      expect(out).toContain('SIGTERM received');
      if (slack.socket) expect(slack.socket.live()).toHaveLength(0);
      for (const secret of secrets) expect(out).not.toContain(secret);
    } finally {
      app.child.kill('SIGKILL');
      await slack.stop();
    }
  });

  it('stops with npm start when only npm is signalled, as a supervisor running `npm start` does', async () => {
    const slack = await slackFor('http');
    const port = await freePort();
    const dotenv = join(mkdtempSync(join(tmpdir(), 'npm-start-')), 'empty.env');
    writeFileSync(dotenv, '');
    // npm from the PATH the test runs with, in the project's folder, as an operator types it.
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: resolve(__dirname, '../..'),
      env: { PATH: process.env.PATH ?? '', ...slack.env, PORT: String(port), DOTENV_PATH: dotenv },
      // A group of its own: whatever is left of it afterwards (an orphaned app) is killed with it.
      detached: true,
    });
    let out = '';
    npm.stdout.on('data', (d) => {
      out += String(d);
    });
    const exited = new Promise<number | null>((done) => npm.on('exit', (code) => done(code)));
    try {
      expect(await healthOf(port, 200)).toBe(200);
      npm.kill('SIGTERM');
      await exited;
      // Whatever npm did with the signal, the app must be gone: nothing answers on its port.
      expect(await healthOf(port, 0)).toBe(0);
      expect(out).toContain('SIGTERM received');
    } finally {
      try {
        process.kill(-(npm.pid ?? 0), 'SIGKILL');
      } catch {
        // Nothing of the group is left.
      }
      await slack.stop();
    }
  });

  it.each(['http', 'socket'] as const)('says PORT is taken in one line in %s mode', async (mode) => {
    const slack = await slackFor(mode);
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, r));
    const port = (taken.address() as AddressInfo).port;
    try {
      const { code, out } = await run({ ...slack.env, PORT: String(port) }).exit;
      expect(code).toBe(1);
      expect(out).toContain(`Failed to start: PORT ${port} is already in use`);
      expect(out).not.toContain('Unhandled');
      expect(out).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((r) => taken.close(r));
      await slack.stop();
    }
  });

  it('writes only JSON lines by default, each with time, level and msg, and one start-up line saying what runs', async () => {
    const slack = await slackFor('http');
    const port = await freePort();
    const app = run({
      ...slack.env,
      PORT: String(port),
      APPROVAL_REQUIRED: 'always',
      ADMIN_USER_IDS: `${FAKE.admin},W0OTHER001`,
      APPROVAL_CHANNEL_ID: 'C0APPROVAL1',
    });
    try {
      expect(await healthOf(port, 200)).toBe(200);
      app.child.kill('SIGTERM');
      const { code, out } = await app.exit;
      expect(code).toBe(0);
      const lines = jsonLines(out);
      expect(lines.length).toBe(out.trim().split('\n').length);
      for (const line of lines)
        expect(line).toEqual(
          expect.objectContaining({ time: expect.any(String), level: expect.any(String), msg: expect.any(String) }),
        );
      const start = lines.find((l) => String(l.msg).includes('started'));
      expect(start?.msg).toMatch(
        /^slack-session-reset \d+\.\d+\.\d+ started: HTTP on port \d+ .*store SQLite .* at schema \d+; approval always$/,
      );
    } finally {
      app.child.kill('SIGKILL');
      await slack.stop();
    }
  });

  it('writes plain lines with LOG_FORMAT=text', async () => {
    const slack = await slackFor('http');
    const port = await freePort();
    const app = run({ ...slack.env, PORT: String(port), LOG_FORMAT: 'text' });
    try {
      expect(await healthOf(port, 200)).toBe(200);
      app.child.kill('SIGTERM');
      const { code, out } = await app.exit;
      expect(code).toBe(0);
      expect(out).toMatch(/^\d{4}-\d{2}-\d{2}T\S+Z INFO {2}slack-session-reset .* started: HTTP/m);
      expect(out).not.toMatch(/^\{/m);
    } finally {
      app.child.kill('SIGKILL');
      await slack.stop();
    }
  });

  it('keeps to LOG_LEVEL=error: no info or warning lines', async () => {
    const slack = await slackFor('socket');
    const port = await freePort();
    const app = run({ ...slack.env, PORT: String(port), LOG_LEVEL: 'error', DRY_RUN: 'true' });
    try {
      expect(await healthOf(port, 200)).toBe(200);
      app.child.kill('SIGTERM');
      const { code, out } = await app.exit;
      expect(code).toBe(0);
      // DRY_RUN warns at start and Socket Mode logs its connection at info: neither may show.
      expect(levelsOf(out)).toEqual(new Set());
    } finally {
      app.child.kill('SIGKILL');
      await slack.stop();
    }
  });

  it('shows Socket Mode debug lines with LOG_LEVEL=debug, without the ticketed URL or any token', async () => {
    const slack = await slackFor('socket');
    const port = await freePort();
    const app = run({ ...slack.env, PORT: String(port), LOG_LEVEL: 'debug' });
    try {
      expect(await healthOf(port, 200)).toBe(200);
      slack.socket?.connections[0]?.refresh();
      await slack.socket?.waitForConnections(2);
      app.child.kill('SIGTERM');
      const { code, out } = await app.exit;
      expect(code).toBe(0);
      expect(out).toContain('Initiating new WebSocket connection');
      expect(jsonLines(out)).toContainEqual(
        expect.objectContaining({
          level: 'info',
          msg: expect.stringContaining('Slack asked for a new connection (refresh_requested)'),
        }),
      );
      expect(out).not.toMatch(/ticket=(?!\[redacted\])/);
      for (const secret of secrets) expect(out).not.toContain(secret);
    } finally {
      app.child.kill('SIGKILL');
      await slack.stop();
    }
  });

  it('reports a plan whose process was killed mid-call as unknown, by DM, when the next process starts', async () => {
    const slack = await slackFor('http');
    const ALICE = 'W0ALICE001';
    slack.fake.addUser({ id: ALICE, real_name: 'Alice Example' });
    // Slack holds the reset call: the process dies while it waits.
    slack.fake.on('admin.users.session.reset', () => ({ delayMs: 60_000, body: { ok: true } }));
    const env = {
      ...slack.env,
      AUDIT_DB_PATH: join(mkdtempSync(join(tmpdir(), 'killed-')), 'audit.db'),
      // A worst case of 1 s per call (plus the app's 5 s margin), so the test need not wait minutes.
      ADMIN_MAX_ATTEMPTS: '1',
      SLACK_API_TIMEOUT_MS: '1000',
      ADMIN_RETRY_BUDGET_MS: '0',
    };
    const port = await freePort();
    const first = run({ ...env, PORT: String(port) });
    let second: ReturnType<typeof run> | undefined;
    try {
      expect(await healthOf(port, 200)).toBe(200);
      await confirmReset(`http://127.0.0.1:${port}/slack/events`, slack.fake, `<@${ALICE}>`, 'kill');
      await slack.fake.waitFor('admin.users.session.reset');
      first.child.kill('SIGKILL');
      expect((await first.exit).code).toBeNull();

      await new Promise((r) => setTimeout(r, 6_500));
      second = run({ ...env, PORT: String(port) });
      expect(await healthOf(port, 200)).toBe(200);
      const [dm] = await slack.fake.waitFor('chat.postMessage');
      expect(dm?.args.channel).toBe(FAKE.admin);
      expect(dm?.token).toBe(FAKE.botToken);
      expect(dm?.args.text).toContain('cut off before it finished');
      expect(dm?.args.text).toContain(`*unknown* whether it took effect for: <@${ALICE}>`);
      second.child.kill('SIGTERM');
      expect((await second.exit).code).toBe(0);
    } finally {
      first.child.kill('SIGKILL');
      second?.child.kill('SIGKILL');
      await slack.stop();
    }
  }, 30_000);
});
