import type { Ready, Refused, Review, Warning } from '../domain/review-targets';
import { truncate } from '../domain/text';
import type { Person, TargetRef } from '../domain/types';
import { describeSlackError } from './error-sentences';
import { roleLabel } from './labels';
import { escapeMrkdwn, quoteInput } from './mrkdwn';

/** Why a look-up found nobody, naming what the admin typed. */
export function lookupProblem(ref: TargetRef, code: string): string {
  const shown = quoteInput(ref.kind === 'user' ? ref.id : ref.email);
  if (code === 'user_not_found' || code === 'users_not_found') {
    return ref.kind === 'user' ? `No Slack user has the ID ${shown}.` : `No Slack user has the email ${shown}.`;
  }
  return `Could not look up ${shown}: ${describeSlackError(code, 'bot')}`;
}

const nameOf = (person: Person) => `*${escapeMrkdwn(truncate(person.realName, 80))}* (${quoteInput(person.id)})`;

/** mrkdwn: who, and why they will not be touched. */
export function refusalText({ skipped, resolved }: Refused): string {
  if (!('person' in resolved)) return lookupProblem(resolved.ref, resolved.code);
  const who = nameOf(resolved.person);
  switch (skipped.code) {
    case 'is_bot':
      return `${who} is a bot or app user: it has no sessions to end.`;
    case 'deactivated':
      return `${who} is deactivated: they have no sessions to end.`;
    case 'org_primary_owner':
      return `${who} is the Org Primary Owner: Slack never lets an app sign them out.`;
    default:
      return `${who}: ${describeSlackError(skipped.code, 'bot')}`;
  }
}

/** mrkdwn shown beside a person who may be signed out. */
export function warningText(warning: Warning, { person }: Ready): string {
  switch (warning) {
    case 'self':
      return ':warning: *This is you*: you will be signed out too.';
    case 'token_owner':
      return ':warning: This person owns the admin token this app uses.';
    case 'privileged':
      return `:warning: This person is an admin or owner: *${roleLabel(person.role)}*.`;
  }
}

/** When every named person was refused: one message, the same wherever it is shown. */
export function nobodyText(review: Review, separator: string): string {
  return ['*Nobody can be signed out.* Nothing was changed.', ...review.refused.map(refusalText)].join(separator);
}

/** How a user group is named back to the admin: Slack renders the escape as the group's handle. */
export const groupName = (g: { id: string }): string => `<!subteam^${g.id}>`;

/** Why a named user group stops the command. */
export function groupProblemText(group: { id: string }, code: string): string {
  const name = `The user group ${groupName(group)}`;
  if (code === 'no_such_subteam') return `${name} does not exist, or the app cannot see it.`;
  if (code === 'subteam_disabled') return `${name} is disabled.`;
  if (code === 'empty_group') return `${name} has no members.`;
  return `${name} could not be read: ${describeSlackError(code, 'bot')}`;
}
