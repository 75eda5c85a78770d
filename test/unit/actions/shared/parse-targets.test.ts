import fc from 'fast-check';
import { parseInvalidateCommand } from '../../../../src/actions/invalidate/parse';
import { parseResetCommand } from '../../../../src/actions/reset/parse';
import { MAX_COMMAND_TEXT, parseTarget } from '../../../../src/actions/shared/parse-targets';
import { USER_ID } from '../../../../src/domain/ids';
import type { Result, TargetRef } from '../../../../src/domain/types';

const ALICE = 'W0ALICE001';
const BOB = 'W0BOB00001';
const MAX = 25;

/** The value of an ok result, failing the test (with the error) when it is not ok. */
function okValue<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got error: ${r.error}`);
  return r.value;
}

function errorOf<T>(r: Result<T>): string {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
}

const user = (id: string): TargetRef => ({ kind: 'user', id });
const email = (address: string): TargetRef => ({ kind: 'email', email: address });

describe('parseTarget', () => {
  it.each([
    [`<@${ALICE}>`, user(ALICE)],
    [`<@${ALICE}|alice>`, user(ALICE)],
    [`<@${ALICE}|Alice Smith>`, user(ALICE)],
    [ALICE, user(ALICE)],
    ['U0123ABCDE', user('U0123ABCDE')],
    ['alice@example.com', email('alice@example.com')],
    ['Alice@Example.COM', email('alice@example.com')],
    ['<mailto:a@b.c|a@b.c>', email('a@b.c')],
    ['<mailto:Bob@Example.com|Bob@Example.com>', email('bob@example.com')],
    ['<mailto:a@b.c>', email('a@b.c')],
  ])('reads %s as a person', (word, expected) => {
    expect(okValue(parseTarget(word))).toEqual(expected);
  });

  it('refuses a channel, saying it is a channel', () => {
    expect(errorOf(parseTarget('<#C0123ABCD|general>'))).toMatch(/is a channel, not a person/);
  });

  it('refuses a user group where one person is meant, escaped', () => {
    const error = errorOf(parseTarget('<!subteam^S0123ABCD|@admins>'));
    expect(error).toContain('is a user group: this names one person at a time.');
    expect(error).toContain('&lt;!subteam');
  });

  it.each(['<!here>', '<!channel>', '<!everyone>'])('refuses the group mention %s, escaped', (word) => {
    const error = errorOf(parseTarget(word));
    expect(error).toMatch(/group mention/);
    expect(error).not.toContain('<');
    expect(error).toContain('&lt;!');
  });

  it('refuses a link, escaped', () => {
    const error = errorOf(parseTarget('<https://evil.example|click>'));
    expect(error).toMatch(/is a link, not a person/);
    expect(error).toContain('`&lt;https://evil.example|click&gt;`');
  });

  it('refuses a plain @name, explaining how to make Slack link the mention', () => {
    const error = errorOf(parseTarget('@alice'));
    expect(error).toContain('`@alice`');
    expect(error).toMatch(/@ menu/);
  });

  it.each([
    'w0alice001', // lowercase is not a Slack ID
    'W0ALI', // too short
    `W${'A'.repeat(21)}`, // too long
    'C0123ABCDE', // a channel id
    'alice',
    'a@b', // no dot in the domain
    'a b@c.d',
    `${'a'.repeat(250)}@b.cd`, // longer than 254
    '<@W0alice001>',
  ])('refuses %s', (word) => {
    expect(parseTarget(word).ok).toBe(false);
  });

  it('shows at most 60 characters of what was typed, with backticks neutralised', () => {
    const error = errorOf(parseTarget(`x\`${'y'.repeat(200)}`));
    const quoted = /`([^`]*)`/.exec(error)?.[1] ?? '';
    expect(Array.from(quoted).length).toBeLessThanOrEqual(60);
    expect(quoted.startsWith("x'")).toBe(true);
  });
});

describe('parseResetCommand', () => {
  it('opens the picker on empty text', () => {
    expect(okValue(parseResetCommand('', MAX))).toEqual({ kind: 'pick', scope: 'all' });
    expect(okValue(parseResetCommand('   \n\t ', MAX))).toEqual({ kind: 'pick', scope: 'all' });
  });

  it.each(['help', 'HELP', '-h', '--help', '?', '  help  '])('shows help for %j', (text) => {
    expect(okValue(parseResetCommand(text, MAX))).toEqual({ kind: 'help' });
  });

  it('treats help among other words as a bad target, not as help', () => {
    expect(parseResetCommand(`help <@${ALICE}>`, MAX).ok).toBe(false);
  });

  it('reads mentions, ids and emails with scope all by default', () => {
    const value = okValue(parseResetCommand(`<@${ALICE}|alice> ${BOB} <mailto:c@d.ef|c@d.ef> g@h.ij`, MAX));
    expect(value).toEqual({
      kind: 'reset',
      scope: 'all',
      targets: [user(ALICE), user(BOB), email('c@d.ef'), email('g@h.ij')],
      groups: [],
    });
  });

  it('keeps a mention whose label holds spaces in one piece', () => {
    expect(okValue(parseResetCommand(`<@${ALICE}|Alice Q. Smith> --web`, MAX))).toEqual({
      kind: 'reset',
      scope: 'web',
      targets: [user(ALICE)],
      groups: [],
    });
  });

  it.each([
    ['--mobile', 'mobile'],
    ['--web', 'web'],
    ['--MOBILE', 'mobile'],
    ['\u2014mobile', 'mobile'], // em dash, from smart punctuation
    ['\u2013web', 'web'], // en dash
  ])('reads the flag %s as scope %s, before or after the targets', (flag, scope) => {
    expect(okValue(parseResetCommand(`<@${ALICE}> ${flag}`, MAX))).toMatchObject({ kind: 'reset', scope });
    expect(okValue(parseResetCommand(`${flag} <@${ALICE}>`, MAX))).toMatchObject({ kind: 'reset', scope });
  });

  it('reads user groups as Slack escapes them, each once, beside people, and only people count against the limit', () => {
    const text = `<!subteam^S0CONTRACT1|@contractors> <@${ALICE}> <!subteam^S0VENDOR01> <!subteam^S0CONTRACT1|@contractors> --mobile`;
    expect(okValue(parseResetCommand(text, 1))).toEqual({
      kind: 'reset',
      scope: 'mobile',
      targets: [user(ALICE)],
      groups: [
        { kind: 'group', id: 'S0CONTRACT1', handle: 'contractors' },
        { kind: 'group', id: 'S0VENDOR01' },
      ],
    });
    expect(okValue(parseResetCommand('<!subteam^S0VENDOR01>', MAX))).toMatchObject({
      targets: [],
      groups: [{ id: 'S0VENDOR01' }],
    });
  });

  it('refuses --mobile with --web, whatever the dashes', () => {
    expect(errorOf(parseResetCommand(`<@${ALICE}> --mobile --web`, MAX))).toMatch(/not both/);
    expect(errorOf(parseResetCommand(`<@${ALICE}> \u2014web --mobile`, MAX))).toMatch(/not both/);
  });

  it.each(['--all', '--mobil', '---', '\u2014force'])('refuses the unknown flag %s', (flag) => {
    const error = errorOf(parseResetCommand(`<@${ALICE}> ${flag}`, MAX));
    expect(error).toMatch(/use --mobile or --web/);
  });

  it('opens the picker with the scope chosen when only a flag is given', () => {
    expect(okValue(parseResetCommand('--mobile', MAX))).toEqual({ kind: 'pick', scope: 'mobile' });
    expect(okValue(parseResetCommand('—web', MAX))).toEqual({ kind: 'pick', scope: 'web' });
  });

  it('removes duplicates: the same person by mention, labelled mention and id; the same email in any case', () => {
    const value = okValue(
      parseResetCommand(`<@${ALICE}> <@${ALICE}|alice> ${ALICE} A@B.cd <mailto:a@b.cd|a@b.cd> a@b.cd <@${BOB}>`, MAX),
    );
    expect(value).toEqual({
      kind: 'reset',
      scope: 'all',
      targets: [user(ALICE), email('a@b.cd'), user(BOB)],
      groups: [],
    });
  });

  it('accepts exactly maxTargets people and refuses one more (counted after duplicates are removed)', () => {
    const ids = Array.from({ length: 4 }, (_, i) => `W0USER000${i}`);
    expect(okValue(parseResetCommand(ids.join(' '), 4))).toMatchObject({ kind: 'reset', targets: ids.map(user) });
    expect(okValue(parseResetCommand([...ids, ...ids].join(' '), 4))).toMatchObject({ targets: ids.map(user) });
    expect(errorOf(parseResetCommand([...ids, 'W0USER0009'].join(' '), 4))).toMatch(/named 5 people.*at most 4/);
  });

  it('refuses channels, group mentions, links and plain @names, naming each', () => {
    const error = errorOf(parseResetCommand(`<@${ALICE}> <#C0123ABCD|x> <!here> @alice`, MAX));
    expect(error).toMatch(/is a channel/);
    expect(error).toMatch(/group mention/);
    expect(error).toMatch(/`@alice` was not recognised/);
    expect(error).not.toContain('<');
  });

  it('reports at most 5 problems', () => {
    const error = errorOf(parseResetCommand('a b c d e f g h', MAX));
    expect(error.split('\n')).toHaveLength(5);
  });

  it.each([
    ['NUL', '\u0000'],
    ['BEL', '\u0007'],
    ['ESC', '\u001b'],
    ['DEL', '\u007f'],
  ])('refuses text with a %s control character', (_name, ch) => {
    expect(errorOf(parseResetCommand(`<@${ALICE}>${ch}`, MAX))).toMatch(/control characters/);
  });

  it('accepts tabs and newlines as separators', () => {
    expect(okValue(parseResetCommand(`<@${ALICE}>\t<@${BOB}>\r\n--web`, MAX))).toEqual({
      kind: 'reset',
      scope: 'web',
      targets: [user(ALICE), user(BOB)],
      groups: [],
    });
  });

  it('refuses text longer than MAX_COMMAND_TEXT, and accepts text of exactly that length', () => {
    const padded = `<@${ALICE}>`.padEnd(MAX_COMMAND_TEXT, ' ');
    expect(parseResetCommand(padded, MAX).ok).toBe(true);
    expect(errorOf(parseResetCommand(`${padded} `, MAX))).toMatch(/4001 characters long; the most is 4000/);
  });
});

describe('parseInvalidateCommand', () => {
  it.each(['', '   ', 'help', '--help', '?'])('shows help for %j', (text) => {
    expect(okValue(parseInvalidateCommand(text))).toEqual({ kind: 'help' });
  });

  it.each([
    [`<@${ALICE}>`, user(ALICE)],
    [`<@${ALICE}|alice>`, user(ALICE)],
    [ALICE, user(ALICE)],
    ['<mailto:a@b.c|a@b.c>', email('a@b.c')],
  ])('lists the sessions of %s', (text, target) => {
    expect(okValue(parseInvalidateCommand(text))).toEqual({ kind: 'list', target });
  });

  it.each([
    ['1', 1],
    ['1234567890', 1234567890],
    ['999999999999999', 999999999999999],
    ['007', 7],
  ])('reads the session id %s as %d', (id, sessionId) => {
    expect(okValue(parseInvalidateCommand(`<@${ALICE}> ${id}`))).toEqual({
      kind: 'one',
      target: user(ALICE),
      sessionId,
    });
  });

  it.each(['0', '000', '12345678901234567', '9007199254740993', 'x123', '#123', '12a', '-1', '1.5', '1e3', '\uff11'])(
    'refuses the session id %j',
    (id) => {
      const error = errorOf(parseInvalidateCommand(`<@${ALICE}> ${id}`));
      expect(error).toMatch(/is not a session ID/);
    },
  );

  it('refuses more than one session id', () => {
    expect(errorOf(parseInvalidateCommand(`<@${ALICE}> 1 2`))).toMatch(/at most one session ID/);
  });

  it.each(['1234567890', '1234567890 T0123ABCD', '1234567890 E0123ABCD'])(
    'refuses the old `<session_id> [team_id]` form (%s) with a message naming the new order',
    (text) => {
      expect(errorOf(parseInvalidateCommand(text))).toBe(
        'Name the person first, then the session ID: Slack needs both to end one session.',
      );
    },
  );

  it('refuses a target that is not a person, escaped', () => {
    const error = errorOf(parseInvalidateCommand('<!here> 123'));
    expect(error).toMatch(/group mention/);
    expect(error).not.toContain('<');
  });

  it('refuses control characters and too-long text', () => {
    expect(errorOf(parseInvalidateCommand(`<@${ALICE}> 1\u0000`))).toMatch(/control characters/);
    expect(errorOf(parseInvalidateCommand(`<@${ALICE}> ${'1'.repeat(MAX_COMMAND_TEXT)}`))).toMatch(/characters long/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties: any text at all.

const NUM_RUNS = 2000;

/** Pieces that look like what Slack sends, mixed with noise, joined by assorted whitespace. */
const fragment = fc.oneof(
  fc.constantFrom(
    `<@${ALICE}>`,
    `<@${ALICE}|alice>`,
    `<@${BOB}|b o b>`,
    ALICE,
    BOB,
    'u0123abcde',
    'a@b.cd',
    'A@B.CD',
    '<mailto:a@b.cd|a@b.cd>',
    '<mailto:x@y.zz>',
    '--mobile',
    '--web',
    '\u2014mobile',
    '\u2013web',
    '--all',
    'help',
    '<#C0123ABCD|general>',
    '<!here>',
    '<!channel>',
    '<https://evil.example|x>',
    '@alice',
    '<',
    '>',
    '|',
    '&',
    '`',
    '123',
    '0',
    '999999999999999',
    '9999999999999999',
    '\u0000',
    '\u007f',
  ),
  fc.stringMatching(/^[UW][A-Z0-9]{6,22}$/),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
);
const separator = fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '');
const commandText = fc
  .oneof(
    { weight: 3, arbitrary: fc.array(fc.tuple(fragment, separator), { maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constant([]) },
  )
  .map((parts) => parts.map(([f, s]) => f + s).join(''));
const anyText = fc.oneof(commandText, fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ maxLength: 80 }));

/** The test's own notion of one person, independent of the parser's. */
const targetKey = (t: TargetRef) => (t.kind === 'user' ? `u:${t.id}` : `e:${t.email}`);

function checkTarget(t: TargetRef): void {
  if (t.kind === 'user') expect(t.id).toMatch(USER_ID);
  else {
    expect(t.email).toBe(t.email.toLowerCase());
    expect(t.email.length).toBeLessThanOrEqual(254);
    expect(t.email).toMatch(/^[^\s@<>|]+@[^\s@<>|]+\.[^\s@<>|]+$/);
  }
}

/** Error strings go into mrkdwn: nothing from the input may act as markup. */
function checkError(error: string): void {
  expect(typeof error).toBe('string');
  expect(error.length).toBeGreaterThan(0);
  expect(error).not.toContain('<');
  expect(error).not.toContain('>');
}

describe('parser properties', () => {
  it('parseResetCommand: never throws; ok only with well-formed, distinct, bounded targets; else an inert error', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 50 }), (text, maxTargets) => {
        const r = parseResetCommand(text, maxTargets);
        if (!r.ok) return checkError(r.error);
        const v = r.value;
        if (v.kind !== 'reset') return expect(['help', 'pick']).toContain(v.kind);
        expect(v.targets.length).toBeGreaterThanOrEqual(1);
        expect(v.targets.length).toBeLessThanOrEqual(maxTargets);
        for (const t of v.targets) checkTarget(t);
        expect(new Set(v.targets.map(targetKey)).size).toBe(v.targets.length);
        expect(['all', 'mobile', 'web']).toContain(v.scope);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('parseResetCommand: valid targets with any flags give the scope of the one flag, and never both', () => {
    const target = fc.constantFrom(`<@${ALICE}>`, `<@${BOB}|bob>`, 'W0CAROL001', 'd@e.fg', '<mailto:h@i.jk|h@i.jk>');
    const mobileFlag = fc.constantFrom('--mobile', '\u2014mobile', '\u2013MOBILE');
    const webFlag = fc.constantFrom('--web', '\u2014web', '--Web');
    fc.assert(
      fc.property(
        fc.array(target, { minLength: 1, maxLength: 6 }),
        fc.array(mobileFlag, { maxLength: 2 }),
        fc.array(webFlag, { maxLength: 2 }),
        fc.infiniteStream(fc.boolean()),
        (targets, mobiles, webs, coin) => {
          const words = [...targets, ...mobiles, ...webs].sort(() => (coin.next().value ? 1 : -1));
          const r = parseResetCommand(words.join(' '), MAX);
          if (mobiles.length > 0 && webs.length > 0) {
            expect(errorOf(r)).toMatch(/not both/);
            return;
          }
          const expected = mobiles.length > 0 ? 'mobile' : webs.length > 0 ? 'web' : 'all';
          expect(okValue(r)).toMatchObject({ kind: 'reset', scope: expected });
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('parseInvalidateCommand: never throws; ok only with a well-formed target and a positive exact session id', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = parseInvalidateCommand(text);
        if (!r.ok) return checkError(r.error);
        const v = r.value;
        if (v.kind === 'help') return;
        checkTarget(v.target);
        if (v.kind === 'one') {
          expect(Number.isSafeInteger(v.sessionId)).toBe(true);
          expect(v.sessionId).toBeGreaterThanOrEqual(1);
          expect(String(v.sessionId)).toMatch(/^\d{1,16}$/);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('parseTarget: never throws; ok only with a well-formed target; errors are inert', () => {
    fc.assert(
      fc.property(fc.oneof(fragment, fc.string({ unit: 'binary', maxLength: 300 })), (word) => {
        const r = parseTarget(word);
        if (r.ok) checkTarget(r.value);
        else checkError(r.error);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('any text with a C0 control character (other than whitespace) is refused by both parsers', () => {
    const control = fc.constantFrom(
      ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).filter((c) => !/[\t\n\v\f\r]/.test(c)),
      '\u007f',
    );
    fc.assert(
      fc.property(commandText, control, commandText, (before, c, after) => {
        const text = `${before}${c}${after}`;
        if (text.length > MAX_COMMAND_TEXT) return;
        expect(errorOf(parseResetCommand(text, MAX))).toMatch(/control characters/);
        expect(errorOf(parseInvalidateCommand(text))).toMatch(/control characters/);
      }),
      { numRuns: 500 },
    );
  });
});
