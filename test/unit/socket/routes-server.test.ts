import { matchRoute } from '../../../src/socket/routes-server';

describe('matchRoute', () => {
  it('matches a path as HTTP mode’s receiver does: literal segments, and one segment per :param', () => {
    expect(matchRoute('/healthz', '/healthz')).toEqual({});
    expect(matchRoute('/api/v1/sign-outs/:requestId', '/api/v1/sign-outs/abc-1')).toEqual({ requestId: 'abc-1' });
    expect(matchRoute('/api/v1/sign-outs/:requestId', '/api/v1/sign-outs/a%20b')).toEqual({ requestId: 'a b' });
  });

  it('matches nothing else: another path, a missing or extra segment, a malformed escape', () => {
    expect(matchRoute('/healthz', '/readyz')).toBeUndefined();
    expect(matchRoute('/api/v1/sign-outs/:requestId', '/api/v1/sign-outs/')).toBeUndefined();
    expect(matchRoute('/api/v1/sign-outs/:requestId', '/api/v1/sign-outs/a/b')).toBeUndefined();
    expect(matchRoute('/api/v1/sign-outs/:requestId', '/api/v1/session-settings/a')).toBeUndefined();
    expect(matchRoute('/api/v1/sign-outs/:requestId', '/api/v1/sign-outs/%E0%A4%A')).toBeUndefined();
  });
});
