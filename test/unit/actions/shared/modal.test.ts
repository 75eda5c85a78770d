import { openModal, showOrTell } from '../../../../src/actions/shared/modal';
import { loadingView, noticeView } from '../../../../src/views/blocks';
import {
  expectToldNotOpened,
  expectToldNotShown,
  type Fakes,
  fakeDeps,
  RESPONSE_URL,
  TRIGGER_ID,
  VIEW_ID,
} from '../../../support/listener-fakes';

const LOADING = loadingView('Reset sessions', 'Looking up 1 person…');
const NOTICE = noticeView('Reset sessions', 'Nobody can be signed out.');

describe('openModal', () => {
  let f: Fakes;
  beforeEach(() => {
    f = fakeDeps();
  });
  const open = () => openModal(f.surface, TRIGGER_ID, LOADING, RESPONSE_URL);

  it('opens the view on the trigger and returns its id, telling the admin nothing more', async () => {
    await expect(open()).resolves.toBe(VIEW_ID);
    expect(f.surface.calls).toEqual([{ method: 'openModal', triggerId: TRIGGER_ID, view: LOADING }]);
  });

  it.each([
    ['expired_trigger_id', 'Slack’s 3-second window to open the confirmation passed.'],
    ['exchanged_trigger_id', 'That command’s confirmation window was already used.'],
    ['missing_scope', 'The bot token lacks a scope it needs'],
  ])('tells the admin by ephemeral message when views.open is refused with %s', async (code, sentence) => {
    f.surface.open = { ok: false, code };
    await expect(open()).resolves.toBeUndefined();
    expectToldNotOpened(f, sentence);
  });

  it('does not throw when the message cannot be sent either', async () => {
    f.surface.open = { ok: false, code: 'expired_trigger_id' };
    f.surface.delivered = false;
    await expect(open()).resolves.toBeUndefined();
  });

  it('tells the admin when Slack opened a modal without saying which (it could never be filled in)', async () => {
    f.surface.open = { ok: false, code: 'no_view_id' };
    await expect(open()).resolves.toBeUndefined();
    expect(f.surface.messages()).toEqual([
      { responseUrl: RESPONSE_URL, text: expect.stringContaining('Slack opened a modal without saying which') },
    ]);
  });
});

describe('showOrTell', () => {
  let f: Fakes;
  beforeEach(() => {
    f = fakeDeps();
  });
  const tell = (responseUrl?: string) => ({ slack: f.surface, viewId: VIEW_ID, responseUrl });

  it('shows the view in the open modal and, when asked, also says something by message', async () => {
    await showOrTell(tell(RESPONSE_URL), NOTICE, ':warning: Nobody can be signed out.');
    expect(f.surface.calls).toEqual([
      { method: 'updateModal', viewId: VIEW_ID, view: NOTICE },
      { method: 'postEphemeral', responseUrl: RESPONSE_URL, text: ':warning: Nobody can be signed out.' },
    ]);
  });

  it('sends no message when there is nothing else to say', async () => {
    await showOrTell(tell(RESPONSE_URL), NOTICE);
    expect(f.surface.methods()).toEqual(['updateModal']);
  });

  it('tells the admin by message, instead of what it meant to say, when the modal was closed', async () => {
    f.surface.acceptUpdate = () => false;
    await showOrTell(tell(RESPONSE_URL), NOTICE, ':warning: Nobody can be signed out.');
    expectToldNotShown(f);
  });

  it('has nowhere to say it without a response_url', async () => {
    f.surface.acceptUpdate = () => false;
    await showOrTell(tell(), NOTICE, 'anything');
    expect(f.surface.methods()).toEqual(['updateModal']);
  });
});
