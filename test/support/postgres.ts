import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/** The real PostgreSQL on this machine (trust auth), or TEST_DATABASE_URL. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Set by test/setup/postgres.js once it has reached PostgreSQL; in CI an unreachable server fails the run there. */
export const postgresAvailable = process.env.TEST_POSTGRES_OK === '1';

/** A schema of its own for one test file's run, so runs never see each other's rows. */
export const testSchema = (): string => `test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;

/** Runs one statement on the test database with a connection of its own. */
async function once(sql: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export const createSchema = (schema: string): Promise<void> => once(`CREATE SCHEMA "${schema}"`);

/** Drops a test schema and everything in it. */
export const dropSchema = (schema: string): Promise<void> => once(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);

/** A DATABASE_URL whose tables live in `schema` (search_path, as libpq takes it in the URL). */
export const schemaUrl = (schema: string): string =>
  `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
