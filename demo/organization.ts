import { FAKE } from '../test/support/fake-credentials';
import { FakeSlack, TEAM_ID } from '../test/support/fake-slack';
import type { Names } from './block-kit-text';

// The simulated Enterprise organization of the incident: who is in it, their sessions, and Slack's one refusal.
export const ALICE = 'W0ALICE001';
export const BOB = 'W0BOB00001';
export const DEPLOY_BOT = 'W0DEPLOY01';
export const ADMIN = FAKE.admin;
export const OTHER_TEAM = 'T0TEAM0002';
export const AUDIT_CHANNEL = 'C0AUDIT001';

/** Slack's strict fake Web API (the tests' own), holding the organization. */
export function simulatedOrganization(): FakeSlack {
  const fake = new FakeSlack();
  // Slack's own rate tiers, not the tests' 60x faster ones: an incident makes few calls.
  fake.rateScale = 1;
  fake.addUser({
    id: ALICE,
    name: 'alice',
    real_name: 'Alice Example',
    profile: { email: 'alice@example.com' },
    enterprise_user: { teams: [TEAM_ID, OTHER_TEAM] },
  });
  fake.addUser({
    id: BOB,
    name: 'bob',
    real_name: 'Bob Example',
    profile: { email: 'bob@example.com' },
    enterprise_user: { is_admin: true },
  });
  fake.addUser({ id: DEPLOY_BOT, name: 'deploy-bot', real_name: 'Deploy Bot', is_bot: true });
  fake.addUser({ id: ADMIN, name: 'sam', real_name: 'Sam Rivera', profile: { email: 'sam@example.com' } });
  fake.addSession(ALICE, 1001);
  fake.addSession(
    ALICE,
    1002,
    { device_hardware: 'Chrome', os: 'Windows', ip: '198.51.100.77' },
    undefined,
    OTHER_TEAM,
  );
  fake.addSession(BOB, 2001, { device_hardware: 'Firefox', os: 'Linux', ip: '203.0.113.9' });
  // Slack can refuse a reset (user_session_reset_failed): here it does so for Bob, and only for him.
  fake.on('admin.users.session.reset', ({ args }) =>
    args.user_id === BOB ? { body: { ok: false, error: 'user_session_reset_failed' } } : undefined,
  );
  return fake;
}

/** The organization in a few lines, for the story's opening. */
export function organizationLines(fake: FakeSlack): string[] {
  const sessions = (id: string) =>
    (fake.sessions.get(id) ?? [])
      .map((s) => `${s.created.device_hardware} on ${s.created.os} from ${s.created.ip} in ${s.team_id}`)
      .join('; ');
  return [
    `Alice Example (${ALICE}), a member of two workspaces, entered her password on a phishing page.`,
    `  Sessions: ${sessions(ALICE)}.`,
    `Bob Example (${BOB}), an Org Admin, clicked the same link. Sessions: ${sessions(BOB)}.`,
    `  This time Slack will refuse to reset Bob (user_session_reset_failed), as it sometimes does.`,
    `Deploy Bot (${DEPLOY_BOT}), a bot user the phishing message came through.`,
    `Sam Rivera (${ADMIN}), on call: the one person in ADMIN_USER_IDS.`,
  ];
}

/** Names as a mention shows them. */
export function namesOf(fake: FakeSlack): Names {
  return new Map([...fake.users.values()].map((u) => [u.id, u.name]));
}
