/** ListenerDeps wired as the app wires them, over fakes of every port; and what a listener caused. */

import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { ACTIONS } from '../../../src/actions/registry';
import { type ListenerDeps, listenerDeps } from '../../../src/actions/shared/deps';
import { type Config, loadConfig } from '../../../src/config';
import type { Inflight } from '../../../src/inflight';
import { FakeAdminApi } from './admin-api';
import { addPeople, type FakeDirectory, type FakeLogger, fakeLogger } from './directory';
import { ADMIN, FAKE_TOKENS, OTHER_ADMIN, REQUEST_ID, TOKEN_OWNER } from './people';
import { MemoryAuditStore, RecordingAuditLog } from './store';
import { FakeSurface } from './surface';

export function fakeConfig(env: Record<string, string> = {}): Config {
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: FAKE_TOKENS.bot,
    SLACK_ADMIN_TOKEN: FAKE_TOKENS.admin,
    SLACK_SIGNING_SECRET: FAKE_TOKENS.signingSecret,
    ADMIN_USER_IDS: `${ADMIN},${OTHER_ADMIN}`,
    AUDIT_DB_PATH: ':memory:',
    // Checking afterwards is on in production; the tests of it turn it on, the rest look at the sign-outs alone.
    VERIFY_AFTER_RESET: 'false',
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.config;
}

export interface Fakes {
  deps: ListenerDeps;
  config: Config;
  adminApi: FakeAdminApi;
  audit: RecordingAuditLog;
  store: MemoryAuditStore;
  surface: FakeSurface;
  directory: FakeDirectory;
  inflight: Inflight;
  logger: FakeLogger;
  /** `deps.slack`, to check which client and logger a listener gave it. */
  slack: jest.Mock<FakeSurface, [WebClient, Logger]>;
}

/** A ListenerDeps of fakes, with `addPeople` in the directory; `env` is passed to loadConfig. */
export function fakeDeps({
  env = {},
  tokenOwnerId = TOKEN_OWNER,
}: {
  env?: Record<string, string>;
  tokenOwnerId?: string;
} = {}): Fakes {
  const config = fakeConfig(env);
  const store = new MemoryAuditStore();
  const audit = new RecordingAuditLog(store);
  const adminApi = new FakeAdminApi();
  const surface = new FakeSurface();
  addPeople(surface.directory);
  const slack = jest.fn((_client: WebClient, _logger: Logger) => surface);
  // Wired as the app wires it: only the ports are fakes.
  const deps = listenerDeps({
    config,
    adminApi,
    audit,
    store,
    tokenOwnerId: () => tokenOwnerId,
    actions: ACTIONS,
    slack,
  });
  const { inflight } = deps;
  return {
    deps,
    config,
    adminApi,
    audit,
    store,
    surface,
    directory: surface.directory,
    inflight,
    logger: fakeLogger(),
    slack,
  };
}

/** Whether a plan is claimed as running, asked through Inflight's own `claim` (and let go at once if not). */
export function isClaimed(f: Fakes, requestId = REQUEST_ID): boolean {
  return f.inflight.isRunning(requestId);
}

/** Everything a listener can have caused outside its ack: all empty means it only answered in the ack. */
export const effects = (f: Fakes) => ({
  surface: f.surface.calls,
  admin: f.adminApi.calls,
  records: f.audit.records,
  lookups: f.directory.lookups,
});
export const NO_EFFECTS = { surface: [], admin: [], records: [], lookups: [] };

/** A refused submission: no effect at all but the one record that it was refused. */
export function expectOnlyRefused(f: Fakes): void {
  const { records, ...rest } = effects(f);
  expect(rest).toEqual({ surface: [], admin: [], lookups: [] });
  expect(records.map((r) => r.outcome)).toEqual(['refused']);
}
