import type { Ready, Review, Warning } from '../../../src/domain/review-targets';
import type { ActiveSession, Person, Role } from '../../../src/domain/types';

export const INVOKER = 'W0ADMIN0001';
export const RESPONSE_URL = 'https://hooks.slack.com/commands/T0123ABCDE/1234567890123/abcdefghijklmnopqrstuvwx';

/** Text that is markup in mrkdwn: it must reach Slack escaped. */
export const HOSTILE = ['<!here>', '<@U123>', '&', '<https://evil|x>', '<!channel>'];
export const HOSTILE_NAME = `Mallory ${HOSTILE.join(' ')}`;
export const HOSTILE_EMAIL = 'mal<!here>&<@U123>@evil.example';

/** The hostile pieces that appear raw in `text`; `&` counts only when it does not start an entity. */
export const rawHostile = (text: string): string[] =>
  HOSTILE.filter((h) => (h === '&' ? /&(?!amp;|lt;|gt;)/.test(text) : text.includes(h)));

export const userId = (i: number) => `W${String(i).padStart(10, '0')}`;

export function person(over: Partial<Person> = {}): Person {
  return {
    id: 'W0ALICE0001',
    realName: 'Alice Example',
    email: 'alice@example.com',
    role: 'member',
    deleted: false,
    ...over,
  };
}

/** `n` people with the longest names and emails the views may meet, mixing roles that carry warnings. */
export function manyPeople(n: number): Person[] {
  const roles: Role[] = ['member', 'org_admin', 'owner', 'guest', 'admin', 'org_owner', 'primary_owner'];
  return Array.from({ length: n }, (_, i) =>
    person({
      id: userId(i),
      realName: `Person ${i} ${'&'.repeat(20)} ${'x'.repeat(200)}`,
      email: `${'e'.repeat(60)}.${i}@${'d'.repeat(60)}.example.com`,
      role: roles[i % roles.length] as Role,
    }),
  );
}

export const ready = (p: Person, warnings: Warning[] = []): Ready => ({ person: p, warnings });

/** Everyone ready, each with both warnings; `missing` are IDs nobody has. */
export function reviewOf(people: Person[], missing: string[] = []): Review {
  return {
    ready: people.map((p) => ready(p, ['self', 'privileged'])),
    refused: missing.map((id) => ({
      skipped: { label: id, code: 'user_not_found' },
      resolved: { ref: { kind: 'user', id }, code: 'user_not_found' },
    })),
  };
}

export function session(i: number, over: Partial<ActiveSession> = {}): ActiveSession {
  return {
    sessionId: 999_999_999_999_999 - i,
    teamId: 'E0123ABCDEF',
    userId: 'W0ALICE0001',
    created: {
      deviceHardware: `Device ${i} ${'h'.repeat(100)}`,
      os: 'iOS',
      osVersion: '17.1',
      slackClientVersion: '23.10.10',
      ip: '203.0.113.5',
    },
    recent: { deviceHardware: 'Other device', os: 'Android', osVersion: '14', ip: '198.51.100.7' },
    ...over,
  };
}

export const sessions = (n: number) => Array.from({ length: n }, (_, i) => session(i));
