import type { GroupRef, Result, TargetRef } from '../../domain/types';
import type { SessionSettings } from '../../ports/slack';
import { quoteInput } from '../../views/mrkdwn';
import { FLAG, Named, tooLong, words } from '../shared/parse-targets';
import { parseDuration } from './duration';
import type { Change } from './settings';

export type SettingsRequest =
  | { kind: 'help' }
  /** No change named: the settings are shown, and a change may be chosen there. */
  | { kind: 'show'; targets: TargetRef[]; groups: GroupRef[] }
  | { kind: 'change'; targets: TargetRef[]; groups: GroupRef[]; change: Change };

const OPTIONS = '--duration 8h, --quit-ends-session, --no-quit-ends-session or --clear';
/** `--duration=8h`, with any of the dashes Slack's clients may turn `--` into. */
const DURATION_EQUALS = /^(?:--|\u2013|\u2014)duration=(.*)$/i;

/**
 * `/session-settings <people and groups…> [--duration 8h] [--quit-ends-session | --no-quit-ends-session] [--clear]`.
 * Pure: never throws, never calls anything; a duration is checked against Slack's limits here, before any call.
 */
export function parseSettingsCommand(text: string, maxTargets: number): Result<SettingsRequest> {
  const bad = tooLong(text);
  if (bad) return { ok: false, error: bad };
  const ws = words(text.trim());
  if (ws.length === 0 || (ws.length === 1 && /^(help|-h|--help|\?)$/i.test(ws[0] ?? ''))) {
    return { ok: true, value: { kind: 'help' } };
  }
  const set: SessionSettings = {};
  let clear = false;
  const named = new Named();
  const errors: string[] = [];
  const duration = (typed: string | undefined) => {
    if (typed === undefined || FLAG.test(typed)) return errors.push('Give --duration a length, like --duration 8h.');
    const parsed = parseDuration(typed);
    if (parsed.ok) set.duration = parsed.value;
    else errors.push(parsed.error);
  };
  for (let i = 0; i < ws.length; i++) {
    const word = ws[i] ?? '';
    const equals = DURATION_EQUALS.exec(word);
    if (equals) {
      duration(equals[1]);
      continue;
    }
    const flag = FLAG.exec(word);
    if (flag) {
      const name = (flag[1] ?? '').toLowerCase();
      if (name === 'duration') duration(ws[++i]);
      else if (name === 'quit-ends-session' || name === 'no-quit-ends-session') {
        const ends = name === 'quit-ends-session';
        if (set.quitEndsSession === !ends)
          errors.push('Choose --quit-ends-session or --no-quit-ends-session, not both.');
        set.quitEndsSession = ends;
      } else if (name === 'clear') clear = true;
      else errors.push(`${quoteInput(word)} is not an option: use ${OPTIONS}.`);
      continue;
    }
    const problem = named.add(word);
    if (problem) errors.push(problem);
  }
  const changing = set.duration !== undefined || set.quitEndsSession !== undefined;
  if (clear && changing) {
    errors.push('--clear puts back the organization’s default for both settings: give it alone, without the others.');
  }
  const { targets, groups } = named;
  if (targets.length === 0 && groups.length === 0) errors.push('Name at least one person or user group.');
  if (targets.length > maxTargets) {
    errors.push(
      `You named ${targets.length} people; one command can name at most ${maxTargets} (more with a user group).`,
    );
  }
  if (errors.length > 0) return { ok: false, error: errors.slice(0, 5).join('\n') };
  if (clear) return { ok: true, value: { kind: 'change', targets, groups, change: 'clear' } };
  if (changing) return { ok: true, value: { kind: 'change', targets, groups, change: { set } } };
  return { ok: true, value: { kind: 'show', targets, groups } };
}
