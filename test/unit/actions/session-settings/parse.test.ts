import fc from 'fast-check';
import { parseSettingsCommand } from '../../../../src/actions/session-settings/parse';
import { USER_ID } from '../../../../src/domain/ids';

const ALICE = 'W0ALICE001';
const BOB = 'W0BOB00001';
const GROUP = 'S0PHISHED1';
const MAX = 25;

const parse = (text: string) => parseSettingsCommand(text, MAX);
const user = (id: string) => ({ kind: 'user', id });

describe('parseSettingsCommand', () => {
  it.each(['', 'help', '--help', '?'])('%j asks for the usage', (text) => {
    expect(parse(text)).toEqual({ ok: true, value: { kind: 'help' } });
  });

  it('shows the settings of people and groups named without a change, each once', () => {
    expect(parse(`<@${ALICE}> ${BOB} <@${ALICE}|alice> <!subteam^${GROUP}|@phished> <!subteam^${GROUP}>`)).toEqual({
      ok: true,
      value: {
        kind: 'show',
        targets: [user(ALICE), user(BOB)],
        groups: [{ kind: 'group', id: GROUP, handle: 'phished' }],
      },
    });
  });

  it.each([
    ['--duration 8h', { set: { duration: 28_800 } }],
    ['--duration=12h', { set: { duration: 43_200 } }],
    ['\u2014duration 7d', { set: { duration: 604_800 } }],
    ['--quit-ends-session', { set: { quitEndsSession: true } }],
    ['--no-quit-ends-session', { set: { quitEndsSession: false } }],
    ['--duration 30d --quit-ends-session', { set: { duration: 2_592_000, quitEndsSession: true } }],
    ['--clear', 'clear'],
  ])('reads %s as the change %j', (flags, change) => {
    expect(parse(`<@${ALICE}> ${flags}`)).toEqual({
      ok: true,
      value: { kind: 'change', targets: [user(ALICE)], groups: [], change },
    });
  });

  it.each([
    ['--duration', 'Give --duration a length, like --duration 8h.'],
    ['--duration --clear', 'Give --duration a length, like --duration 8h.'],
    ['--duration 7h', '7 hours is too short: Slack’s shortest session is 8 hours.'],
    ['--clear --quit-ends-session', '--clear puts back the organization’s default for both settings'],
    ['--quit-ends-session --no-quit-ends-session', 'not both'],
    ['--mobile', '`--mobile` is not an option: use --duration 8h, --quit-ends-session'],
    ['<#C0123ABCD|general>', 'is a channel, not a person'],
  ])('refuses %s', (flags, error) => {
    const r = parse(`<@${ALICE}> ${flags}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(error);
  });

  it('needs someone to name, and no more people than MAX_TARGETS named one by one', () => {
    expect(parse('--duration 8h')).toEqual({ ok: false, error: 'Name at least one person or user group.' });
    const many = Array.from({ length: MAX + 1 }, (_, i) => `W0PERSON${String(i).padStart(2, '0')}`).join(' ');
    expect(parse(many)).toEqual({
      ok: false,
      error: `You named ${MAX + 1} people; one command can name at most ${MAX} (more with a user group).`,
    });
  });

  it('never throws; ok only with well-formed distinct targets and a change within Slack’s limits; errors inert', () => {
    const word = fc.oneof(
      fc.constantFrom(
        `<@${ALICE}>`,
        BOB,
        `<!subteam^${GROUP}>`,
        '--duration',
        '8h',
        '7h',
        '99999w',
        '--duration=8h',
        '--clear',
        '--quit-ends-session',
        '\u2014no-quit-ends-session',
        '<!here>',
        'help',
      ),
      fc.string({ maxLength: 10 }),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 10 }), (words) => {
        const r = parse(words.join(' '));
        if (!r.ok) {
          expect(r.error).not.toMatch(/[<>]/);
          return;
        }
        if (r.value.kind === 'help') return;
        for (const t of r.value.targets) if (t.kind === 'user') expect(t.id).toMatch(USER_ID);
        expect(r.value.targets.length + r.value.groups.length).toBeGreaterThan(0);
        if (r.value.kind === 'change' && r.value.change !== 'clear') {
          const { duration, quitEndsSession } = r.value.change.set;
          expect(duration !== undefined || quitEndsSession !== undefined).toBe(true);
          if (duration !== undefined) expect(duration).toBeGreaterThanOrEqual(28_800);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
