import fc from 'fast-check';
import { readScope } from '../../../../src/actions/reset/unattended';
import { readChange } from '../../../../src/actions/session-settings/unattended';
import { readFlag, readGroups, readPeople, readReason } from '../../../../src/actions/shared/order-inputs';

const fields = { duration: 'duration', quitEndsSession: 'quitEndsSession', clear: 'clear' };
const change = (raw: { duration?: unknown; quitEndsSession?: unknown; clear?: unknown }) =>
  readChange({ duration: raw.duration, quitEndsSession: raw.quitEndsSession, clear: raw.clear, fields });

describe('what a step’s inputs and an API body say', () => {
  it('reads people by ID or email, one or a list, each once', () => {
    expect(readPeople(['W0ALICE001', 'Bob@Example.com', 'W0ALICE001', ' bob@example.com '], 'people', 10)).toEqual({
      ok: true,
      value: [
        { kind: 'user', id: 'W0ALICE001' },
        { kind: 'email', email: 'bob@example.com' },
      ],
    });
    expect(readPeople('W0ALICE001', 'people', 10)).toEqual({ ok: true, value: [{ kind: 'user', id: 'W0ALICE001' }] });
  });

  it('refuses no one, too many, or anything that is not a person, naming the entry', () => {
    expect(readPeople([], 'people', 10)).toEqual({
      ok: false,
      error: 'people must list at least one person, by user ID or email.',
    });
    expect(readPeople(undefined, 'People', 10).ok).toBe(false);
    expect(readPeople(['W0A', 'W0B', 'W0C'], 'people', 2)).toEqual({
      ok: false,
      error: 'people names 3 people; one request takes at most 2.',
    });
    expect(readPeople(['W0ALICE001', '<!channel>', 42], 'people', 10)).toEqual({
      ok: false,
      error:
        'people[1] is not a user ID (like W012ABCDEF) or an email address. people[2] is not a user ID (like W012ABCDEF) or an email address.',
    });
  });

  it('never throws, and names at most five entries, whatever the list holds (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.anything(), { maxLength: 30 }), (list) => {
        const read = readPeople(list, 'people', 20);
        if (!read.ok) expect(read.error.split('people[').length - 1).toBeLessThanOrEqual(5);
      }),
      { numRuns: 500 },
    );
  });

  it('reads user groups by ID, none when absent', () => {
    expect(readGroups(undefined, 'groups')).toEqual({ ok: true, value: [] });
    expect(readGroups(['S0GROUP001', 'S0GROUP001'], 'groups')).toEqual({
      ok: true,
      value: [{ kind: 'group', id: 'S0GROUP001' }],
    });
    expect(readGroups(['@contractors'], 'groups').ok).toBe(false);
  });

  it('reads the scope (all when left out), the reason (required, token shapes masked) and flags', () => {
    expect(readScope(undefined, 'scope')).toEqual({ ok: true, value: 'all' });
    expect(readScope('web', 'scope')).toEqual({ ok: true, value: 'web' });
    expect(readScope('desktop', 'scope')).toEqual({ ok: false, error: 'scope must be all, mobile or web.' });
    expect(readReason('  INC-7  ', 'reason')).toEqual({ ok: true, value: 'INC-7' });
    expect(readReason('', 'reason')).toEqual({ ok: false, error: 'reason is required: say why, for the record.' });
    const pasted = readReason('see xoxb-1234567890-abcdefghijklmnop', 'reason');
    expect(pasted.ok && pasted.value).not.toContain('xoxb-1234567890');
    expect(readFlag(undefined, 'notify')).toEqual({ ok: true, value: false });
    expect(readFlag('yes', 'notify')).toEqual({ ok: false, error: 'notify must be true or false.' });
  });

  it('reads a change of session settings: a duration in words or seconds, what quitting does, or clear alone', () => {
    expect(change({ duration: '12h' })).toEqual({ ok: true, value: { set: { duration: 43_200 } } });
    expect(change({ duration: 28_800, quitEndsSession: false })).toEqual({
      ok: true,
      value: { set: { duration: 28_800, quitEndsSession: false } },
    });
    expect(change({ clear: true })).toEqual({ ok: true, value: 'clear' });
    expect(change({})).toEqual({ ok: false, error: 'Name a change: duration, quitEndsSession, or clear.' });
    expect(change({ clear: true, duration: '8h' }).ok).toBe(false);
    expect(change({ duration: '2h' })).toEqual({
      ok: false,
      error: 'duration: 2 hours is too short: Slack’s shortest session is 8 hours.',
    });
    expect(change({ duration: 8.5 }).ok).toBe(false);
    expect(change({ quitEndsSession: 'yes' }).ok).toBe(false);
  });
});
