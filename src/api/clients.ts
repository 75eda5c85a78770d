import { API_ACTIONS, type ApiAction, type ApiClient } from './authenticate';

/** A client's secret is a key, not a password: long enough that guessing it is out of the question. */
export const MIN_SECRET_LENGTH = 32;
const NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/**
 * API_CLIENTS: `name:secret-file[:action+action]` entries separated by commas or new lines, or the path of a file of
 * them (one a line, `#` comments). A client allowed no action names gets `sign-outs`. Each secret is read from its
 * own file, as Kubernetes and Docker mount secrets, so no key ever sits in the environment. A problem names the entry
 * by its position and the file by its path, never a secret.
 */
export function readApiClients(
  spec: string,
  readFile: (path: string) => string,
  forbidden: readonly string[],
): { clients: Map<string, ApiClient>; problems: string[] } {
  const problems: string[] = [];
  let entries = spec;
  // One path and nothing else: a file of entries (an entry always has a colon, a list a comma).
  if (!/[:,]/.test(spec)) {
    try {
      entries = readFile(spec);
    } catch {
      return { clients: new Map(), problems: [`API_CLIENTS names ${spec}, which cannot be read.`] };
    }
  }
  const clients = new Map<string, ApiClient>();
  const lines = entries
    .split(/[,\n]/)
    .map((l) => l.replace(/#.*/, '').trim())
    .filter((l) => l !== '');
  for (const [i, line] of lines.entries()) {
    const at = `API_CLIENTS entry ${i + 1}`;
    const [name = '', path = '', granted] = line.split(':');
    if (!NAME.test(name)) {
      problems.push(`${at}: a client name is 1–32 lower-case letters, digits, - or _.`);
      continue;
    }
    if (clients.has(name)) {
      problems.push(`${at}: ${name} is named twice.`);
      continue;
    }
    const actions = (granted ?? 'sign-outs').split('+').map((a) => a.trim());
    const unknown = actions.filter((a) => !API_ACTIONS.includes(a as ApiAction));
    if (unknown.length > 0) {
      problems.push(`${at}: ${name} is granted ${unknown.join(', ')}; the actions are ${API_ACTIONS.join(', ')}.`);
      continue;
    }
    let secret: string;
    try {
      secret = readFile(path).trim();
    } catch {
      problems.push(`${at}: the secret file of ${name} (${path}) cannot be read.`);
      continue;
    }
    if (secret.length < MIN_SECRET_LENGTH) {
      problems.push(`${at}: the secret of ${name} is shorter than ${MIN_SECRET_LENGTH} characters.`);
      continue;
    }
    // Slack's signing secret proves a request came from Slack: a client holding it could forge Slack itself.
    if (forbidden.includes(secret)) {
      problems.push(`${at}: the secret of ${name} is one of the app's Slack secrets; give each client its own.`);
      continue;
    }
    if ([...clients.values()].some((c) => c.secret === secret)) {
      problems.push(`${at}: ${name} shares its secret with another client; give each its own.`);
      continue;
    }
    clients.set(name, { name, secret, actions: new Set(actions as ApiAction[]) });
  }
  if (lines.length === 0) problems.push('API_CLIENTS names no client.');
  return { clients, problems };
}
