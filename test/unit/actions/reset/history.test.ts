import { answerHistory } from '../../../../src/actions/reset/history';
import type { TargetRef } from '../../../../src/domain/types';
import { ALICE, BOB, type Fakes, fakeDeps, pastReset, RESPONSE_URL } from '../../../support/listener-fakes';

describe('answerHistory', () => {
  let f: Fakes;
  beforeEach(() => {
    f = fakeDeps();
  });
  const answer = (target: TargetRef) =>
    answerHistory({ target, slack: f.surface, responseUrl: RESPONSE_URL, logger: f.logger }, f.deps);
  /** The one ephemeral message the admin got, through the command's response_url. */
  const told = (): string => {
    const messages = f.surface.messages();
    expect(messages).toHaveLength(1);
    expect(messages[0]?.responseUrl).toBe(RESPONSE_URL);
    return messages[0]?.text ?? '';
  };

  it('lists the records naming a person given by ID, without looking them up', async () => {
    await f.store.append(pastReset(ALICE, 5, { reason: 'alert 7 <!here>', details: { scope: 'mobile' } }));
    await f.store.append(pastReset(BOB, 4));
    await answer({ kind: 'user', id: ALICE });
    const text = told();
    expect(text).toContain(`*Recent records naming <@${ALICE}>* (newest first):`);
    expect(text).toContain(`<@${ALICE}>: done`);
    expect(text).toContain('alert 7 &lt;!here&gt;');
    expect(text).not.toContain(BOB);
    expect(f.directory.lookups).toEqual([]);
  });

  it('says so when no record names them', async () => {
    await answer({ kind: 'user', id: BOB });
    expect(told()).toBe(`No records name <@${BOB}>.`);
  });

  it('shows at most the 15 most recent records', async () => {
    for (let i = 20; i > 0; i--) await f.store.append(pastReset(ALICE, i));
    await answer({ kind: 'user', id: ALICE });
    expect(
      told()
        .split('\n')
        .filter((l) => l.startsWith('• ')),
    ).toHaveLength(15);
  });

  it('looks an email up in the directory and answers for the person found', async () => {
    await f.store.append(pastReset(ALICE, 5));
    await answer({ kind: 'email', email: 'alice@example.com' });
    expect(f.directory.lookups).toEqual(['email:alice@example.com']);
    expect(told()).toContain(`Recent records naming <@${ALICE}>`);
  });

  it.each([
    ['nobody has the email', undefined, ':warning: No Slack user has the email `nobody@example.com`.'],
    [
      'the look-up fails',
      'ratelimited',
      ':warning: Could not look up `nobody@example.com`: Slack asked the app to wait longer than LOOKUP_RETRY_BUDGET_MS',
    ],
  ])('warns, and reads no record, when %s', async (_name, code, expected) => {
    if (code) f.directory.failing.set('nobody@example.com', code);
    const forTarget = jest.spyOn(f.store, 'forTarget');
    await answer({ kind: 'email', email: 'nobody@example.com' });
    expect(told()).toContain(expected);
    expect(forTarget).not.toHaveBeenCalled();
  });

  it('says the store could not be read, and logs it', async () => {
    f.store.unreadable = new Error('SQLITE_CANTOPEN');
    await answer({ kind: 'user', id: ALICE });
    expect(told()).toContain('The audit database cannot be reached right now, so history cannot be shown.');
    expect(f.logger.error).toHaveBeenCalledWith('AUDIT STORE UNREADABLE for history: Error: SQLITE_CANTOPEN');
  });

  it('logs, and does not throw, when the answer cannot be delivered', async () => {
    f.surface.delivered = false;
    await expect(answer({ kind: 'user', id: ALICE })).resolves.toBeUndefined();
    expect(f.logger.warn).toHaveBeenCalledWith('history not delivered');
  });
});
