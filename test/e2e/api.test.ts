import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { API_ROUTES } from '../../src/api/requests';
import {
  API_SECRETS,
  type ApiAnswer,
  type ApiCall,
  apiClientsEnv,
  apiSignature,
  callApi,
  send,
} from '../support/api-client';
import type { FakeSlack, RecordedCall } from '../support/fake-slack';
import { FAKE, type Harness, startHarness, textOf } from '../support/harness';
import { schemaProblems } from '../support/json-schema';

const ALICE = 'W0ALICE001';
const BOB = 'W0BOB00001';
const BOT = 'W0BOT00001';
const APPROVALS = 'C0APPROVE1';
const AUDIT = 'C0AUDIT001';

const OPENAPI = JSON.parse(readFileSync(resolve(__dirname, '../../src/api/openapi.json'), 'utf8'));

const people = (fake: FakeSlack) => {
  fake.addUser({ id: ALICE, real_name: 'Alice Example', profile: { email: 'alice@example.com' } });
  fake.addUser({ id: BOB, real_name: 'Bob Example', profile: { email: 'bob@example.com' } });
  fake.addUser({ id: BOT, real_name: 'Deploy Bot', is_bot: true });
};

/** Asks `done` until it says yes, or fails after `timeoutMs`. */
async function until(done: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let keys = 0;
const signOut = (over: Record<string, unknown> = {}) => ({
  people: [ALICE],
  scope: 'all',
  reason: 'SIEM alert 4711',
  idempotencyKey: `INC-${++keys}`,
  ...over,
});

/** An answer as the OpenAPI document describes it for this operation and status. */
function expectDocumented(answer: ApiAnswer, path: string, method: 'get' | 'post') {
  const response = OPENAPI.paths[path]?.[method]?.responses?.[String(answer.status)];
  expect({ path, method, status: answer.status, documented: response !== undefined }).toMatchObject({
    documented: true,
  });
  const schema = response.content['application/json'].schema;
  expect(schemaProblems(answer.json, schema, OPENAPI)).toEqual([]);
}

/** The signed API over real HTTP, signed as a SOAR tool signs, against the app and the fake Slack. */
describe('the signed API', () => {
  let h: Harness;
  let clients: ReturnType<typeof apiClientsEnv>;
  const start = (env: Record<string, string> = {}, socketMode = false) => {
    clients = apiClientsEnv();
    return startHarness(
      // The tests ask GET over and over: the limit is a test of its own.
      { API_CLIENTS: clients.env, AUDIT_CHANNEL_ID: AUDIT, API_RATE_LIMIT_PER_MINUTE: '10000', ...env },
      { setup: people, socketMode, processBeforeResponse: !socketMode },
    );
  };
  afterEach(() => h?.stop());

  const api = (c: ApiCall) => callApi(h.baseUrl, c);
  const post = (body: unknown, over: Partial<ApiCall> = {}) =>
    api({ method: 'POST', path: '/api/v1/sign-outs', body, ...over });
  // Each signature is taken once, and timestamps are in seconds: a poll of the same URL within a second would be a
  // replay. A query string of the client's own is signed with the path, so each poll is a request of its own.
  let polls = 0;
  const status = (url: string, over: Partial<ApiCall> = {}) =>
    api({ method: 'GET', path: `${url}?poll=${++polls}`, ...over });
  /** GET until the request stands where `done` says, or fail after 5 s. */
  const settled = async (url: string, done: (s: string) => boolean = (s) => s === 'done') => {
    let last: ApiAnswer | undefined;
    await until(
      async () => {
        last = await status(url);
        return done(String(last.json?.status));
      },
      5000,
      `${url} to settle`,
    );
    return last as ApiAnswer;
  };
  /** Nothing at all happened: no look-up, no admin call, no record. */
  const nothingDone = () => {
    expect(h.fake.calls.filter((c) => c.method.startsWith('users.') || c.method.startsWith('admin.'))).toEqual([]);
    expect(h.audit).toEqual([]);
  };

  it('is off without API_CLIENTS: none of its routes exist', async () => {
    h = await startHarness({}, { setup: people });
    for (const [method, path] of [
      ['POST', '/api/v1/sign-outs'],
      ['GET', '/api/v1/sign-outs/3f2b8c1e-9d4a-4e6b-8f7c-000000000001'],
      ['GET', '/api/v1/openapi.json'],
    ] as const) {
      expect((await api({ method, path, body: method === 'POST' ? signOut() : undefined })).status).toBe(404);
    }
    nothingDone();
  });

  it('signs people out for a signed client, answers 202 at once, and GET gives the truth per person', async () => {
    h = await start();
    const accepted = await post(signOut({ people: [ALICE, 'bob@example.com', BOT], notify: true }));
    expect(accepted.status).toBe(202);
    expectDocumented(accepted, '/api/v1/sign-outs', 'post');
    const url = String(accepted.json?.statusUrl);
    expect(accepted.headers.get('location')).toBe(url);
    const done = await settled(url);
    expectDocumented(done, '/api/v1/sign-outs/{requestId}', 'get');
    expect(done.json).toMatchObject({
      requestId: accepted.json?.requestId,
      action: 'sign-outs',
      status: 'done',
      outcome: 'partial',
      reason: 'SIEM alert 4711',
      details: { scope: 'all' },
      people: [
        { person: ALICE, result: 'done' },
        { person: BOB, result: 'done' },
        { person: BOT, result: 'not_attempted', error: 'is_bot', why: expect.stringContaining('bot') },
      ],
    });
    expect(h.fake.adminCalls().map((c) => [c.method, c.token, c.args.user_id])).toEqual([
      ['admin.users.session.reset', FAKE.adminToken, ALICE],
      ['admin.users.session.reset', FAKE.adminToken, BOB],
    ]);
    // Recorded under the client, in all three sinks; nobody was DM'd as if the client were a person.
    const final = h.audit.find((r) => r.outcome === 'partial');
    expect(final).toMatchObject({ invokerId: 'api:soar', origin: { kind: 'api', client: 'soar' } });
    const auditPost = String(h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === AUDIT)?.args.text);
    expect(auditPost).toContain('API client `soar`');
    expect(auditPost).toContain('through the signed API by client `soar`');
    await until(async () => (await status(url)).json?.told !== undefined, 5000, 'the DMs');
    expect(h.fake.callsTo('chat.postMessage').map((c) => c.args.channel)).not.toContain('api:soar');
    expect(h.fake.callsTo('chat.postMessage').filter((c) => [ALICE, BOB].includes(c.args.channel ?? ''))).toHaveLength(
      2,
    );
  });

  it('refuses an unsigned request, a bad or stale or future signature, a replay and an unknown client, with nothing done', async () => {
    h = await start();
    const body = signOut();
    const good = await post(body);
    expect(good.status).toBe(202);
    const refused: ApiAnswer[] = [
      // The very same request again: a replay.
      await send(h.baseUrl, 'POST', '/api/v1/sign-outs', good.sent, JSON.stringify(body)),
      await send(h.baseUrl, 'POST', '/api/v1/sign-outs', { 'content-type': 'application/json' }, JSON.stringify(body)),
      await post(signOut(), { secret: 'another-secret-of-the-same-length-0000' }),
      await post(signOut(), { timestamp: Math.floor(Date.now() / 1000) - 301 }),
      await post(signOut(), { timestamp: Math.floor(Date.now() / 1000) + 301 }),
      await post(signOut(), { client: 'edr' }),
      // Signed by the client as it should be, then the body changed on the way.
      await (async () => {
        const timestamp = Math.floor(Date.now() / 1000);
        const original = JSON.stringify({ ...body, idempotencyKey: 'INC-tampered' });
        const headers = {
          'x-client-name': 'soar',
          'x-request-timestamp': String(timestamp),
          'x-signature': apiSignature(API_SECRETS.soar, timestamp, original, '/api/v1/sign-outs'),
          'content-type': 'application/json',
        };
        return send(h.baseUrl, 'POST', '/api/v1/sign-outs', headers, original.replace(ALICE, BOB));
      })(),
    ];
    expect(refused.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401, 401]);
    for (const r of refused) expectDocumented(r, '/api/v1/sign-outs', 'post');
    expect(refused.map((r) => r.json?.message)).toEqual([
      'this signature was used before',
      expect.stringContaining('unsigned'),
      'the signature does not match',
      'the timestamp is more than five minutes from now',
      'the timestamp is more than five minutes from now',
      // An unknown client is told what a bad signature is told: no name is confirmed to exist.
      'the signature does not match',
      'the signature does not match',
    ]);
    await settled(String(good.json?.statusUrl));
    expect(h.fake.adminCalls()).toHaveLength(1);
    // No signature or secret reaches the log.
    const log = h.logs.lines.join('\n');
    expect(log).not.toContain(String(good.sent['x-signature']).slice(3));
    expect(log).not.toContain('fake-api-secret');
  });

  it('answers 403 to a client not allowed the action, with nothing done', async () => {
    h = await start();
    const answer = await api({
      method: 'POST',
      path: '/api/v1/session-settings',
      client: 'siem',
      body: { people: [ALICE], duration: '8h', reason: 'INC-1', idempotencyKey: 'k1' },
    });
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ error: 'forbidden', message: 'client siem may not use session-settings' });
    nothingDone();
  });

  it('runs a request once per idempotency key, answering a retry with the same request ID, and refuses the key with another body', async () => {
    h = await start();
    const body = signOut({ people: [ALICE, BOB] });
    const first = await post(body);
    // A retry is signed again (a new timestamp): the key makes it the same request.
    const again = await post(
      { ...body, reason: body.reason, people: [...body.people] },
      { timestamp: Math.floor(Date.now() / 1000) - 1 },
    );
    expect([first.status, again.status]).toEqual([202, 200]);
    expect(again.json?.requestId).toBe(first.json?.requestId);
    expectDocumented(again, '/api/v1/sign-outs', 'post');
    await settled(String(first.json?.statusUrl));
    const changed = await post({ ...body, people: [ALICE] });
    expect(changed.status).toBe(409);
    expect(changed.json).toMatchObject({ error: 'idempotency_conflict' });
    expect(h.fake.adminCalls()).toHaveLength(2);
    expect(h.audit.filter((r) => r.outcome === 'executed')).toHaveLength(1);
    // Keys are each client's own: siem's INC-… is another request.
    const theirs = await post(body, { client: 'siem' });
    expect(theirs.status).toBe(202);
    expect(theirs.json?.requestId).not.toBe(first.json?.requestId);
  });

  it('waits for a human admin in Slack when approval is required; GET follows it to the result', async () => {
    h = await start({ APPROVAL_REQUIRED: 'always', APPROVAL_CHANNEL_ID: APPROVALS });
    const accepted = await post(signOut());
    const url = String(accepted.json?.statusUrl);
    const waiting = await settled(url, (s) => s === 'awaiting_approval');
    expect(waiting.json?.approval).toMatchObject({ status: 'pending' });
    expectDocumented(waiting, '/api/v1/sign-outs/{requestId}', 'get');
    expect(h.fake.adminCalls()).toEqual([]);
    const request = h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === APPROVALS) as RecordedCall;
    expect(textOf(JSON.parse(request.args.blocks ?? '[]'))).toContain('API client `soar` asks for approval');
    const id = String(accepted.json?.requestId);
    const ts = `1700000000.${String(h.fake.calls.indexOf(request) + 1).padStart(6, '0')}`;
    await h.click({ actionId: 'approval_approve', value: id, message: { channel: APPROVALS, ts } }, FAKE.otherAdmin);
    const done = await settled(url);
    expect(done.json).toMatchObject({
      status: 'done',
      outcome: 'executed',
      approval: { status: 'approved', decidedBy: FAKE.otherAdmin },
      people: [{ person: ALICE, result: 'done' }],
    });
    expect(h.audit.find((r) => r.outcome === 'executed')).toMatchObject({
      invokerId: 'api:soar',
      approverId: FAKE.otherAdmin,
    });
    // Nobody tried to DM the client.
    expect(h.fake.callsTo('chat.postMessage').map((c) => c.args.channel)).not.toContain('api:soar');
  });

  it('refuses what it cannot do before anything happens: too big, too many, a bad scope or duration, not JSON', async () => {
    h = await start({ MAX_TARGETS: '2', BULK_MAX_TARGETS: '3' });
    const big = await post(undefined, { raw: JSON.stringify(signOut({ reason: 'x'.repeat(300_000) })) });
    expect(big.status).toBe(413);
    const many = await post(signOut({ people: [ALICE, BOB, BOT, 'W0FOURTH01'] }));
    expect(many.json).toEqual({
      error: 'invalid_request',
      message: 'Nothing was done.',
      problems: ['people names 4 people; one request takes at most 3.'],
    });
    const bad = await post(signOut({ scope: 'desktop', notify: 'yes', scopes: 'all', idempotencyKey: 'has space' }));
    expect(bad.status).toBe(400);
    expect(bad.json?.problems).toEqual([
      '"scopes" is not a field of this request (people, reason, idempotencyKey, scope, notify).',
      expect.stringContaining('idempotencyKey is required'),
      'scope must be all, mobile or web.',
    ]);
    expectDocumented(bad, '/api/v1/sign-outs', 'post');
    const duration = await api({
      method: 'POST',
      path: '/api/v1/session-settings',
      body: { people: [ALICE], duration: '2h', reason: 'INC-3', idempotencyKey: 'd1' },
    });
    expect(duration.json?.problems).toEqual([
      expect.stringContaining('too short: Slack’s shortest session is 8 hours'),
    ]);
    const notJson = await post(undefined, { raw: '{"people": [' });
    expect([notJson.status, notJson.json?.error]).toEqual([400, 'invalid_json']);
    const form = await post(undefined, { raw: 'people=W0ALICE001', contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    nothingDone();
  });

  it('keeps each client within API_RATE_LIMIT_PER_MINUTE, answering 429 with Retry-After and doing nothing', async () => {
    h = await start({ API_RATE_LIMIT_PER_MINUTE: '2' });
    const answers = [await post(signOut()), await post(signOut()), await post(signOut())];
    expect(answers.map((a) => a.status)).toEqual([202, 202, 429]);
    expect(Number(answers[2]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expectDocumented(answers[2] as ApiAnswer, '/api/v1/sign-outs', 'post');
    // Another client has its own minute.
    expect((await post(signOut(), { client: 'siem' })).status).toBe(202);
  });

  it('answers GET only for the client’s own requests', async () => {
    h = await start();
    const mine = await post(signOut());
    const url = String(mine.json?.statusUrl);
    expect((await status(url, { client: 'siem' })).status).toBe(404);
    expect((await status('/api/v1/sign-outs/3f2b8c1e-9d4a-4e6b-8f7c-000000000001')).status).toBe(404);
    expect((await status(url.replace('sign-outs', 'session-settings'))).status).toBe(404);
    const own = await settled(url);
    expect(own.status).toBe(200);
  });

  it('says who could not be included when nobody could, and why, with nothing done', async () => {
    h = await start();
    const accepted = await post(signOut({ people: [BOT, 'nobody@example.com'] }));
    const refused = await settled(String(accepted.json?.statusUrl), (s) => s === 'refused');
    expectDocumented(refused, '/api/v1/sign-outs/{requestId}', 'get');
    expect(refused.json?.people).toEqual([
      { person: BOT, result: 'not_attempted', error: 'is_bot', why: expect.any(String) },
      { person: 'nobody@example.com', result: 'not_attempted', error: 'users_not_found', why: expect.any(String) },
    ]);
    expect(h.fake.adminCalls()).toEqual([]);
  });

  it('changes session settings, and GET shows what Slack holds afterwards', async () => {
    h = await start();
    const accepted = await api({
      method: 'POST',
      path: '/api/v1/session-settings',
      body: { people: [ALICE], duration: 43_200, quitEndsSession: true, reason: 'INC-5', idempotencyKey: 's1' },
    });
    expect(accepted.status).toBe(202);
    const url = String(accepted.json?.statusUrl);
    const done = await settled(url, (s) => s === 'done');
    await until(async () => (await status(url)).json?.check !== undefined, 5000, 'the check afterwards');
    const checked = await status(url);
    expectDocumented(checked, '/api/v1/session-settings/{requestId}', 'get');
    expect(done.json).toMatchObject({ outcome: 'executed', details: { duration: 43_200, quitEndsSession: true } });
    expect(checked.json?.check).toEqual([expect.objectContaining({ person: ALICE, result: 'done' })]);
    expect(h.fake.sessionSettings.get(ALICE)).toEqual({ duration: 43_200, desktop_app_browser_quit: true });
  });

  it('serves its OpenAPI document, which describes exactly the routes it serves', async () => {
    h = await start();
    const served = await send(h.baseUrl, 'GET', '/api/v1/openapi.json', {});
    expect(served.json).toEqual(OPENAPI);
    expect(OPENAPI.openapi).toBe('3.1.0');
    const routes = API_ROUTES.flatMap((r) => [`post ${r.path}`, `get ${r.path}/{requestId}`]);
    const documented = Object.entries(OPENAPI.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).toEqual([...routes, 'get /api/v1/openapi.json'].sort());
    // Each body's fields are the fields its route reads: a field the document names is taken, any other refused.
    for (const route of API_ROUTES) {
      const schema = OPENAPI.paths[route.path].post.requestBody.content['application/json'].schema.$ref
        .split('/')
        .pop();
      const fields = Object.keys(OPENAPI.components.schemas[schema].properties);
      const read = route.read({ undocumented: 1 }, 10);
      expect(read.ok || read.problems[0]).toBe(`"undocumented" is not a field of this request (${fields.join(', ')}).`);
    }
  });

  it('takes a request signed as docs/automation.md shows, with curl and openssl', async () => {
    h = await start();
    const doc = readFileSync(resolve(__dirname, '../../docs/automation.md'), 'utf8');
    const script = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)]
      .map((m) => m[1] ?? '')
      .find((s) => s.includes('openssl dgst'));
    if (!script) throw new Error('docs/automation.md shows no signing example');
    // Not spawnSync: the app answering curl runs in this very process.
    const run = await promisify(execFile)('bash', ['--norc', '--noprofile', '-c', `set -euo pipefail\n${script}`], {
      env: { PATH: process.env.PATH, BASE_URL: h.baseUrl, CLIENT: 'soar', SECRET_FILE: clients.secretFile('soar') },
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(run.stderr).toBe('');
    const answer = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(answer).toMatchObject({ status: 'accepted' });
    const done = await settled(String(answer.statusUrl));
    expect(done.json).toMatchObject({ reason: 'EDR alert 4711', people: [{ person: ALICE, result: 'done' }] });
  });

  it('is served on the health port in Socket Mode too', async () => {
    h = await start({}, true);
    const accepted = await post(signOut());
    expect(accepted.status).toBe(202);
    expect((await settled(String(accepted.json?.statusUrl))).json).toMatchObject({ outcome: 'executed' });
  });
});
