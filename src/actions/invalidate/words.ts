import type { ActionWords } from '../../views/action-words';
import { mention } from '../../views/mrkdwn';

export const INVALIDATE_WORDS: ActionWords = {
  title: 'End a session',
  verb: 'Ended',
  past: 'ended',
  doing: 'Ending',
  one: 'session',
  many: 'sessions',
  line: (target) => ({ subject: `Session ${target.sessionId} of ${mention(target.userId)}`, done: 'ended' }),
  checking: 'Checking with Slack’s session list whether it is gone',
};
