import type { WordsOf } from '../views/action-words';
import type { Action } from './action';
import { invalidateAction } from './invalidate';
import { resetAction } from './reset';

/** Every action the app offers. A new one is a folder beside these, one line here, and its command in manifest.yml. */
export const ACTIONS: readonly Action[] = [resetAction, invalidateAction];

/** An action's words by its name in the audit trail: records are shown as text long after the action ran. */
export const wordsOf: WordsOf = (name) => ACTIONS.find((a) => a.audit === name)?.words;
