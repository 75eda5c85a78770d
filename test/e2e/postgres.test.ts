import { Client } from 'pg';
import { FAKE, type Harness, startHarness, textOf } from '../support/harness';
import { createSchema, dropSchema, postgresAvailable, schemaUrl, testSchema } from '../support/postgres';

const ALICE = 'W0ALICE001';

/** The app with DATABASE_URL, its tables in a schema of this run's own (search_path in the URL, as libpq takes it). */
(postgresAvailable ? describe : describe.skip)('the app on PostgreSQL', () => {
  const schema = testSchema();
  const url = schemaUrl(schema);
  let h: Harness | undefined;

  beforeAll(async () => {
    await createSchema(schema);
  });
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });
  afterAll(() => dropSchema(schema));

  it('keeps the record of a reset in PostgreSQL, where another replica reads it', async () => {
    h = await startHarness(
      { DATABASE_URL: url },
      { setup: (fake) => fake.addUser({ id: ALICE, real_name: 'Alice Example' }) },
    );
    await h.command('/reset-sessions', `<@${ALICE}>`);
    await h.submit(h.lastView());
    expect(textOf(h.lastView().view)).toContain('Signed out 1 of 1 person');

    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT outcome, invoker_id FROM audit_records ORDER BY id');
      expect(rows).toEqual([
        { outcome: 'started', invoker_id: FAKE.admin },
        { outcome: 'executed', invoker_id: FAKE.admin },
      ]);
    } finally {
      await client.end();
    }
  });

  it('refuses to start when PostgreSQL cannot be reached, naming DATABASE_URL and never its password', async () => {
    const started = startHarness({ DATABASE_URL: 'postgres://app:not-a-real-password-42@127.0.0.1:1/audit' });
    await expect(started).rejects.toThrow(/^DATABASE_URL: PostgreSQL could not be reached or prepared: /);
    await expect(started).rejects.not.toThrow(/not-a-real-password-42/);
  });
});
