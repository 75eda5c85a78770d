/**
 * The audit store's SQLite binding (better-sqlite3 13) is built for Node-API 10, which Node.js has from 22.14 on.
 * On an older runtime it does not fail with an error: the process dies in native code (a segmentation fault on
 * Node.js 20). Checking first turns that into a sentence an operator can act on.
 */
const MIN_NODE_API = 10;

export function unsupportedRuntime(versions: { node: string; napi?: string }): string | undefined {
  if (Number(versions.napi ?? 0) >= MIN_NODE_API) return undefined;
  return `Node.js ${versions.node} is not supported: run this app on Node.js 22 (22.14 or later), 24 or 26.`;
}
