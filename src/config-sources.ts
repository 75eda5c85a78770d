import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';

/**
 * Secrets that may come from a file instead of the environment: `SLACK_ADMIN_TOKEN_FILE=/run/secrets/admin` reads
 * the token from that file, as Kubernetes Secrets mounted as volumes and Docker secrets provide them.
 */
export const SECRET_FILE_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_ADMIN_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_AUDIT_TOKEN',
  'DATABASE_URL',
] as const;

export interface Sources {
  /** The environment with every `*_FILE` secret read in. */
  env: NodeJS.ProcessEnv;
  problems: string[];
  /** Where settings were looked for, for a message about a missing one: which `.env` was read, if any. */
  whereFrom: string;
}

/**
 * Reads `.env` (or `DOTENV_PATH`) into the environment, without overriding what is set, then the secret files.
 * Nothing read is ever echoed: a problem names the variable and, for a file, the path and the system's error code.
 */
export function readSources(
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): Sources {
  const dotenvPath = resolve(env.DOTENV_PATH?.trim() || '.env');
  const loaded = loadDotenv({ path: dotenvPath, processEnv: env, quiet: true });
  const found = loaded.error === undefined;
  const problems: string[] = [];
  if (!found && env.DOTENV_PATH?.trim()) problems.push(`DOTENV_PATH names ${dotenvPath}, which cannot be read.`);
  for (const name of SECRET_FILE_VARIABLES) {
    const path = env[`${name}_FILE`]?.trim();
    if (!path) continue;
    if (env[name]?.trim()) {
      problems.push(`${name} and ${name}_FILE are both set: keep one.`);
      continue;
    }
    try {
      // A secret file usually ends with a newline (echo, kubectl create secret --from-file): it is not part of it.
      env[name] = readFile(path).trim();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      problems.push(`${name}_FILE names ${path}, which cannot be read (${typeof code === 'string' ? code : 'error'}).`);
    }
  }
  const whereFrom = found
    ? `Settings were read from the environment and ${dotenvPath}.`
    : `Settings were read from the environment only: there is no ${dotenvPath} (set DOTENV_PATH to use another file).`;
  return { env, problems, whereFrom };
}
