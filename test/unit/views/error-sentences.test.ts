import fc from 'fast-check';
import { describeSlackError } from '../../../src/views/error-sentences';

/** Every code listed in /work/shared/slack-platform.md, by where it is listed. */
const DOCUMENTED: Record<string, string[]> = {
  'admin.users.session.reset': [
    'cannot_reset_bot',
    'cannot_reset_primary_owner',
    'user_not_found',
    'user_session_reset_failed',
    'not_an_admin',
    'feature_not_enabled',
  ],
  'admin.users.session.invalidate': [
    'session_not_found',
    'cannot_invalidate_primary_owner',
    'admin_unauthorized',
    'session_invalidation_failed',
    'user_not_found',
    'not_an_admin',
    'feature_not_enabled',
  ],
  'admin.users.session.list': [
    'no_active_sessions',
    'bots_not_allowed',
    'invalid_cursor',
    'team_not_found',
    'user_not_found',
    'missing_team',
    'missing_user',
  ],
  'any method': [
    'not_allowed_token_type',
    'missing_scope',
    'invalid_auth',
    'not_authed',
    'account_inactive',
    'token_revoked',
    'token_expired',
    'ratelimited',
    'enterprise_is_restricted',
    'internal_error',
    'fatal_error',
    'service_unavailable',
  ],
  'users.info / users.lookupByEmail': ['user_not_found', 'user_not_visible', 'users_not_found'],
};

/** Codes call-outcome.ts makes up for transport failures. */
const APP_CODES = ['timeout', 'network_error', 'slack_server_error', 'unexpected_error'];

const generic = (code: string) => `Slack answered with the error \`${code}\`.`;
const cases = Object.entries(DOCUMENTED).flatMap(([where, codes]) => codes.map((code) => [where, code] as const));

describe('describeSlackError', () => {
  it.each(cases)('%s: %s has a specific sentence', (_where, code) => {
    const sentence = describeSlackError(code);
    expect(sentence).not.toBe(generic(code));
    expect(sentence).not.toMatch(/Slack answered with the error/);
    expect(sentence).toMatch(/^[A-Z].*\.$/);
  });

  it.each(APP_CODES)('the app-made code %s has a specific sentence saying the outcome is unknown', (code) => {
    expect(describeSlackError(code)).toMatch(/unknown whether this took effect/);
  });

  it('does not call a rate limit, a refusal or a not-found uncertain', () => {
    for (const code of ['ratelimited', 'cannot_reset_bot', 'session_not_found', 'not_allowed_token_type']) {
      expect(describeSlackError(code)).not.toMatch(/unknown whether/);
    }
  });

  it('says an HTTP refusal below 500 was not done, with its status', () => {
    expect(describeSlackError('http_403')).toBe('Slack refused the request with HTTP 403; it was not done.');
    expect(describeSlackError('http_4033')).toBe(generic('http_4033'));
  });

  it('explains the wrong token type in terms of the fix', () => {
    expect(describeSlackError('not_allowed_token_type')).toMatch(/xoxp-/);
  });

  it('speaks of the app-level token and its connection, not of an admin call, for Socket Mode', () => {
    expect(describeSlackError('missing_scope', 'app')).toMatch(/connections:write/);
    expect(describeSlackError('not_allowed_token_type', 'app')).toMatch(/xapp-/);
    for (const code of ['timeout', 'network_error', 'slack_server_error', 'connection_closed']) {
      expect(describeSlackError(code, 'app')).not.toMatch(/unknown whether|Slack answered with the error/);
    }
    // A code with no app-specific sentence keeps the shared one.
    expect(describeSlackError('account_inactive', 'app')).toBe(describeSlackError('account_inactive'));
  });

  it('shows an unknown code, inert', () => {
    expect(describeSlackError('brand_new_error')).toBe(generic('brand_new_error'));
    expect(describeSlackError('<!here>')).toBe(generic('here'));
    expect(describeSlackError('a`b*c_d')).toBe(generic('abc_d'));
    expect(describeSlackError('')).toBe(generic('unknown_error'));
    expect(describeSlackError('<>')).toBe(generic('unknown_error'));
    expect(describeSlackError('x'.repeat(500))).toBe(generic('x'.repeat(60)));
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'treats the object property name %s as an unknown code',
    (code) => {
      expect(describeSlackError(code)).toBe(generic(code));
    },
  );

  it('never puts markup from the code into its sentence (any string)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.string(), fc.constantFrom('<!here>', '<@U1>', '`')),
        (code) => {
          const sentence = describeSlackError(code);
          expect(sentence).not.toContain('<');
          expect(sentence).not.toContain('>');
          expect(sentence).not.toContain('&');
          // Inline code is opened and closed exactly once, so nothing breaks out of it.
          expect((sentence.match(/`/g) ?? []).length % 2).toBe(0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
