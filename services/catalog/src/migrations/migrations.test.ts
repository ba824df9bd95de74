import {
  createDatabase,
  type Database,
  migrateDown,
  migrateLatest,
  migrateRollbackAll,
} from '@scholarships/db';
import { createTestDatabase, type TestDatabase } from '@scholarships/local-infra';
import { migrations } from './index';

const options = { service: 'catalog', migrations };
const INDEX = 'idx_interactions_user_scholarship';
const INDEX_MIGRATION = '005-index-interactions-user-scholarship';

let database: TestDatabase;
let db: Database;

beforeAll(async () => {
  database = await createTestDatabase('catalog_migrations');
  db = createDatabase({
    connectionString: database.connectionString,
    applicationName: 'migrations',
  });
});

afterAll(async () => {
  await db.close();
  await database.drop();
});

async function indexState(): Promise<{ valid: boolean; unique: boolean } | undefined> {
  const result = await db.knex.raw<{ rows: { valid: boolean; unique: boolean }[] }>(
    `SELECT indisvalid AS valid, indisunique AS unique FROM pg_index
       JOIN pg_class ON pg_class.oid = pg_index.indexrelid WHERE relname = ?`,
    [INDEX],
  );
  return result.rows[0];
}

async function tableNames(): Promise<string[]> {
  const result = await db.knex.raw<{ rows: { name: string }[] }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
  );
  return result.rows.map((row) => row.name);
}

describe('catalog migrations', () => {
  it('apply, roll back completely and apply again', async () => {
    expect(await migrateLatest(db.knex, options)).toEqual(migrations.map((m) => m.name));
    expect(await tableNames()).toEqual(
      expect.arrayContaining([
        'catalog_imports',
        'catalog_outbox',
        'deleted_imports',
        'scholarships',
        'user_interactions',
      ]),
    );

    const reverted = await migrateRollbackAll(db.knex, options);
    expect(reverted).toHaveLength(migrations.length);
    expect(await tableNames()).toEqual(['knex_migrations_catalog', 'knex_migrations_catalog_lock']);

    expect(await migrateLatest(db.knex, options)).toHaveLength(migrations.length);
  });

  it('revert the newest migration alone and re-apply it', async () => {
    await migrateLatest(db.knex, options);
    const newest = migrations.at(-1)?.name;

    expect(await migrateDown(db.knex, options)).toEqual([newest]);
    expect(await tableNames()).not.toContain('deleted_imports');
    expect(await tableNames()).toContain('catalog_outbox');

    expect(await migrateLatest(db.knex, options)).toEqual([newest]);
    expect(await tableNames()).toContain('deleted_imports');
  });

  it('revert the interactions index alone and re-apply it', async () => {
    await migrateLatest(db.knex, options);

    expect(await migrateDown(db.knex, options, INDEX_MIGRATION)).toEqual([INDEX_MIGRATION]);
    expect(await indexState()).toBeUndefined();

    expect(await migrateLatest(db.knex, options)).toEqual([INDEX_MIGRATION]);
    expect(await indexState()).toEqual({ valid: true, unique: false });
  });

  it('replace an invalid index left by a failed concurrent build', async () => {
    await migrateLatest(db.knex, options);
    await migrateDown(db.knex, options, INDEX_MIGRATION);
    const scholarshipId = await db
      .knex('scholarships')
      .insert({ source_key: 'migration-test', name: 'Any' })
      .returning<{ id: string }[]>('id')
      .then((rows) => rows[0]?.id);
    const view = { user_id: 'u', scholarship_id: scholarshipId, interaction_type: 'viewed' };
    await db.knex('user_interactions').insert([view, view]);
    // A unique build fails on the duplicate views and leaves an invalid index behind.
    await expect(
      db.knex.raw(
        `CREATE UNIQUE INDEX CONCURRENTLY ${INDEX} ON user_interactions (user_id, scholarship_id, interaction_type)`,
      ),
    ).rejects.toThrow(/could not create unique index/);
    expect(await indexState()).toEqual({ valid: false, unique: true });

    await migrateLatest(db.knex, options);
    expect(await indexState()).toEqual({ valid: true, unique: false });
  });
});
