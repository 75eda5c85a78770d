import {
  asChanged,
  changeDetails,
  heldAfter,
  heldDetail,
  readSettings,
} from '../../../../src/actions/session-settings/settings';
import { SETTINGS_WORDS } from '../../../../src/actions/session-settings/words';
import { BULK_CALL_SIZE } from '../../../../src/ports/slack';
import { FakeAdminApi } from '../../../support/fakes/admin-api';

const ALICE = 'W0ALICE001';
const BOB = 'W0BOB00001';

describe('what Slack holds, and what a change makes of it', () => {
  it('reads 1,000 people a call: their own settings, the default, or not known (and why)', async () => {
    const api = new FakeAdminApi();
    api.settings.set(ALICE, { duration: 43_200 });
    const many = Array.from({ length: BULK_CALL_SIZE + 1 }, (_, i) => `W0P${String(i).padStart(7, '0')}`);
    const held = await readSettings(api, [ALICE, BOB, ...many]);
    expect(api.calls.map((c) => (c.method === 'getSessionSettings' ? c.userIds.length : 0))).toEqual([1000, 3]);
    expect(held.get(ALICE)).toEqual({ own: { duration: 43_200 } });
    expect(held.get(BOB)).toBe('default');
    api.settingsFailure = 'not_an_admin';
    expect((await readSettings(api, [ALICE])).get(ALICE)).toEqual({ unknown: 'not_an_admin' });
  });

  it('says someone Slack left out of its answer is not known', async () => {
    const api = new FakeAdminApi();
    api.getSessionSettings = async () => ({ ok: true, settings: new Map(), onDefault: new Set() });
    expect((await readSettings(api, [ALICE])).get(ALICE)).toEqual({ unknown: 'not_returned' });
  });

  it('sets over a person’s own settings, and clears back to the default', () => {
    const own = { own: { duration: 43_200, quitEndsSession: false } } as const;
    expect(heldAfter(own, { set: { duration: 28_800 } })).toEqual({
      own: { duration: 28_800, quitEndsSession: false },
    });
    expect(heldAfter('default', { set: { quitEndsSession: true } })).toEqual({ own: { quitEndsSession: true } });
    expect(heldAfter(own, 'clear')).toBe('default');
  });

  it('calls a change applied only when each setting it set is what Slack holds', () => {
    expect(asChanged({ own: { duration: 28_800, quitEndsSession: false } }, { set: { duration: 28_800 } })).toBe(true);
    expect(asChanged({ own: { duration: 43_200 } }, { set: { duration: 28_800 } })).toBe(false);
    expect(asChanged('default', { set: { duration: 28_800 } })).toBe(false);
    expect(asChanged({ unknown: 'not_returned' }, 'clear')).toBe(false);
    expect(asChanged('default', 'clear')).toBe(true);
  });
});

describe('the words of /session-settings', () => {
  const { describe: words, line } = SETTINGS_WORDS;
  it('describes a change, and a person’s settings before or after it, from their record details', () => {
    expect(words?.(changeDetails({ set: { duration: 28_800, quitEndsSession: true } }))).toBe(
      'sessions of 8 hours, ended on quitting the app or browser',
    );
    expect(words?.(changeDetails('clear', '3f2b8c1e-9d4a-4e6b-8f7c-1a2b3c4d5e6f'))).toBe(
      'back to the organization’s default, after the sign-out `3f2b8c1e-9d4a-4e6b-8f7c-1a2b3c4d5e6f`',
    );
    expect(words?.({ before: heldDetail({ own: { quitEndsSession: false } }) })).toBe(
      'had sessions kept on quitting the app or browser',
    );
    expect(words?.({ now: heldDetail('default') })).toBe('Slack holds the organization’s default');
    // Details it does not know (another release's, or tampered) are not shown at all.
    expect(words?.({ duration: 'forever' })).toBeUndefined();
    expect(words?.({ before: { own: { duration: 'x' } } })).toBeUndefined();
  });

  it('says each person’s line of a result with what they had', () => {
    const target = { userId: ALICE, details: { before: heldDetail('default') } };
    expect(line(target, changeDetails({ set: { duration: 604_800 } }))).toEqual({
      subject: `<@${ALICE}>`,
      done: 'set to sessions of 7 days (had the organization’s default)',
    });
    expect(line({ userId: BOB }, changeDetails('clear'))).toEqual({
      subject: `<@${BOB}>`,
      done: 'cleared, back to the organization’s default',
    });
  });
});
