import { migrations as catalogMigrationList } from '@scholarships/catalog/migrations';
import {
  createDatabase,
  type Database,
  type Knex,
  type Migration,
  migrateDown,
  migrateLatest,
  migrateRollbackAll,
} from '@scholarships/db';
import { createTestDatabase, type TestDatabase } from '@scholarships/local-infra';
import { searchQuerySchema } from '../search/schemas';
import { searchScholarships } from '../search/statements';
import { insertScholarships, scholarshipFixture } from '../test-support/scholarship-fixtures';
import { migrations } from './index';

let database: TestDatabase;
let db: Database;
let knex: Knex;
const search = { service: 'search', migrations };

function catalogMigrations(): Migration[] {
  return catalogMigrationList;
}

interface IndexState {
  name: string;
  valid: boolean;
  unique: boolean;
}

async function scholarshipIndexes(): Promise<IndexState[]> {
  const result = await knex.raw<{ rows: IndexState[] }>(`
    SELECT c.relname AS name, i.indisvalid AS valid, i.indisunique AS unique
      FROM pg_index AS i
      JOIN pg_class AS c ON c.oid = i.indexrelid
     WHERE i.indrelid = 'scholarships'::regclass AND c.relname LIKE 'idx_scholarships_search%'
     ORDER BY c.relname`);
  return result.rows;
}

async function hasSearchDocumentColumn(): Promise<boolean> {
  return knex.schema.hasColumn('scholarships', 'search_document');
}

beforeAll(async () => {
  database = await createTestDatabase('search_migrations');
  db = createDatabase({ connectionString: database.connectionString, applicationName: 'test' });
  knex = db.knex;
  await migrateLatest(knex, { service: 'catalog', migrations: catalogMigrations() });
});

afterAll(async () => {
  await db?.close();
  await database?.drop();
});

describe('search migrations', () => {
  it('create the column and valid indexes', async () => {
    expect(await migrateLatest(knex, search)).toEqual(migrations.map((step) => step.name));
    expect(await hasSearchDocumentColumn()).toBe(true);
    expect(await scholarshipIndexes()).toEqual([
      { name: 'idx_scholarships_search', valid: true, unique: false },
      { name: 'idx_scholarships_search_document', valid: true, unique: false },
    ]);
  });

  it('keep the document current on writes', async () => {
    const fixture = scholarshipFixture({ name: 'Harbor Award', description: 'For sailors.' });
    await insertScholarships(knex, [fixture]);
    await knex('scholarships').where('id', fixture.id).update({ description: 'For welders.' });
    const result = await knex.raw<{ rows: { id: string }[] }>(
      "SELECT id FROM scholarships WHERE search_document @@ websearch_to_tsquery('english', 'welders')",
    );
    expect(result.rows.map((row) => row.id)).toEqual([fixture.id]);
    await knex('scholarships').where('id', fixture.id).delete();
  });

  it('let the keyword statement use the GIN index', async () => {
    const statement = searchScholarships(knex, searchQuerySchema.parse({ q: 'nursing' }), null);
    const client = await db.pool.connect();
    try {
      // The test table is tiny, so without this the planner rightly prefers a sequential scan.
      await client.query('SET enable_seqscan = off');
      const plan = await client.query<{ 'QUERY PLAN': string }>({
        text: `EXPLAIN ${statement.text}`,
        values: statement.values,
      });
      const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(text).toContain('idx_scholarships_search_document');
    } finally {
      await client.query('RESET enable_seqscan');
      client.release();
    }
  });

  it('rebuild an index left invalid by a failed concurrent build', async () => {
    await migrateDown(knex, search);
    const deadline = '2030-01-15';
    const twins = [
      scholarshipFixture({ name: 'Twin One', deadline }),
      scholarshipFixture({ name: 'Twin Two', deadline }),
    ];
    await insertScholarships(knex, twins);
    await expect(
      knex.raw(
        'CREATE UNIQUE INDEX CONCURRENTLY idx_scholarships_search ON scholarships (deadline)',
      ),
    ).rejects.toThrow(/could not create unique index/);
    expect(await scholarshipIndexes()).toContainEqual({
      name: 'idx_scholarships_search',
      valid: false,
      unique: true,
    });

    await migrateLatest(knex, search);
    expect(await scholarshipIndexes()).toContainEqual({
      name: 'idx_scholarships_search',
      valid: true,
      unique: false,
    });
    await knex('scholarships')
      .whereIn(
        'id',
        twins.map((twin) => twin.id),
      )
      .delete();
  });

  it('revert every step', async () => {
    await migrateRollbackAll(knex, search);
    expect(await hasSearchDocumentColumn()).toBe(false);
    expect(await scholarshipIndexes()).toEqual([]);
    const functions = await knex.raw<{ rows: unknown[] }>(
      "SELECT 1 FROM pg_proc WHERE proname = 'search_scholarship_document'",
    );
    expect(functions.rows).toEqual([]);
  });

  it('apply again after a full revert', async () => {
    expect(await migrateLatest(knex, search)).toHaveLength(migrations.length);
    expect(await scholarshipIndexes()).toHaveLength(2);
  });
});
