import { Client } from 'pg';
import { openPostgresAuditStore } from '../../../src/adapters/postgres-audit-store';
import { dropSchema, postgresAvailable, TEST_DATABASE_URL, testSchema } from '../../support/postgres';

/** What only the PostgreSQL store has; what every store does is in audit-store.contract.test.ts. */
(postgresAvailable ? describe : describe.skip)('the PostgreSQL audit store', () => {
  const schema = testSchema();
  afterAll(() => dropSchema(schema));

  it('migrates once when two replicas start at the same moment, and again on restart changes nothing', async () => {
    const replicas = [0, 1, 2].map(() => openPostgresAuditStore(TEST_DATABASE_URL, { schema }));
    try {
      await Promise.all(replicas.map((r) => r.migrate()));
      await replicas[0]?.migrate();
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
    }
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const versions = await client.query(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
      expect(versions.rows).toEqual([
        { version: 1 },
        { version: 2 },
        { version: 3 },
        { version: 4 },
        { version: 5 },
        { version: 6 },
      ]);
      const tables = await client.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
        [schema],
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual([
        'approvals',
        'audit_records',
        'audit_targets',
        'kept_plans',
        'plan_claims',
        'post_throttle',
        'schema_migrations',
      ]);
    } finally {
      await client.end();
    }
  });

  it('refuses a database a newer release migrated, naming both versions, and changes nothing', async () => {
    const newer = testSchema();
    const first = openPostgresAuditStore(TEST_DATABASE_URL, { schema: newer });
    const known = await first.migrate();
    await first.close();
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(`INSERT INTO "${newer}".schema_migrations (version) VALUES ($1)`, [known + 3]);
      const store = openPostgresAuditStore(TEST_DATABASE_URL, { schema: newer });
      await expect(store.migrate()).rejects.toThrow(
        `The PostgreSQL database is at schema version ${known + 3}, newer than this release knows (${known}): run the release that wrote it or a later one, or restore the backup taken before that upgrade.`,
      );
      await store.close();
      const versions = await client.query(`SELECT max(version) AS v FROM "${newer}".schema_migrations`);
      expect(versions.rows[0].v).toBe(known + 3);
    } finally {
      await client.end();
      await dropSchema(newer);
    }
  });
});
