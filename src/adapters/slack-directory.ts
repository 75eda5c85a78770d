import type { WebClient } from '@slack/web-api';
import { TEAM_ID, USER_ID } from '../domain/ids';
import type { Person, Role } from '../domain/types';
import type { Directory, OnWait } from '../ports/slack';
import type { Answer, SlackCall } from './slack-call';

/** A look-up that may not have reached Slack (a 5xx, a timeout) is asked this many times in all. */
const LOOKUP_ATTEMPTS = 3;
/** People per users.list page: Slack's reference recommends no more than 200. */
const USERS_PAGE = 200;

interface SlackUser {
  id?: string;
  team_id?: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_app_user?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  profile?: { email?: string; real_name?: string; display_name?: string };
  enterprise_user?: { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean; teams?: unknown };
}

/** The most powerful role wins: an org owner who is also a workspace admin is shown as an org owner. */
function roleOf(u: SlackUser): Role {
  if (u.is_bot || u.is_app_user || u.id === 'USLACKBOT') return 'bot';
  const org = u.enterprise_user ?? {};
  if (org.is_primary_owner) return 'org_primary_owner';
  if (org.is_owner) return 'org_owner';
  if (org.is_admin) return 'org_admin';
  if (u.is_primary_owner) return 'primary_owner';
  if (u.is_owner) return 'owner';
  if (u.is_admin) return 'admin';
  if (u.is_restricted || u.is_ultra_restricted) return 'guest';
  return 'member';
}

/** The first non-empty string: Slack's answer is input too, and a field of the wrong type must not break a view. */
const firstText = (...values: unknown[]): string | undefined =>
  values.find((v): v is string => typeof v === 'string' && v !== '');

function toPerson(u: SlackUser & { id: string }): Person {
  const id = u.id;
  const profile = typeof u.profile === 'object' && u.profile !== null ? u.profile : {};
  const teams = Array.isArray(u.enterprise_user?.teams)
    ? u.enterprise_user.teams.filter((t): t is string => typeof t === 'string' && TEAM_ID.test(t))
    : [];
  return {
    id,
    homeTeamId: firstText(u.team_id),
    ...(teams.length > 0 ? { teams: [...new Set(teams)] } : {}),
    realName: firstText(u.real_name, profile.real_name, profile.display_name, u.name) ?? id,
    email: firstText(profile.email),
    role: roleOf(u),
    deleted: u.deleted === true,
  };
}

/**
 * users.info, users.lookupByEmail and usergroups.users.list over the bot token (users:read, users:read.email,
 * usergroups:read). Read-only, so a call that may not have reached Slack is simply asked again; a 429 is waited out
 * within `budgetMs`, which fits an admin watching a modal (LOOKUP_RETRY_BUDGET_MS).
 */
export function createDirectory(client: WebClient, options: { call: SlackCall; budgetMs: number }): Directory {
  const ask = (method: string, args: Record<string, unknown>, onWait?: OnWait, stopSignal?: AbortSignal) =>
    options.call(client, method, args, { attempts: LOOKUP_ATTEMPTS, budgetMs: options.budgetMs, onWait, stopSignal });
  /** The person in Slack's answer, only if it is the one asked for: an answer about someone else is never used. */
  async function lookup(answer: Promise<Answer>, asked: (user: SlackUser & { id: string }) => boolean) {
    const a = await answer;
    if (!a.ok) return { ok: false as const, code: a.failure.code };
    const user = a.data.user as SlackUser | undefined;
    if (typeof user?.id !== 'string') return { ok: false as const, code: 'user_not_found' };
    const found = { ...user, id: user.id };
    if (!USER_ID.test(found.id) || !asked(found)) return { ok: false as const, code: 'unexpected_answer' };
    return { ok: true as const, person: toPerson(found) };
  }
  return {
    userById: (id, onWait, signal) => lookup(ask('users.info', { user: id }, onWait, signal), (u) => u.id === id),
    userByEmail: (email, onWait) =>
      lookup(
        ask('users.lookupByEmail', { email }, onWait),
        (u) => firstText(u.profile?.email)?.toLowerCase() === email.toLowerCase(),
      ),
    async groupMembers(groupId, onWait) {
      const a = await ask('usergroups.users.list', { usergroup: groupId }, onWait);
      if (!a.ok) return { ok: false, code: a.failure.code };
      const { users } = a.data;
      // Slack's answer is input too: only well-formed user IDs become targets.
      const userIds = Array.isArray(users)
        ? users.filter((u): u is string => typeof u === 'string' && USER_ID.test(u))
        : [];
      return { ok: true, userIds: [...new Set(userIds)] };
    },
    async workspacePeople(onPage, { onWait, signal } = {}) {
      // The listener's client names the request's workspace (team_id) on every call, as an org-level token must.
      const followed = new Set<string>();
      let cursor: string | undefined;
      do {
        const a = await ask('users.list', { limit: USERS_PAGE, ...(cursor ? { cursor } : {}) }, onWait, signal);
        if (!a.ok) return { ok: false, code: a.failure.code };
        const members: unknown[] = Array.isArray(a.data.members) ? a.data.members : [];
        const people = members.flatMap((u) => {
          const user = u as SlackUser | null;
          return typeof user?.id === 'string' && USER_ID.test(user.id) ? [toPerson({ ...user, id: user.id })] : [];
        });
        if (!onPage(people)) return { ok: true };
        // A first page may be empty and still carry a cursor: an empty page never ends the list, its cursor does.
        const next = (a.data.response_metadata as { next_cursor?: unknown } | undefined)?.next_cursor;
        cursor = typeof next === 'string' && next !== '' && !followed.has(next) ? next : undefined;
        if (cursor) followed.add(cursor);
      } while (cursor);
      return { ok: true };
    },
  };
}
