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
        { version: 8 },
        { version: 9 },
      ]);
      const tables = await client.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
        [schema],
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual([
        'api_requests',
        'api_signatures',
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

  it('moves the scope records of migration 6 kept into their details, in the column and in the record', async () => {
    const own = testSchema();
    const first = openPostgresAuditStore(TEST_DATABASE_URL, { schema: own });
    await first.migrate();
    await first.close();
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      // As migration 6 left it: a TEXT `scope` column and the scope at the top of the record.
      await client.query(`SET search_path TO "${own}"`);
      await client.query('DELETE FROM schema_migrations WHERE version = 7');
      await client.query('ALTER TABLE audit_records DROP COLUMN details, ADD COLUMN scope TEXT');
      const earlier = { time: '2026-11-25T12:05:00.000Z', invokerId: 'W0ADMIN0001', action: 'reset', targets: [] };
      await client.query(
        `INSERT INTO audit_records (time, request_id, invoker_id, action, outcome, scope, record)
         VALUES ($1, 'r-scoped', $2, 'reset', 'executed', 'web', $3), ($1, 'r-plain', $2, 'reset', 'cancelled', NULL, $4)`,
        [
          earlier.time,
          earlier.invokerId,
          { ...earlier, requestId: 'r-scoped', outcome: 'executed', scope: 'web' },
          { ...earlier, requestId: 'r-plain', outcome: 'cancelled' },
        ],
      );
      const again = openPostgresAuditStore(TEST_DATABASE_URL, { schema: own });
      await again.migrate();
      const records = await again.recent(10);
      await again.close();
      expect(records.map((r) => [r.requestId, r.details, 'scope' in r])).toEqual([
        ['r-plain', undefined, false],
        ['r-scoped', { scope: 'web' }, false],
      ]);
      const { rows } = await client.query('SELECT details FROM audit_records ORDER BY id');
      expect(rows).toEqual([{ details: { scope: 'web' } }, { details: null }]);
    } finally {
      await client.end();
      await dropSchema(own);
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
