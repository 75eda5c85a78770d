// The store tests need the real PostgreSQL: in CI an unreachable server fails the run here, never a silent skip.
const { Client } = require('pg');

module.exports = async () => {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    process.env.TEST_POSTGRES_OK = '1';
  } catch (error) {
    if (process.env.CI) throw new Error(`PostgreSQL did not answer at ${url} (${error.message}): CI needs it.`);
    process.stderr.write(
      `\n\n*** PostgreSQL did not answer at ${url} (${error.message}): the PostgreSQL store tests are SKIPPED. ***\n\n`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
};
