import { existsSync } from 'node:fs';
import { playIncident } from '../../demo/incident';
import { Story } from '../../demo/story';
import { FAKE } from '../support/fake-credentials';

/** `npm run demo` plays this incident and prints this story: what it tells must stay true. */
describe('the demo’s incident', () => {
  it('tells who was signed out, Slack’s refusal, the audit post and the check, with no token, and leaves nothing', async () => {
    const story = new Story();
    await playIncident(story);
    const told = story.toString();

    expect(told).toContain('└─ [Cancel]  [Sign out 2 people]');
    expect(told).toContain('No admin method has been called so far');
    expect(told).toContain('✅ @alice signed out of all sessions.');
    expect(told).toContain('❌ @bob: not done. Slack could not end the sessions this time');
    expect(told).toContain('⛔ @deploy-bot: not attempted.');
    expect(told).toContain('@sam — partial: signing out 3 people (all sessions)');
    expect(told).toContain('• @bob: not done (`user_session_reset_failed`)');
    expect(told).toContain('✅ @alice: verified: no active session left (2 workspaces checked).');
    expect(told).toMatch(/admin\.users\.session\.reset +admin \(user\) +user_id=W0ALICE001\n/);
    expect(told).toMatch(/admin\.users\.session\.list +admin \(user\) +team_id=T0TEAM0002 user_id=W0ALICE001/);
    expect(told).toContain('Recent records naming @alice');
    expect(told).toContain('SIGTERM: it drained and exited 0.');
    for (const secret of [FAKE.botToken, FAKE.adminToken, FAKE.signingSecret]) expect(told).not.toContain(secret);

    const store = told.match(/store SQLite (\S+)/)?.[1];
    expect(store).toMatch(/session-reset-demo-.*audit\.db$/);
    expect(existsSync(store ?? '')).toBe(false);
  });
});
