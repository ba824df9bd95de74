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
const ZERO_GPA_MIGRATION = '007-clear-zero-minimum-gpa';

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

async function updatedAt(sourceKey: string): Promise<Date> {
  const row = await db.knex('scholarships').where('source_key', sourceKey).first('updated_at');
  return row.updated_at;
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

  it('revert the newest migrations one at a time and re-apply them', async () => {
    await migrateLatest(db.knex, options);

    expect(await migrateDown(db.knex, options)).toEqual([ZERO_GPA_MIGRATION]);
    expect(await tableNames()).toContain('deleted_imports');
    expect(await migrateDown(db.knex, options)).toEqual(['006-create-deleted-imports']);
    expect(await tableNames()).not.toContain('deleted_imports');
    expect(await tableNames()).toContain('catalog_outbox');

    expect(await migrateLatest(db.knex, options)).toEqual([
      '006-create-deleted-imports',
      ZERO_GPA_MIGRATION,
    ]);
    expect(await tableNames()).toContain('deleted_imports');
  });

  it('clear a minimum GPA of zero as a versioned write', async () => {
    await migrateLatest(db.knex, options);
    await migrateDown(db.knex, options, ZERO_GPA_MIGRATION);
    const rows = await db
      .knex('scholarships')
      .insert([
        { source_key: 'gpa-zero', name: 'Zero', min_gpa: 0 },
        { source_key: 'gpa-three', name: 'Three', min_gpa: 3 },
        { source_key: 'gpa-none', name: 'None', min_gpa: null },
      ])
      .returning<{ id: string; source_key: string }[]>(['id', 'source_key']);
    const idOf = new Map(rows.map((row) => [row.source_key, row.id]));
    const [outbox] = await db.knex('catalog_outbox').max<{ max: string | null }[]>('id');
    const lastEvent = outbox?.max ?? 0;
    const insertedAt = await updatedAt('gpa-zero');

    expect(await migrateLatest(db.knex, options)).toEqual([ZERO_GPA_MIGRATION]);

    const after = await db
      .knex('scholarships')
      .whereIn('source_key', ['gpa-zero', 'gpa-three', 'gpa-none'])
      .orderBy('source_key')
      .select('source_key', 'min_gpa', 'version');
    expect(after).toEqual([
      { source_key: 'gpa-none', min_gpa: null, version: 1 },
      { source_key: 'gpa-three', min_gpa: 3, version: 1 },
      { source_key: 'gpa-zero', min_gpa: null, version: 2 },
    ]);
    expect((await updatedAt('gpa-zero')).getTime()).toBeGreaterThan(insertedAt.getTime());
    const events = await db.knex('catalog_outbox').where('id', '>', lastEvent).pluck('event');
    expect(events).toEqual([
      { type: 'scholarship.changed', scholarshipId: idOf.get('gpa-zero'), version: 2 },
    ]);
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
