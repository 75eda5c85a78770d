/** A logger that records, and the directory the bot token sees (the Directory port). */

import type { Logger } from '@slack/bolt';
import type { Person } from '../../../src/domain/types';
import type { Directory, LookupResult } from '../../../src/ports/slack';
import { ADMIN, ALICE, BOB, BOT, CAROL, GONE, PRIMARY, TOKEN_OWNER } from './people';

/** A logger whose every method is a jest.fn, to assert on what was logged. */
export type FakeLogger = Logger & Record<'debug' | 'info' | 'warn' | 'error', jest.Mock>;

export function fakeLogger(): FakeLogger {
  return {
    debug: jest.fn(),
    info: jest.fn(),
    warn: jest.fn(),
    error: jest.fn(),
    setLevel: jest.fn(),
    getLevel: jest.fn(),
    setName: jest.fn(),
  } as unknown as FakeLogger;
}

/** The people in the directory the bot token sees. */
export class FakeDirectory implements Directory {
  readonly people = new Map<string, Person>();
  /** Every look-up, as `id:W…` or `email:…`, in order. */
  readonly lookups: string[] = [];
  /** A Slack error code to answer for an ID or an email instead of the person. */
  readonly failing = new Map<string, string>();

  add(over: Partial<Person> & { id: string }): Person {
    const person: Person = {
      realName: `Person ${over.id}`,
      email: `${over.id.toLowerCase()}@example.com`,
      role: 'member',
      deleted: false,
      ...over,
    };
    this.people.set(person.id, person);
    return person;
  }

  async userById(id: string): Promise<LookupResult> {
    this.lookups.push(`id:${id}`);
    return this.answer(id, this.people.get(id), 'user_not_found');
  }

  async userByEmail(email: string): Promise<LookupResult> {
    this.lookups.push(`email:${email}`);
    const person = [...this.people.values()].find((p) => p.email?.toLowerCase() === email.toLowerCase());
    return this.answer(email, person, 'users_not_found');
  }

  /** User groups by id: their members. A group missing here is unknown to Slack. */
  readonly groups = new Map<string, string[]>();

  async groupMembers(groupId: string) {
    this.lookups.push(`group:${groupId}`);
    const code = this.failing.get(groupId);
    if (code) return { ok: false as const, code };
    const members = this.groups.get(groupId);
    return members ? { ok: true as const, userIds: members } : { ok: false as const, code: 'no_such_subteam' };
  }

  /** Everyone in the workspace, two pages: the listing path of a large group. */
  async workspacePeople(onPage: (people: Person[]) => boolean) {
    this.lookups.push('workspace');
    const everyone = [...this.people.values()];
    const half = Math.ceil(everyone.length / 2);
    if (onPage(everyone.slice(0, half))) onPage(everyone.slice(half));
    return { ok: true as const };
  }

  private answer(key: string, person: Person | undefined, notFound: string): LookupResult {
    const code = this.failing.get(key);
    if (code) return { ok: false, code };
    return person ? { ok: true, person } : { ok: false, code: notFound };
  }
}

/** The people most tests need: two members, an org admin, a bot, a deactivated person, the invoker, and more. */
export function addPeople(directory: FakeDirectory): void {
  directory.add({ id: ALICE, realName: 'Alice Example', email: 'alice@example.com' });
  directory.add({ id: BOB, realName: 'Bob Example', email: 'bob@example.com' });
  directory.add({ id: CAROL, realName: 'Carol Admin', role: 'org_admin' });
  directory.add({ id: BOT, realName: 'Deploy Bot', role: 'bot' });
  directory.add({ id: GONE, realName: 'Gone Person', deleted: true });
  directory.add({ id: PRIMARY, realName: 'Prime Owner', role: 'org_primary_owner' });
  directory.add({ id: TOKEN_OWNER, realName: 'Token Owner', role: 'org_owner' });
  directory.add({ id: ADMIN, realName: 'Invoking Admin' });
}
