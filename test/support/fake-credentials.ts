/**
 * The fake tokens, signing secret and admins of the end-to-end tests and the demo: obviously fake, so a line that
 * shows one gives nothing away. On their own so that what starts the built app as a child process (process.ts, the
 * demo) need not load the app itself through harness.ts.
 */
export const FAKE = {
  botToken: 'xoxb-fake-bot-token-for-tests',
  adminToken: 'xoxp-fake-admin-token-for-tests',
  signingSecret: 'fake-signing-secret-for-tests-0000',
  appToken: 'xapp-fake-app-level-token-for-tests',
  admin: 'W0ADMIN001',
  otherAdmin: 'W0ADMIN002',
  stranger: 'W0STRANGR1',
} as const;
