import type { Logger } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';
import fc from 'fast-check';
import { oneLine, RedactingLogger, redact } from '../../../src/logging/redacting-logger';
import { CapturingLogger } from '../../support/harness';

const BOT = 'xoxb-fake-1111-2222-bot-token';
const USER = 'xoxp-fake-3333-4444-user-token';
const APP = 'xapp-1-A0123-6666-fakeAppToken';
const SIGNING_SECRET = 'fakesigningsecret0123456789abcdef';
const HOOK = 'https://hooks.slack.com/commands/T0123ABCDE/1234567890123/AbCdEfGhIjKlMnOpQrStUvWx';

describe('redact', () => {
  it.each([
    ['a bot token', BOT, 'xoxb-[redacted]'],
    ['a user token', USER, 'xoxp-[redacted]'],
    ['an app token', APP, 'xapp-[redacted]'],
    ['a legacy token', 'xoxa-2-fake', 'xoxa-[redacted]'],
    ['a workflow step’s token', 'xwfp-fake-workflow-token', 'xwfp-[redacted]'],
  ])('masks %s wherever it sits', (_name, token, masked) => {
    expect(redact(`token=${token}&x=1`, [])).toBe(`token=${masked}&x=1`);
    expect(redact(`{"token":"${token}"}`, [])).toBe(`{"token":"${masked}"}`);
    expect(redact(`Bearer ${token}`, [])).toBe(`Bearer ${masked}`);
  });

  it('masks configured secrets, whatever their shape', () => {
    const out = redact(`secret ${SIGNING_SECRET} twice ${SIGNING_SECRET}.`, [SIGNING_SECRET]);
    expect(out).toBe('secret [redacted] twice [redacted].');
  });

  it('ignores secrets too short to be real, so that common words are not masked', () => {
    expect(redact('info about the app', ['app', ''])).toBe('info about the app');
  });

  it('masks the path of a response_url but keeps the host', () => {
    const out = redact(`posting to ${HOOK} now`, []);
    expect(out).toBe('posting to https://hooks.slack.com/[redacted] now');
    expect(redact(`{"response_url":"${HOOK}"}`, [])).toBe('{"response_url":"https://hooks.slack.com/[redacted]"}');
  });

  it('masks the ticket of a Socket Mode URL', () => {
    const url = 'wss://wss-primary.slack.com/link/?ticket=1a2b3c4d-0000-4000-8000-abcdefabcdef&app_id=A0APP00001';
    expect(redact(`connecting to ${url}`, [])).toBe(
      'connecting to wss://wss-primary.slack.com/link/?ticket=[redacted]&app_id=A0APP00001',
    );
  });

  it('leaves ordinary text alone', () => {
    const text = 'reset W0ALICE0001 scope=mobile: ok (https://slack.com/api/admin.users.session.reset)';
    expect(redact(text, [SIGNING_SECRET])).toBe(text);
  });

  it('never lets a token through, whatever surrounds it (property)', () => {
    const token = fc
      .tuple(fc.constantFrom('xoxb-', 'xoxp-', 'xapp-', 'xoxe-'), fc.stringMatching(/^[A-Za-z0-9-]{10,40}$/))
      .map(([p, rest]) => p + rest);
    const around = fc.string({ maxLength: 20 }).map((s) => s.replace(/[A-Za-z0-9_]$/, ' '));
    fc.assert(
      fc.property(around, token, fc.constantFrom(' ', '"', "'", '\n', ')', ''), (before, t, after) => {
        const out = redact(`${before}${t}${after}`, []);
        expect(out).not.toContain(t.slice(5));
      }),
      { numRuns: 1000 },
    );
  });
});

function innerLogger() {
  const inner = {
    debug: jest.fn(),
    info: jest.fn(),
    warn: jest.fn(),
    error: jest.fn(),
    setLevel: jest.fn(),
    getLevel: jest.fn(() => LogLevel.WARN),
    setName: jest.fn(),
  };
  return inner;
}

describe('RedactingLogger', () => {
  const secrets = [BOT, USER, APP, SIGNING_SECRET];

  it.each(['debug', 'info', 'warn', 'error'] as const)('%s: joins the arguments into one redacted line', (level) => {
    const inner = innerLogger();
    const logger = new RedactingLogger(inner as unknown as Logger, secrets);
    // A configured secret is masked whole; an unconfigured token by its shape.
    logger[level]('calling with', BOT, 'and', { token: 'xoxp-9-unconfigured', n: 1 });
    expect(inner[level]).toHaveBeenCalledTimes(1);
    const line = inner[level].mock.calls[0]?.[0] as string;
    expect(line).toBe("calling with [redacted] and { token: 'xoxp-[redacted]', n: 1 }");
  });

  it('passes Error objects through redaction: message, stack and attached data', () => {
    const inner = innerLogger();
    const logger = new RedactingLogger(inner as unknown as Logger, secrets);
    const error = Object.assign(new Error(`auth failed for ${USER} via ${HOOK}`), {
      data: { request: { headers: { authorization: `Bearer ${BOT}` } }, secret: SIGNING_SECRET },
    });
    logger.error('listener failed:', error);
    const line = inner.error.mock.calls[0]?.[0] as string;
    expect(line).toContain('listener failed: Error: auth failed for [redacted] via https://hooks.slack.com/[redacted]');
    expect(line).toContain("authorization: 'Bearer [redacted]'");
    expect(line).toContain("secret: '[redacted]'");
    // The stack is rendered too (it repeats the message), and redacted with it.
    expect(line).toMatch(/at .*redacting-logger\.test\.ts/);
    for (const s of [...secrets, HOOK]) expect(line).not.toContain(s);
    expect(line).not.toContain('fakeUserToken');
  });

  it('redacts an unconfigured token inside an Error by its shape', () => {
    const inner = innerLogger();
    new RedactingLogger(inner as unknown as Logger, []).warn(new Error('leaked xoxb-0-other-token'));
    const line = inner.warn.mock.calls[0]?.[0] as string;
    expect(line).toContain('Error: leaked xoxb-[redacted]');
    expect(line).not.toContain('other-token');
  });

  it('delegates level and name', () => {
    const inner = innerLogger();
    const logger = new RedactingLogger(inner as unknown as Logger, secrets);
    logger.setLevel(LogLevel.DEBUG);
    logger.setName('app');
    expect(inner.setLevel).toHaveBeenCalledWith(LogLevel.DEBUG);
    expect(inner.setName).toHaveBeenCalledWith('app');
    expect(logger.getLevel()).toBe(LogLevel.WARN);
  });
});

describe('one line per log call', () => {
  it('escapes a newline from Slack (an error code, a user id) so it cannot forge a session_audit line', () => {
    const inner = new CapturingLogger();
    const logger = new RedactingLogger(inner, []);
    logger.warn('views.open failed: x\n{"type":"session_audit","outcome":"executed"}\r\u0007');
    expect(inner.lines).toHaveLength(1);
    expect(inner.lines[0]).not.toContain('\n');
    expect(inner.lines[0]).toContain('x\\n{"type":"session_audit"');
    expect(oneLine('a\u2028b\u0007')).toBe('a\\u2028b\\u0007');
  });
});
