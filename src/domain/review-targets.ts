import { isPrivileged } from './rules';
import { truncate } from './text';
import type { Person, Resolved, Skipped } from './types';

/** Why a person who may be signed out still deserves a second look. */
export type Warning = 'self' | 'token_owner' | 'privileged';

export interface Ready {
  person: Person;
  /** The admin may still go ahead. */
  warnings: Warning[];
}

export interface Refused {
  /** What the plan and the record keep: the label (ID or typed email) and the reason's code. */
  skipped: Skipped;
  /** The look-up behind it, so a view can name the person or say what was typed. */
  resolved: Resolved;
}

export interface Review {
  ready: Ready[];
  refused: Refused[];
}

const labelOf = (r: Resolved): string => ('person' in r ? r.person.id : r.ref.kind === 'user' ? r.ref.id : r.ref.email);

/** The code for someone who cannot be signed out at all, or undefined when they can. */
function refusalCode(person: Person): string | undefined {
  if (person.role === 'bot') return 'is_bot';
  if (person.deleted) return 'deactivated';
  if (person.role === 'org_primary_owner') return 'org_primary_owner';
  return undefined;
}

/**
 * The guardrails that apply before the confirmation: who cannot be signed out at all (said now, not after a failed
 * call) and who deserves a second look. Codes only: `views/review-text.ts` says them in words.
 */
export function reviewTargets(resolved: readonly Resolved[], invokerId: string, tokenOwnerId?: string): Review {
  const review: Review = { ready: [], refused: [] };
  for (const r of resolved) {
    const code = 'person' in r ? refusalCode(r.person) : r.code;
    if (code !== undefined || !('person' in r)) {
      // An email address is at most 254 characters.
      review.refused.push({
        skipped: { label: truncate(labelOf(r), 254), code: code ?? 'unknown_error' },
        resolved: r,
      });
      continue;
    }
    const { person } = r;
    const warnings: Warning[] = [];
    if (person.id === invokerId) warnings.push('self');
    if (person.id === tokenOwnerId) warnings.push('token_owner');
    if (isPrivileged(person.role)) warnings.push('privileged');
    review.ready.push({ person, warnings });
  }
  return review;
}

/**
 * The review when no admin looks at a confirmation (a workflow step, an API client): the admin token's owner, whom a
 * confirmation only warns about, is left out (`admin_token_owner`). Signing out the person whose token the app acts
 * with is for an admin to confirm in Slack, never for a machine to ask.
 */
export function unconfirmedReview(review: Review): Review {
  const owner = review.ready.filter((r) => r.warnings.includes('token_owner'));
  if (owner.length === 0) return review;
  return {
    ready: review.ready.filter((r) => !r.warnings.includes('token_owner')),
    refused: [
      ...review.refused,
      ...owner.map(({ person }) => ({
        skipped: { label: person.id, code: 'admin_token_owner' },
        resolved: { ref: { kind: 'user' as const, id: person.id }, person },
      })),
    ],
  };
}
