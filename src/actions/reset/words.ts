import { isResetScope } from '../../domain/types';
import type { ActionWords } from '../../views/action-words';
import { scopeLabel } from '../../views/labels';
import { mention } from '../../views/mrkdwn';
import { durationWords } from '../session-settings/duration';

export const RESET_WORDS: ActionWords = {
  title: 'Reset sessions',
  verb: 'Signed out',
  past: 'signed out',
  doing: 'Signing out',
  one: 'person',
  many: 'people',
  describe: ({ scope, shorten }) => {
    if (!isResetScope(scope)) return undefined;
    const then = typeof shorten === 'number' ? `, then sessions of ${durationWords(shorten)} for them` : '';
    return `${scopeLabel(scope)}${then}`;
  },
  line: (target, details) => ({
    subject: mention(target.userId),
    done: `signed out of ${scopeLabel(isResetScope(details?.scope) ? details.scope : 'all')}`,
  }),
  checking: 'Checking with Slack’s session list what is left',
};
