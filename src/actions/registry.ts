import type { WordsOf } from '../views/action-words';
import type { Action } from './action';
import { invalidateAction } from './invalidate';
import { resetAction } from './reset';
import { sessionSettingsAction } from './session-settings';

/** The actions the app offers, and the one way to find one: by its name in the audit trail, or by its command. */
export interface Registry {
  all: readonly Action[];
  /** The action whose records carry this name; undefined for "other" (a refused request that named none). */
  named(name: string): Action | undefined;
  forCommand(command: string | undefined): Action | undefined;
  /** An action's words by its name: records are shown as text long after the action ran. */
  wordsOf: WordsOf;
}

export function registry(actions: readonly Action[]): Registry {
  const named = (name: string) => actions.find((a) => a.audit === name);
  return {
    all: actions,
    named,
    forCommand: (command) => actions.find((a) => a.command === command),
    wordsOf: (name) => named(name)?.words,
  };
}

/** Every action the app offers. A new one is a folder beside these, one line here, and its command in manifest.yml. */
export const ACTIONS: Registry = registry([resetAction, invalidateAction, sessionSettingsAction]);
