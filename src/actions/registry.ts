import type { Action } from './action';
import { invalidateAction } from './invalidate';
import { resetAction } from './reset';

/** Every action the app offers. A new one is a folder beside these, one line here, and its command in manifest.yml. */
export const ACTIONS: readonly Action[] = [resetAction, invalidateAction];
