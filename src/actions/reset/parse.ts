import type { GroupRef, ResetScope, Result, TargetRef } from '../../domain/types';
import { quoteInput } from '../../views/mrkdwn';
import { FLAG, Named, parseTarget, tooLong, words } from '../shared/parse-targets';

export type ResetRequest =
  | { kind: 'help' }
  | { kind: 'pick'; scope: ResetScope }
  | { kind: 'history'; target: TargetRef }
  | { kind: 'reset'; targets: TargetRef[]; groups: GroupRef[]; scope: ResetScope };

/** `/reset-sessions [people and groups…] [--mobile | --web]`. Pure: never throws, never calls anything. */
export function parseResetCommand(text: string, maxTargets: number): Result<ResetRequest> {
  const bad = tooLong(text);
  if (bad) return { ok: false, error: bad };
  const ws = words(text.trim());
  if (ws.length === 1 && /^(help|-h|--help|\?)$/i.test(ws[0] ?? '')) return { ok: true, value: { kind: 'help' } };
  if (/^history$/i.test(ws[0] ?? '')) {
    const target = ws.length === 2 ? parseTarget(ws[1] ?? '') : undefined;
    if (!target) return { ok: false, error: 'Name one person: `/reset-sessions history @person`.' };
    return target.ok ? { ok: true, value: { kind: 'history', target: target.value } } : target;
  }

  let mobile = false;
  let web = false;
  const named = new Named();
  const errors: string[] = [];
  for (const word of ws) {
    const flag = FLAG.exec(word);
    if (flag) {
      const name = (flag[1] ?? '').toLowerCase();
      if (name === 'mobile') mobile = true;
      else if (name === 'web') web = true;
      else errors.push(`${quoteInput(word)} is not an option: use --mobile or --web.`);
      continue;
    }
    const problem = named.add(word);
    if (problem) errors.push(problem);
  }
  const { targets, groups } = named;
  if (mobile && web) errors.push('Choose --mobile or --web, not both: with neither, every session is ended.');
  if (targets.length > maxTargets) {
    errors.push(`You named ${targets.length} people; one command can sign out at most ${maxTargets}.`);
  }
  if (errors.length > 0) return { ok: false, error: errors.slice(0, 5).join('\n') };
  const scope: ResetScope = mobile ? 'mobile' : web ? 'web' : 'all';
  // No one named: the picker asks, with a flag's scope already chosen.
  if (targets.length === 0 && groups.length === 0) return { ok: true, value: { kind: 'pick', scope } };
  return { ok: true, value: { kind: 'reset', targets, groups, scope } };
}
