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
        { version: 7 },
      ]);
      const tables = await client.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
        [schema],
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual([
        'approvals',
        'audit_records',
        'audit_targets',
        'job_turns',
        'kept_plans',
        'plan_claims',
        'post_throttle',
        'schema_migrations',
      ]);
    } finally {
      await client.end();
    }
  });
});
