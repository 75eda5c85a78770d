import { isPrivileged, roleLabel } from '../views/labels';
import { escapeMrkdwn, quoteInput, truncate } from '../views/mrkdwn';
import type { Person, Resolved, Skipped } from './types';

export interface Ready {
  person: Person;
  /** mrkdwn sentences shown beside the person; the admin may still go ahead. */
  warnings: string[];
}

export interface Refused {
  skipped: Skipped;
  /** mrkdwn: who, and why they will not be touched. */
  sentence: string;
}

export interface Review {
  ready: Ready[];
  refused: Refused[];
}

const labelOf = (r: Resolved): string => ('person' in r ? r.person.id : r.ref.kind === 'user' ? r.ref.id : r.ref.email);

/**
 * The guardrails that apply before the confirmation: who cannot be signed out at all (said now, not after a failed
 * call) and who deserves a second look.
 */
export function reviewTargets(resolved: readonly Resolved[], invokerId: string, tokenOwnerId?: string): Review {
  const review: Review = { ready: [], refused: [] };
  for (const r of resolved) {
    const refuse = (code: string, sentence: string) =>
      review.refused.push({ skipped: { label: truncate(labelOf(r), 254), code }, sentence });
    if (!('person' in r)) {
      refuse(r.code, r.problem);
      continue;
    }
    const { person } = r;
    const who = `*${escapeMrkdwn(truncate(person.realName, 80))}* (${quoteInput(person.id)})`;
    if (person.role === 'bot') refuse('is_bot', `${who} is a bot or app user: it has no sessions to end.`);
    else if (person.deleted) refuse('deactivated', `${who} is deactivated: they have no sessions to end.`);
    else if (person.role === 'org_primary_owner') {
      refuse('org_primary_owner', `${who} is the Org Primary Owner: Slack never lets an app sign them out.`);
    } else {
      const warnings: string[] = [];
      if (person.id === invokerId) warnings.push(':warning: *This is you*: you will be signed out too.');
      if (person.id === tokenOwnerId) warnings.push(':warning: This person owns the admin token this app uses.');
      if (isPrivileged(person.role)) warnings.push(`:warning: This person is a *${roleLabel(person.role)}*.`);
      review.ready.push({ person, warnings });
    }
  }
  return review;
}
