import {
  type ApiClient,
  authenticate,
  ClientRateLimit,
  HEADERS,
  type SeenSignatures,
  sign,
} from '../../../src/api/authenticate';

const SECRET = 'fake-api-secret-for-tests-0123456789abcdef';
const NOW = 1_800_000_000_000;
const soar: ApiClient = { name: 'soar', secret: SECRET, actions: new Set(['sign-outs']) };
const clients = new Map([['soar', soar]]);

/** The store's memory of signatures, in a Set. */
const memory = (): SeenSignatures & { seen: Set<string> } => {
  const seen = new Set<string>();
  return {
    seen,
    async firstUse(signature) {
      if (seen.has(signature)) return false;
      seen.add(signature);
      return true;
    },
  };
};

const body = JSON.stringify({ people: ['W0ALICE001'], scope: 'all', reason: 'INC-1' });

function signed(
  overrides: { secret?: string; timestamp?: number; name?: string; body?: string; target?: string } = {},
) {
  const timestamp = String(overrides.timestamp ?? NOW / 1000);
  const text = overrides.body ?? body;
  const target = overrides.target ?? '/api/v1/sign-outs';
  return {
    method: 'POST',
    target,
    body: text,
    headers: <Record<string, string>>{
      [HEADERS.client]: overrides.name ?? 'soar',
      [HEADERS.timestamp]: timestamp,
      [HEADERS.signature]: sign(overrides.secret ?? SECRET, timestamp, text, target),
    },
  };
}

describe('authenticate', () => {
  it('takes a request signed with the client’s secret over its timestamp and body, once', async () => {
    const seen = memory();
    expect(await authenticate(signed(), 'sign-outs', clients, seen, undefined, () => NOW)).toEqual({
      ok: true,
      client: soar,
    });
    expect(await authenticate(signed(), 'sign-outs', clients, seen, undefined, () => NOW)).toEqual({
      ok: false,
      status: 401,
      why: 'this signature was used before',
    });
  });

  it('refuses an unsigned request, a wrong secret, an altered body and an unknown client alike, with 401', async () => {
    const refused = async (req: ReturnType<typeof signed>) =>
      authenticate(req, 'sign-outs', clients, memory(), undefined, () => NOW);
    const { [HEADERS.signature]: _, ...unsigned } = signed().headers;
    expect(await refused({ ...signed(), headers: unsigned })).toMatchObject({ ok: false, status: 401 });
    expect(await refused(signed({ secret: 'another-secret-of-the-same-length-000000' }))).toMatchObject({
      status: 401,
      why: 'the signature does not match',
    });
    expect(await refused({ ...signed(), body: body.replace('INC-1', 'INC-2') })).toMatchObject({ status: 401 });
    // The answer to an unknown name is the answer to a bad signature: it does not tell which names exist.
    expect(await refused(signed({ name: 'siem' }))).toEqual(await refused(signed({ secret: `${SECRET}x` })));
  });

  it('refuses a timestamp more than five minutes away, either way', async () => {
    for (const skew of [-301, 301]) {
      expect(
        await authenticate(
          signed({ timestamp: NOW / 1000 + skew }),
          'sign-outs',
          clients,
          memory(),
          undefined,
          () => NOW,
        ),
      ).toMatchObject({ status: 401, why: 'the timestamp is more than five minutes from now' });
    }
    expect(
      await authenticate(signed({ timestamp: NOW / 1000 - 299 }), 'sign-outs', clients, memory(), undefined, () => NOW),
    ).toMatchObject({ ok: true });
  });

  it('binds a GET’s signature to its path, so it cannot be moved to another request', async () => {
    const get = { ...signed({ body: '', target: '/api/v1/sign-outs/req-1' }), method: 'GET' };
    expect(await authenticate(get, 'sign-outs', clients, memory(), undefined, () => NOW)).toMatchObject({ ok: true });
    expect(
      await authenticate(
        { ...get, target: '/api/v1/sign-outs/req-2' },
        'sign-outs',
        clients,
        memory(),
        undefined,
        () => NOW,
      ),
    ).toMatchObject({ status: 401 });
  });

  it('answers 403 to a proven client asking for an action it is not allowed', async () => {
    expect(await authenticate(signed(), 'session-settings', clients, memory(), undefined, () => NOW)).toEqual({
      ok: false,
      status: 403,
      why: 'client soar may not use session-settings',
    });
  });

  it('turns a proven client past its rate away with 429, before its signature is written to the store', async () => {
    const seen = memory();
    const limit = new ClientRateLimit(1, () => NOW);
    const sent = (n: number) => signed({ body: JSON.stringify({ n }) });
    expect(await authenticate(sent(1), 'sign-outs', clients, seen, limit, () => NOW)).toMatchObject({ ok: true });
    expect(await authenticate(sent(2), 'sign-outs', clients, seen, limit, () => NOW)).toMatchObject({
      ok: false,
      status: 429,
      retryAfterS: 60,
    });
    expect(seen.seen.size).toBe(1);
  });

  it('remembers a signature until its five minutes are over', async () => {
    const expiries: Date[] = [];
    const seen: SeenSignatures = {
      firstUse: async (_s, expiresAt) => {
        expiries.push(expiresAt);
        return true;
      },
    };
    await authenticate(signed(), 'sign-outs', clients, seen, undefined, () => NOW);
    expect(expiries).toEqual([new Date(NOW + 300_000)]);
  });
});

describe('ClientRateLimit', () => {
  it('lets each client send its requests a minute, then says how long to wait', () => {
    let now = 0;
    const limit = new ClientRateLimit(3, () => now);
    expect([limit.take('soar'), limit.take('soar'), limit.take('soar')]).toEqual([undefined, undefined, undefined]);
    now = 20_000;
    expect(limit.take('soar')).toBe(40);
    expect(limit.take('siem')).toBeUndefined();
    now = 60_001;
    expect(limit.take('soar')).toBeUndefined();
  });
});
