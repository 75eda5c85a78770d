/**
 * The checks of scripts/verify-image.sh that read the built image: its configuration, its files, and the app started
 * from it. The shell script builds the image and mounts its filesystem (read-only) at ROOT; this runs as root and
 * starts the image's command as a container engine would: chrooted into ROOT, as the image's USER, in its WORKDIR,
 * with only its ENV plus the settings an operator gives, a fresh volume on its VOLUME and secrets as files. chroot
 * shares the host's network, so the app reaches the test suite's fake Slack on 127.0.0.1 and the checks reach the
 * app. One PASS or FAIL line per check; the exit code is 1 when any failed.
 *
 * Usage: node scripts/dist/scripts/verify-image.js ROOT IMAGE_INSPECT_JSON PACKAGE_LOCK_JSON
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openSqliteAuditStore } from '../src/adapters/sqlite-audit-store';
import { FakeSlack } from '../test/support/fake-slack';
import { postSigned } from '../test/support/signed-request';
import { commandBody, viewSubmissionBody } from '../test/support/slack-payloads';

/** What `podman image inspect` says of an image (docker format, so the HEALTHCHECK is kept). */
interface ImageConfig {
  Config: {
    User?: string;
    Env?: string[];
    Entrypoint?: string[] | null;
    Cmd?: string[];
    WorkingDir?: string;
    Volumes?: Record<string, unknown>;
    ExposedPorts?: Record<string, unknown>;
    StopSignal?: string;
  };
  Healthcheck?: { Test?: string[] };
}

interface User {
  uid: number;
  gid: number;
}

// Obviously fake, like the tests' (test/support/harness.ts is not imported: it loads the app, which reads
// package.json from beside its own folder).
const FAKE = {
  botToken: 'xoxb-fake-bot-token-for-verify-image',
  adminToken: 'xoxp-fake-admin-token-for-verify-image',
  signingSecret: 'fake-signing-secret-for-verify-image',
  admin: 'W0ADMIN001',
} as const;
const ALICE = 'W0ALICE001';
const failures: string[] = [];

function check(ok: boolean, what: string, detail = ''): boolean {
  console.log(`${ok ? 'PASS' : 'FAIL'} ${what}${detail ? `: ${detail}` : ''}`);
  if (!ok) failures.push(what);
  return ok;
}

async function main(): Promise<void> {
  const [root, inspectPath, lockPath] = process.argv.slice(2);
  if (!root || !inspectPath || !lockPath)
    throw new Error('usage: verify-image.js ROOT IMAGE_INSPECT_JSON PACKAGE_LOCK');
  const [image] = JSON.parse(readFileSync(inspectPath, 'utf8')) as ImageConfig[];
  if (!image) throw new Error(`${inspectPath} describes no image`);
  const env = envOf(image.Config.Env ?? []);

  const user = checkConfiguration(image, root, env);
  checkFiles(root, lockPath, image.Config.WorkingDir ?? '/');
  if (!user) return;
  const mounts = new Mounts(root);
  const fake = new FakeSlack();
  try {
    await fake.start();
    fake.addUser({ id: ALICE, real_name: 'Alice Example' });
    fake.addUser({ id: FAKE.admin, real_name: 'Invoking Admin' });
    await runApp(image, root, env, user, mounts, fake);
  } finally {
    await fake.stop();
    mounts.undo();
  }
}

/** The image's metadata: what an engine reads to run it. Returns its user when it can be run. */
function checkConfiguration(image: ImageConfig, root: string, env: Record<string, string>): User | undefined {
  const c = image.Config;
  check(
    JSON.stringify(c.Cmd) === '["node","dist/index.js"]' && !c.Entrypoint?.length,
    'CMD is the exec form ["node", "dist/index.js"] with no ENTRYPOINT',
    JSON.stringify({ Entrypoint: c.Entrypoint, Cmd: c.Cmd }),
  );
  check(c.StopSignal === 'SIGTERM', 'STOPSIGNAL is SIGTERM', String(c.StopSignal));
  const dataDir = env.AUDIT_DB_PATH ? dirname(env.AUDIT_DB_PATH) : '';
  check(
    dataDir !== '' && Object.keys(c.Volumes ?? {}).includes(dataDir),
    "AUDIT_DB_PATH's folder is a VOLUME",
    `AUDIT_DB_PATH=${env.AUDIT_DB_PATH}, volumes ${Object.keys(c.Volumes ?? {}).join(' ')}`,
  );
  check(
    Object.keys(c.ExposedPorts ?? {}).includes(`${env.PORT}/tcp`),
    'EXPOSE names the PORT the app listens on',
    `PORT=${env.PORT}, exposed ${Object.keys(c.ExposedPorts ?? {}).join(' ')}`,
  );
  const test = image.Healthcheck?.Test ?? [];
  check(test[0] === 'CMD' && test.join(' ').includes('/livez'), 'HEALTHCHECK probes /livez', JSON.stringify(test));

  const spec = c.User ?? '';
  if (!check(/^\d+(:\d+)?$/.test(spec), 'USER is numeric (what runAsNonRoot can check)', spec || 'no USER')) return;
  const [uid = 0, gid] = spec.split(':').map(Number);
  const user = { uid, gid: gid ?? primaryGroup(root, uid) };
  if (!check(uid !== 0, 'USER is not root', spec)) return;
  const owner = statSync(join(root, dataDir));
  check(
    owner.uid === user.uid,
    "the data folder belongs to the app's user (an engine copies that to a new volume)",
    `${dataDir} owned by ${owner.uid}:${owner.gid}`,
  );
  return user;
}

/** What the image holds: the built app and its production dependencies, nothing else of the repository. */
function checkFiles(root: string, lockPath: string, workdir: string): void {
  const app = join(root, workdir);
  const found = (path: string) => existsSync(join(app, path));
  check(found('dist/index.js') && found('package.json'), `${workdir} holds dist/index.js and package.json`);
  const strays = ['src', 'test', '.git', 'node_modules/.bin/tsc', 'tsconfig.json'].filter(found);
  check(strays.length === 0, `${workdir} holds no sources, tests, .git or build tools`, strays.join(' '));
  const envFiles = spawnSync('find', [root, '-xdev', '-name', '.env'], { encoding: 'utf8' }).stdout.trim();
  check(envFiles === '', 'no .env anywhere in the image', envFiles.replaceAll(root, ''));

  const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as {
    packages: Record<string, { dev?: boolean; optional?: boolean }>;
  };
  const entries = Object.entries(lock.packages).filter(([path]) => path.startsWith('node_modules/'));
  const dev = entries.filter(([, p]) => p.dev).map(([path]) => path);
  const presentDev = dev.filter(found);
  check(
    presentDev.length === 0,
    `no devDependency in ${workdir}/node_modules (${dev.length} in the lockfile, typescript, jest and biome among them)`,
    presentDev.slice(0, 10).join(' '),
  );
  const production = entries.filter(([, p]) => !p.dev && !p.optional).map(([path]) => path);
  const missing = production.filter((path) => !found(path));
  check(
    missing.length === 0,
    `every production dependency in ${workdir}/node_modules (${production.length})`,
    missing.slice(0, 10).join(' '),
  );
}

/** Starts the image's command, then plays Slack against it: probes, a sign-out, the audit record, SIGTERM. */
async function runApp(
  image: ImageConfig,
  root: string,
  imageEnv: Record<string, string>,
  user: User,
  mounts: Mounts,
  fake: FakeSlack,
): Promise<void> {
  const dataDir = dirname(imageEnv.AUDIT_DB_PATH ?? '');
  mounts.likeAnEngine(user, dataDir, {
    'slack-bot-token': FAKE.botToken,
    'slack-admin-token': FAKE.adminToken,
    'slack-signing-secret': FAKE.signingSecret,
  });
  const port = await freePort();
  // What an operator adds (docker run -e, a Kubernetes env and Secret): secrets as files, the fake Slack, and a free
  // port, since chroot shares the host's network.
  const env = {
    ...imageEnv,
    PORT: String(port),
    SLACK_BOT_TOKEN_FILE: '/run/secrets/slack-bot-token',
    SLACK_ADMIN_TOKEN_FILE: '/run/secrets/slack-admin-token',
    SLACK_SIGNING_SECRET_FILE: '/run/secrets/slack-signing-secret',
    ADMIN_USER_IDS: FAKE.admin,
    SLACK_API_URL: fake.url,
    SLACK_RATE_SCALE: String(fake.rateScale),
  };
  const command = [...(image.Config.Entrypoint ?? []), ...(image.Config.Cmd ?? [])];
  const app = inImage(root, user, image.Config.WorkingDir ?? '/', env, command);
  const base = `http://127.0.0.1:${port}`;
  try {
    const ready = await statusOf(`${base}/readyz`, 200, 20_000);
    const detail = ready === 200 ? '' : `got ${ready}; the app wrote:\n${app.output()}`;
    if (!check(ready === 200, 'the app started from the image answers /readyz 200', detail)) {
      return;
    }
    check((await statusOf(`${base}/healthz`, 200, 1000)) === 200, '/healthz answers 200');
    check((await statusOf(`${base}/livez`, 200, 1000)) === 200, '/livez answers 200');
    checkProcess(app.child.pid ?? 0, root, user, image.Config.WorkingDir ?? '/');

    const probe = (image.Healthcheck?.Test ?? []).slice(1);
    const health = await inImage(root, user, image.Config.WorkingDir ?? '/', env, probe).exit;
    check(health.code === 0, "the HEALTHCHECK's command, run in the image, exits 0", health.out);

    await signOut(base, fake);
    const dbFile = statSync(join(root, imageEnv.AUDIT_DB_PATH ?? ''));
    check(
      dbFile.uid === user.uid && (dbFile.mode & 0o777) === 0o600 && dbFile.size > 0,
      `the SQLite file is written in the volume, as the app's user, mode 600 (${imageEnv.AUDIT_DB_PATH})`,
      `${dbFile.uid}:${dbFile.gid} ${(dbFile.mode & 0o777).toString(8)} ${dbFile.size} bytes`,
    );

    const signal = (image.Config.StopSignal ?? 'SIGTERM') as NodeJS.Signals;
    const stoppedAt = Date.now();
    app.child.kill(signal);
    const { code, out } = await app.exit;
    check(code === 0 && out.includes(`${signal} received`), `exits 0 on ${signal}`, `exit ${code}`);
    console.log(`     stopped in ${Date.now() - stoppedAt} ms`);
    const notJson = out.split('\n').filter((line) => line !== '' && !isJson(line));
    check(notJson.length === 0, 'every line it wrote is JSON', notJson.slice(0, 3).join(' | '));
    const leaked = [FAKE.botToken, FAKE.adminToken, FAKE.signingSecret].filter((s) => out.includes(s));
    check(leaked.length === 0, 'no secret in its output', `${leaked.length} found`);
    await checkAuditRecord(mounts.volume);
  } finally {
    app.child.kill('SIGKILL');
    await app.exit;
  }
}

/** A signed /reset-sessions for Alice, then Submit on the confirmation: what an admin does in an incident. */
async function signOut(base: string, fake: FakeSlack): Promise<void> {
  const sign = { secret: FAKE.signingSecret };
  const command = await postSigned(
    `${base}/slack/events`,
    commandBody({
      command: '/reset-sessions',
      text: `<@${ALICE}>`,
      userId: FAKE.admin,
      triggerId: '1337.1.image',
      responseUrl: fake.responseUrl('image'),
    }),
    sign,
  );
  const update = await fake.waitFor('views.update').then(
    (calls) => calls.at(-1),
    () => undefined,
  );
  const view = JSON.parse(update?.args.view ?? '{}') as Record<string, unknown>;
  if (
    !check(
      command.status === 200 && view.callback_id === 'reset_sessions_confirm',
      '/reset-sessions opens its confirmation',
      `answer ${command.status}, view ${String(view.callback_id)}`,
    )
  ) {
    return;
  }
  const submitted = await postSigned(
    `${base}/slack/events`,
    viewSubmissionBody({
      viewId: update?.args.view_id ?? '',
      view,
      userId: FAKE.admin,
      triggerId: '1337.2.image',
      values: { reason: { reason_input: { type: 'plain_text_input', value: 'verify-image' } } },
    }),
    sign,
  );
  const told = await fake.waitForResponses(1).then(
    () => JSON.stringify(fake.responses[0]?.body ?? {}),
    () => '',
  );
  check(
    submitted.status === 200 &&
      JSON.stringify(fake.adminCalls().map((c) => [c.method, c.args.user_id])) ===
        JSON.stringify([['admin.users.session.reset', ALICE]]) &&
      told.includes('Signed out 1 of 1 person'),
    'Submit signs Alice out with the admin token and tells the admin',
    `${fake
      .adminCalls()
      .map((c) => c.method)
      .join(' ')}; told ${told.slice(0, 200)}`,
  );
}

/** The record the app wrote is in the SQLite file on the volume, readable by the store after the app stopped. */
async function checkAuditRecord(volume: string): Promise<void> {
  const store = openSqliteAuditStore(join(volume, 'audit.db'));
  try {
    const records = await store.recent(10);
    const executed = records.find((r) => r.outcome === 'executed' && r.targets.some((t) => t.userId === ALICE));
    check(
      executed !== undefined,
      'the audit record of the sign-out is in the SQLite file',
      `${records.length} records`,
    );
  } finally {
    await store.close();
  }
}

/** The running process, seen from the host: the image's root, its user (no extra groups), its working directory. */
function checkProcess(pid: number, root: string, user: User, workdir: string): void {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) =>
    status
      .match(new RegExp(`^${name}:\\s*(.*)$`, 'm'))?.[1]
      ?.trim()
      .split(/\s+/) ?? [];
  const ids = [...field('Uid'), ...field('Gid')];
  check(
    ids.every((id, i) => Number(id) === (i < 4 ? user.uid : user.gid)) &&
      field('Groups').every((g) => g === '' || Number(g) === user.gid),
    `runs as ${user.uid}:${user.gid}, not root, in no other group`,
    `Uid ${field('Uid').join(' ')}, Gid ${field('Gid').join(' ')}, Groups ${field('Groups').join(' ')}`,
  );
  const cwd = spawnSync('readlink', [`/proc/${pid}/cwd`], { encoding: 'utf8' }).stdout.trim();
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  check(
    cwd === join(root, workdir) && cmdline === 'node dist/index.js',
    `runs "node dist/index.js" in ${workdir} of the image's filesystem`,
    `${cmdline} in ${cwd}`,
  );
}

/** `command` chrooted into the image as its user, in its working directory, with exactly `env`. */
function inImage(
  root: string,
  user: User,
  workdir: string,
  env: Record<string, string>,
  command: string[],
): { child: ChildProcess; exit: Promise<{ code: number | null; out: string }>; output: () => string } {
  // chroot, then env (the image's own) to enter the working directory and find the command on the image's PATH.
  const child = spawn(
    'chroot',
    [`--userspec=${user.uid}:${user.gid}`, `--groups=${user.gid}`, root, '/usr/bin/env', '-C', workdir, ...command],
    { env },
  );
  let out = '';
  const collect = (d: Buffer) => {
    out += String(d);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exit = new Promise<{ code: number | null; out: string }>((done) =>
    child.on('close', (code) => done({ code, out })),
  );
  return { child, exit, output: () => out };
}

/**
 * What an engine mounts in a container: /proc, a /dev with the usual devices, a fresh volume owned as the image's
 * folder is (what Docker does for a new named volume), and the secrets in /run/secrets (as Docker secrets and the
 * Kubernetes example have them), readable by the app's user only.
 */
class Mounts {
  readonly volume = mkdtempSync(join(tmpdir(), 'verify-image-volume-'));
  private readonly mounted: string[] = [];

  constructor(private readonly root: string) {}

  likeAnEngine(user: User, dataDir: string, secrets: Record<string, string>): void {
    const at = (path: string) => join(this.root, path);
    this.mount(['-t', 'proc', 'proc'], at('/proc'));
    this.mount(['-t', 'tmpfs', '-o', 'nosuid,mode=0755', 'tmpfs'], at('/dev'));
    for (const [name, minor] of [
      ['null', 3],
      ['zero', 5],
      ['full', 7],
      ['random', 8],
      ['urandom', 9],
    ] as const) {
      run('mknod', ['-m', '666', at(`/dev/${name}`), 'c', '1', String(minor)]);
    }
    const image = statSync(at(dataDir));
    chownSync(this.volume, image.uid, image.gid);
    chmodSync(this.volume, image.mode & 0o7777);
    this.mount(['--bind', this.volume], at(dataDir));
    this.mount(['-t', 'tmpfs', '-o', 'nosuid,nodev,mode=0755', 'tmpfs'], at('/run'));
    mkdirSync(at('/run/secrets'));
    for (const [name, value] of Object.entries(secrets)) {
      const file = at(`/run/secrets/${name}`);
      writeFileSync(file, value, { mode: 0o400 });
      chownSync(file, user.uid, user.gid);
    }
  }

  private mount(args: string[], target: string): void {
    run('mount', [...args, target]);
    this.mounted.push(target);
  }

  undo(): void {
    for (const target of this.mounted.reverse()) spawnSync('umount', [target]);
    rmSync(this.volume, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr.trim()}`);
}

function primaryGroup(root: string, uid: number): number {
  const line = readFileSync(join(root, 'etc/passwd'), 'utf8')
    .split('\n')
    .find((l) => l.split(':')[2] === String(uid));
  return Number(line?.split(':')[3] ?? uid);
}

function envOf(list: string[]): Record<string, string> {
  return Object.fromEntries(list.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

/** A port nothing listens on right now (chroot shares the host's network, where the image's PORT may be taken). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise((r) => server.close(r));
  return typeof address === 'object' && address ? address.port : 0;
}

async function statusOf(url: string, want: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let status = 0;
  do {
    status = await fetch(url).then(
      (r) => r.status,
      () => 0,
    );
    if (status !== want) await new Promise((r) => setTimeout(r, 100));
  } while (status !== want && Date.now() < deadline);
  return status;
}

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

main().then(
  () => {
    console.log(failures.length === 0 ? 'image checks: all passed' : `image checks: ${failures.length} failed`);
    process.exit(failures.length === 0 ? 0 : 1);
  },
  (error: unknown) => {
    console.log(`FAIL the image checks could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
