import type { ActionWords } from '../../views/action-words';
import { scopeLabel } from '../../views/labels';
import { mention } from '../../views/mrkdwn';

export const RESET_WORDS: ActionWords = {
  title: 'Reset sessions',
  verb: 'Signed out',
  past: 'signed out',
  doing: 'Signing out',
  one: 'person',
  many: 'people',
  line: (target, { scope }) => ({
    subject: mention(target.userId),
    done: `signed out of ${scopeLabel(scope ?? 'all')}`,
  }),
};
