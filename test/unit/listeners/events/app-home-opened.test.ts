import { appHomeOpened } from '../../../../src/listeners/events/app-home-opened';
import { STORE_DOWN_HOME } from '../../../../src/views/home-view';
import { ADMIN, ALICE, type Fakes, fakeDeps, homeArgs, pastReset, textOf } from '../../../support/listener-fakes';

describe('App Home', () => {
  let f: Fakes;
  beforeEach(() => {
    f = fakeDeps();
  });
  const open = async (options: Parameters<typeof homeArgs>[1] = {}) => {
    const bag = homeArgs(f, options);
    await appHomeOpened(f.deps)(bag.args);
    return bag.publish;
  };
  /** The one Home view published, and to whom. */
  const published = (publish: ReturnType<typeof homeArgs>['publish']) => {
    expect(publish).toHaveBeenCalledTimes(1);
    const [user_id, view] = publish.mock.calls[0] ?? [undefined, { type: 'none' }];
    expect(view.type).toBe('home');
    return { user_id, text: textOf(view) };
  };

  it('shows an allowlisted admin the recent actions from the audit trail', async () => {
    await f.store.append(pastReset(ALICE, 5, { reason: 'alert 7 <!here>', details: { scope: 'mobile' } }));
    const home = published(await open());
    expect(home.user_id).toBe(ADMIN);
    expect(home.text).toContain('*Recent session actions*');
    expect(home.text).toContain('*executed*: signing out 1 person (mobile sessions only)');
    expect(home.text).toContain(`<@${ALICE}>: done`);
    expect(home.text).toContain('alert 7 &lt;!here&gt;');
  });

  it('shows at most the 20 most recent records', async () => {
    for (let i = 25; i > 0; i--) await f.store.append(pastReset(ALICE, i));
    const recent = jest.spyOn(f.store, 'recent');
    const home = published(await open());
    expect(recent).toHaveBeenCalledWith(20);
    expect(home.text.match(/\*executed\*/g)).toHaveLength(20);
  });

  it('says "Nothing yet." before any action', async () => {
    expect(published(await open()).text).toContain('Nothing yet.');
  });

  it('shows anyone else one line about the app, without reading the store', async () => {
    await f.store.append(pastReset(ALICE, 5));
    const recent = jest.spyOn(f.store, 'recent');
    const home = published(await open({ user: 'W0STRANGR1', isAdmin: false }));
    expect(home.user_id).toBe('W0STRANGR1');
    expect(home.text).toContain('It is not for general use.');
    expect(home.text).not.toContain(ALICE);
    expect(recent).not.toHaveBeenCalled();
  });

  it('publishes nothing for the Messages tab', async () => {
    expect(await open({ tab: 'messages' })).not.toHaveBeenCalled();
  });

  it('says the audit database cannot be reached, and logs, when the store cannot be read', async () => {
    f.store.unreadable = new Error('SQLITE_IOERR');
    const home = published(await open());
    expect(home.text).toContain(STORE_DOWN_HOME);
    expect(home.text).not.toContain('Nothing yet.');
    expect(f.logger.error).toHaveBeenCalledWith('AUDIT STORE UNREADABLE for App Home: Error: SQLITE_IOERR');
  });
});
