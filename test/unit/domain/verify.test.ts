import { checkPeople, checkSessions, personCheckTarget, sessionCheckTarget } from '../../../src/domain/verify';
import type { ListResult } from '../../../src/ports/slack';
import { ALICE, activeSession, FakeAdminApi, FakeDirectory, TEAM } from '../../support/listener-fakes';

/** An admin API whose list answers what the test says. */
function listing(answer: ListResult) {
  const api = new FakeAdminApi();
  api.listSessions = async () => answer;
  return api;
}

describe('checking afterwards', () => {
  const directory = new FakeDirectory();
  directory.add({ id: ALICE, homeTeamId: TEAM });

  it('never calls an incomplete list "nothing left" or "gone"', async () => {
    const incomplete = listing({ ok: true, sessions: [], truncated: false, unreadable: 2 });
    const [person] = await checkPeople(incomplete, directory, [ALICE]);
    expect(person && personCheckTarget(person, 'all')).toEqual({
      userId: ALICE,
      result: 'unknown',
      error: 'list_incomplete',
    });
    const truncated = listing({ ok: true, sessions: [activeSession(9)], truncated: true, unreadable: 0 });
    const [session] = await checkSessions(truncated, [{ userId: ALICE, teamId: TEAM, sessionId: 1001 }]);
    expect(session && sessionCheckTarget(session)).toMatchObject({ result: 'unknown', error: 'list_incomplete' });
  });

  it('says gone, still listed, or verified when the list is whole', async () => {
    const whole = listing({ ok: true, sessions: [activeSession(1001)], truncated: false, unreadable: 0 });
    const checks = await checkSessions(whole, [
      { userId: ALICE, teamId: TEAM, sessionId: 1001 },
      { userId: ALICE, teamId: TEAM, sessionId: 1002 },
    ]);
    expect(checks.map((c) => sessionCheckTarget(c).result)).toEqual(['failed', 'done']);
    const empty = listing({ ok: true, sessions: [], truncated: false, unreadable: 0 });
    const [person] = await checkPeople(empty, directory, [ALICE]);
    expect(person && personCheckTarget(person, 'all')).toEqual({ userId: ALICE, result: 'done' });
  });
});
