import type { IncomingMessage, ServerResponse } from 'node:http';
import { rejectSkewedRequests } from '../../../src/http/reject-skewed-requests';

const NOW = 1_800_000_000_000;

function run(header: string | undefined) {
  const inner = jest.fn();
  const writeHead = jest.fn().mockReturnValue({ end: jest.fn() });
  const req = { headers: header === undefined ? {} : { 'x-slack-request-timestamp': header }, resume: jest.fn() };
  rejectSkewedRequests(inner, () => NOW)(req as unknown as IncomingMessage, { writeHead } as unknown as ServerResponse);
  return { passed: inner.mock.calls.length === 1, status: writeHead.mock.calls[0]?.[0] };
}

describe('rejectSkewedRequests', () => {
  const seconds = NOW / 1000;
  it.each([
    ['now', String(seconds), true],
    ['five minutes ago', String(seconds - 300), true],
    ['five minutes ahead', String(seconds + 300), true],
    ['five minutes and a second ago', String(seconds - 301), false],
    ['five minutes and a second ahead', String(seconds + 301), false],
    ['not a number', 'abc', false],
    ['negative', '-5', false],
    ['huge', '99999999999999999999', false],
  ])('a timestamp %s: passes = %s', (_name, header, passes) => {
    const result = run(header);
    expect(result.passed).toBe(passes);
    if (!passes) expect(result.status).toBe(401);
  });

  it('leaves a request without the header to Bolt, which refuses unsigned requests', () => {
    expect(run(undefined).passed).toBe(true);
  });
});
