/** The people, ids and fake tokens the listener tests share. */

import { TEAM_ID } from '../fake-slack';

// Obviously fake: nothing here is a real token, and no call leaves the process.
export const FAKE_TOKENS = {
  bot: 'xoxb-fake-bot-token-for-unit-tests',
  admin: 'xoxp-fake-admin-token-for-unit-tests',
  signingSecret: 'fake-signing-secret-for-unit-tests',
} as const;

export const ADMIN = 'W0ADMIN001';
export const OTHER_ADMIN = 'W0ADMIN002';
export const ALICE = 'W0ALICE001';
export const BOB = 'W0BOB00001';
export const CAROL = 'W0CAROL001';
export const BOT = 'W0BOT00009';
export const GONE = 'W0GONE0001';
export const PRIMARY = 'W0PRIME001';
export const TOKEN_OWNER = 'W0OWNER001';
export const TEAM = TEAM_ID;
export const HOME_TEAM = 'T0HOME0001';
export const REQUEST_ID = '3f2b8c1e-9d4a-4e6b-8f7c-1a2b3c4d5e6f';
export const RESPONSE_URL = 'https://hooks.slack.com/commands/T0TEAM0001/1000000001/fake-response-url';
export const TRIGGER_ID = '1337.42.fake-trigger';
export const VIEW_ID = 'V0MODAL0001';
