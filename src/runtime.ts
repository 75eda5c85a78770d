/**
 * What the app needs of Node.js, checked before anything else:
 * - the audit store's SQLite binding (better-sqlite3 13) is built for Node-API 10, which Node.js has from 22.14 on; on
 *   an older runtime it does not fail with an error, the process dies in native code (a segmentation fault on 20);
 * - calls to Slack go through a corporate proxy (HTTPS_PROXY) with the agents' own `proxyEnv`, which Node.js has from
 *   22.21 and 24.5 on; an older one would ignore the proxy without a word.
 * Checking first turns either into a sentence an operator can act on.
 */
const MIN_NODE_API = 10;
/** The first release of each line with everything above. */
const MINIMUM: Record<number, [number, number]> = { 22: [22, 21], 24: [24, 5] };
const OLDEST_LINE = 22;

export const SUPPORTED = 'Node.js 22 (22.21 or later), 24 (24.5 or later) or 26';

export function unsupportedRuntime(versions: { node: string; napi?: string }): string | undefined {
  const [major = 0, minor = 0] = versions.node.split('.').map(Number);
  const [, wantMinor = 0] = MINIMUM[major] ?? [];
  const tooOld = major < OLDEST_LINE || minor < wantMinor || Number(versions.napi ?? 0) < MIN_NODE_API;
  return tooOld ? `Node.js ${versions.node} is not supported: run this app on ${SUPPORTED}.` : undefined;
}
