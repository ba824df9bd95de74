import { searchQuerySchema } from '@scholarships/api-contract';
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
import { searchScholarships } from '../search/statements';
import { refreshSearchTerms } from '../terms';
import { insertScholarships, scholarshipFixture } from '../test-support/scholarship-fixtures';
import * as addSearchDocumentColumn from './002-add-search-document-column';
import * as addNameDocumentColumn from './009-add-name-document-column';
import * as addFilterCombinationColumn from './012-add-filter-combination-column';
import { migrations } from './index';

let database: TestDatabase;
let db: Database;
let knex: Knex;
const search = { service: 'search', migrations };

/** Every index the search migrations create, in name order. */
const SEARCH_INDEXES = [
  'idx_scholarships_amount_key',
  'idx_scholarships_basis_amount_key',
  'idx_scholarships_basis_count',
  'idx_scholarships_basis_deadline_key',
  'idx_scholarships_deadline_key',
  'idx_scholarships_facet_scan',
  'idx_scholarships_filter_combination',
  'idx_scholarships_name_document',
  'idx_scholarships_name_prefix',
  'idx_scholarships_search',
  'idx_scholarships_search_document',
  'idx_search_name_postings_order',
  'idx_search_name_postings_scholarship',
  'idx_search_terms_trigram',
];

function catalogMigrations(): Migration[] {
  return catalogMigrationList;
}

interface IndexState {
  name: string;
  valid: boolean;
  unique: boolean;
}

async function searchIndexes(): Promise<IndexState[]> {
  const result = await knex.raw<{ rows: IndexState[] }>(
    `SELECT c.relname AS name, i.indisvalid AS valid, i.indisunique AS unique
       FROM pg_index AS i
       JOIN pg_class AS c ON c.oid = i.indexrelid
      WHERE c.relname = ANY (?)
      ORDER BY c.relname`,
    [SEARCH_INDEXES],
  );
  return result.rows;
}

async function hasSearchDocumentColumn(): Promise<boolean> {
  return knex.schema.hasColumn('scholarships', 'search_document');
}

async function hasTrigramExtension(): Promise<boolean> {
  const result = await knex.raw<{ rows: unknown[] }>(
    "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'",
  );
  return result.rows.length === 1;
}

async function matchingIds(keyword: string): Promise<string[]> {
  const result = await knex.raw<{ rows: { id: string }[] }>(
    "SELECT id FROM scholarships WHERE search_document @@ websearch_to_tsquery('english', ?)",
    [keyword],
  );
  return result.rows.map((row) => row.id);
}

interface Posting {
  query: string;
  sort_key: number;
}

async function postingsOf(id: string): Promise<Posting[]> {
  return knex('search_name_postings')
    .select('query', 'sort_key')
    .where('scholarship_id', id)
    .orderBy('query');
}

/** The relevance sort key that a search for `word` computes for a name match at query time. */
async function sortKeyOf(id: string, word: string): Promise<number> {
  const result = await knex.raw<{ rows: { sort_key: number }[] }>(
    `SELECT (ts_rank_cd(search_document, websearch_to_tsquery('english', ?), 32) + 1)::real AS sort_key
       FROM scholarships WHERE id = ?`,
    [word, id],
  );
  const sortKey = result.rows[0]?.sort_key;
  if (sortKey === undefined) throw new Error(`scholarship ${id} not found`);
  return sortKey;
}

async function deleteScholarships(rows: readonly { id: string }[]): Promise<void> {
  await knex('scholarships')
    .whereIn(
      'id',
      rows.map((row) => row.id),
    )
    .delete();
}

/** Returns the postings that differ from a recomputation from the current documents. */
async function stalePostings(): Promise<unknown[]> {
  const result = await knex.raw<{ rows: unknown[] }>(`
    (SELECT query, scholarship_id, sort_key FROM search_name_postings
     EXCEPT
     SELECT posting.* FROM scholarships AS s,
       search_name_postings_of(s.id, s.name_document, s.search_document) AS posting)
    UNION ALL
    (SELECT posting.* FROM scholarships AS s,
       search_name_postings_of(s.id, s.name_document, s.search_document) AS posting
     EXCEPT
     SELECT query, scholarship_id, sort_key FROM search_name_postings)`);
  return result.rows;
}

/** The stored filter combination of each scholarship, by id. */
async function filterCombinations(ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await knex('scholarships')
    .select<{ id: string; filter_combination: string }[]>('id', 'filter_combination')
    .whereIn('id', ids);
  return new Map(rows.map((row) => [row.id, row.filter_combination]));
}

/** Reverts search migrations, newest first, until `name` is reverted. */
async function migrateDownThrough(name: string): Promise<void> {
  for (let step = 0; step < migrations.length; step += 1) {
    const reverted = await migrateDown(knex, search);
    if (reverted.includes(name) || reverted.length === 0) return;
  }
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
    expect(await searchIndexes()).toEqual(
      SEARCH_INDEXES.map((name) => ({ name, valid: true, unique: false })),
    );
  });

  it('keep the document current on writes', async () => {
    const fixture = scholarshipFixture({ name: 'Harbor Award', description: 'For sailors.' });
    await insertScholarships(knex, [fixture]);
    await knex('scholarships').where('id', fixture.id).update({ description: 'For welders.' });
    expect(await matchingIds('welders')).toEqual([fixture.id]);
    await knex('scholarships').where('id', fixture.id).delete();
  });

  it('keep name postings current on writes', async () => {
    const fixture = scholarshipFixture({ name: 'Harbor Violin Award', description: 'Harbor.' });
    await insertScholarships(knex, [fixture]);
    try {
      expect(await postingsOf(fixture.id)).toEqual([
        { query: "'award'", sort_key: await sortKeyOf(fixture.id, 'award') },
        { query: "'harbor'", sort_key: await sortKeyOf(fixture.id, 'harbor') },
        { query: "'violin'", sort_key: await sortKeyOf(fixture.id, 'violin') },
      ]);
      await knex('scholarships').where('id', fixture.id).update({ name: 'Cello Award' });
      expect(await postingsOf(fixture.id)).toEqual([
        { query: "'award'", sort_key: await sortKeyOf(fixture.id, 'award') },
        { query: "'cello'", sort_key: await sortKeyOf(fixture.id, 'cello') },
      ]);
      await knex('scholarships').where('id', fixture.id).delete();
      expect(await postingsOf(fixture.id)).toEqual([]);
    } finally {
      await knex('scholarships').where('id', fixture.id).delete();
    }
  });

  it('give no postings to words outside ASCII letters and digits', async () => {
    const fixture = scholarshipFixture({ name: 'Café Award' });
    await insertScholarships(knex, [fixture]);
    try {
      expect((await postingsOf(fixture.id)).map((posting) => posting.query)).toEqual(["'award'"]);
    } finally {
      await knex('scholarships').where('id', fixture.id).delete();
    }
  });

  it('rebuild name postings when the document changes', async () => {
    const fixtures = [
      scholarshipFixture({ name: 'Harbor Women Award', gender: ['female'] }),
      scholarshipFixture({ name: 'Harbor Women Award' }),
    ];
    await insertScholarships(knex, fixtures);
    try {
      // Reverting 005 alone rewrites the document without the gender words.
      await migrateDown(knex, search, '005-add-eligibility-words-to-document');
      expect(await stalePostings()).toEqual([]);
      await migrateLatest(knex, search);
      expect(await stalePostings()).toEqual([]);
    } finally {
      await deleteScholarships(fixtures);
    }
  });

  it('keep the columns that name postings read', async () => {
    await migrateDown(knex, search, '010-create-name-document-index');
    try {
      await expect(addNameDocumentColumn.down(knex)).rejects.toThrow(/revert 011/);
      await expect(addSearchDocumentColumn.down(knex)).rejects.toThrow(/revert 011/);
    } finally {
      await migrateLatest(knex, search);
    }
    expect(await knex.schema.hasColumn('scholarships', 'name_document')).toBe(true);
  });

  it('empty name postings on truncate', async () => {
    await insertScholarships(knex, [scholarshipFixture({ name: 'Harbor Award' })]);
    await knex.raw('TRUNCATE scholarships CASCADE');
    const rows = await knex('search_name_postings').count({ count: '*' });
    expect(Number(rows[0]?.count)).toBe(0);
  });

  it('give equal facet columns one filter combination and different ones another', async () => {
    const lists = { field_of_study: ['nursing'], state: ['TX', 'OK'], basis: 'need' };
    const first = scholarshipFixture({ name: 'Prairie Nursing Award', ...lists });
    const same = scholarshipFixture({ name: 'Plains Nursing Award', ...lists });
    const otherState = scholarshipFixture({ name: 'Gulf Nursing Award', ...lists, state: ['TX'] });
    const noBasis = scholarshipFixture({ name: 'Mesa Nursing Award', ...lists, basis: null });
    // Moving a value from one list to the next must change the hash, as must an empty list.
    const shifted = scholarshipFixture({
      name: 'Ridge Award',
      grade_level: ['nursing'],
      state: ['TX', 'OK'],
      basis: 'need',
    });
    const rows = [first, same, otherState, noBasis, shifted];
    await insertScholarships(knex, rows);
    try {
      const combinations = await filterCombinations(rows.map((row) => row.id));
      expect(combinations.get(same.id)).toBe(combinations.get(first.id));
      expect(new Set(combinations.values()).size).toBe(4);
      await knex('scholarships').where('id', same.id).update({ basis: null });
      const updated = await filterCombinations([same.id, noBasis.id]);
      expect(updated.get(same.id)).toBe(updated.get(noBasis.id));
    } finally {
      await deleteScholarships(rows);
    }
  });

  it('keep the filter combination while its indexes exist', async () => {
    await expect(addFilterCombinationColumn.down(knex)).rejects.toThrow(/revert 013/);
    expect(await knex.schema.hasColumn('scholarships', 'filter_combination')).toBe(true);
  });

  it('add ethnicity and gender words to the document', async () => {
    const fixture = scholarshipFixture({ name: 'Harbor Award', description: 'For sailors.' });
    await insertScholarships(knex, [fixture]);
    await knex('scholarships')
      .where('id', fixture.id)
      .update({ ethnicity: ['hispanic'], gender: ['female'] });
    try {
      expect(await matchingIds('hispanic')).toEqual([fixture.id]);
      expect(await matchingIds('women')).toEqual([fixture.id]);
      expect(await matchingIds('female')).toEqual([fixture.id]);
      expect(await matchingIds('men')).toEqual([]);
    } finally {
      await knex('scholarships').where('id', fixture.id).delete();
    }
  });

  it('refresh the word list only after a change', async () => {
    const fixture = scholarshipFixture({ name: 'Lighthouse Keepers Grant', description: null });
    expect(await refreshSearchTerms(knex)).toBe(false);
    await insertScholarships(knex, [fixture]);
    expect(await refreshSearchTerms(knex)).toBe(true);
    const terms = await knex('search_terms').whereIn('term', ['lighthouse', 'keepers', 'grant']);
    expect(terms.map((row) => row.term).sort()).toEqual(['grant', 'keepers', 'lighthouse']);
    expect(await refreshSearchTerms(knex)).toBe(false);

    await knex('scholarships').where('id', fixture.id).delete();
    expect(await refreshSearchTerms(knex)).toBe(true);
    expect(await knex('search_terms').where('term', 'lighthouse')).toEqual([]);
  });

  it('leave stop words and short words out of the word list', async () => {
    const fixture = scholarshipFixture({
      name: 'The Art of Welding',
      provider: null,
      description: 'An award of $500 for 2 welders in the US.',
    });
    await insertScholarships(knex, [fixture]);
    try {
      await refreshSearchTerms(knex, true);
      const rows: { term: string; documents: number }[] = await knex('search_terms')
        .select('term', 'documents')
        .orderBy('term');
      expect(rows).toEqual([
        { term: 'art', documents: 1 },
        { term: 'award', documents: 1 },
        { term: 'welders', documents: 1 },
        { term: 'welding', documents: 1 },
      ]);
    } finally {
      await knex('scholarships').where('id', fixture.id).delete();
      await refreshSearchTerms(knex);
    }
  });

  it('let the keyword statement use the GIN index', async () => {
    const query = searchQuerySchema.parse({ q: 'nursing' });
    const statement = searchScholarships(knex, query, null, '2026-12-04');
    const client = await db.pool.connect();
    try {
      // The test table is tiny, so without this the planner rightly prefers a sequential scan.
      // A generic plan cannot use the deadline indexes for the CASE of the deadline window.
      await client.query('SET enable_seqscan = off');
      const plan = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (GENERIC_PLAN) ${statement.text}`,
      );
      const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(text).toContain('idx_scholarships_search_document');
    } finally {
      await client.query('RESET enable_seqscan');
      client.release();
    }
  });

  it('rebuild an index left invalid by a failed concurrent build', async () => {
    await migrateDownThrough('007-create-sort-and-prefix-indexes');
    const deadline = '2030-01-15';
    const twins = [
      scholarshipFixture({ name: 'Twin One', deadline }),
      scholarshipFixture({ name: 'Twin Two', deadline }),
    ];
    await insertScholarships(knex, twins);
    await expect(
      knex.raw(
        'CREATE UNIQUE INDEX CONCURRENTLY idx_scholarships_deadline_key ON scholarships (deadline)',
      ),
    ).rejects.toThrow(/could not create unique index/);
    expect(await searchIndexes()).toContainEqual({
      name: 'idx_scholarships_deadline_key',
      valid: false,
      unique: true,
    });

    await migrateLatest(knex, search);
    expect(await searchIndexes()).toContainEqual({
      name: 'idx_scholarships_deadline_key',
      valid: true,
      unique: false,
    });
    await deleteScholarships(twins);
  });

  it('revert the filter combination after a failed build of its indexes', async () => {
    await migrateDownThrough('012-add-filter-combination-column');
    await migrateLatest(knex, { service: 'search', migrations: migrations.slice(0, 12) });
    const twins = [
      scholarshipFixture({ name: 'Twin Award One', state: ['VT'] }),
      scholarshipFixture({ name: 'Twin Award Two', state: ['VT'] }),
    ];
    await insertScholarships(knex, twins);
    // A unique build over two equal hashes fails and leaves the index INVALID, as a failed
    // concurrent build of migration 013 does, with 013 not applied.
    await expect(
      knex.raw(
        'CREATE UNIQUE INDEX CONCURRENTLY idx_scholarships_filter_combination ON scholarships (filter_combination)',
      ),
    ).rejects.toThrow(/could not create unique index/);
    await deleteScholarships(twins);
    expect(await migrateDown(knex, search)).toEqual(['012-add-filter-combination-column']);
    expect(await knex.schema.hasColumn('scholarships', 'filter_combination')).toBe(false);
    await migrateLatest(knex, search);
    expect(await searchIndexes()).toHaveLength(SEARCH_INDEXES.length);
  });

  it('keep pg_trgm on revert while another object uses it', async () => {
    await knex.raw('CREATE TABLE other_service_words (word text)');
    await knex.raw(
      'CREATE INDEX other_service_words_trigram ON other_service_words USING gin (word gin_trgm_ops)',
    );
    try {
      await migrateDownThrough('006-create-search-terms');
      expect(await knex.schema.hasTable('search_terms')).toBe(false);
      expect(await hasTrigramExtension()).toBe(true);
    } finally {
      await knex.raw('DROP TABLE other_service_words');
    }
    await migrateLatest(knex, search);
  });

  it('keep the indexed name document', async () => {
    await expect(addNameDocumentColumn.down(knex)).rejects.toThrow(/revert 010/);
    expect(await knex.schema.hasColumn('scholarships', 'name_document')).toBe(true);
  });

  it('revert every step', async () => {
    await migrateRollbackAll(knex, search);
    expect(await hasSearchDocumentColumn()).toBe(false);
    expect(await knex.schema.hasColumn('scholarships', 'name_document')).toBe(false);
    expect(await knex.schema.hasColumn('scholarships', 'filter_combination')).toBe(false);
    expect(await searchIndexes()).toEqual([]);
    expect(await knex.schema.hasTable('search_terms')).toBe(false);
    expect(await knex.schema.hasTable('search_terms_refresh')).toBe(false);
    expect(await knex.schema.hasTable('search_name_postings')).toBe(false);
    expect(await hasTrigramExtension()).toBe(false);
    const functions = await knex.raw<{ rows: unknown[] }>(
      "SELECT 1 FROM pg_proc WHERE proname LIKE 'search_name_postings%' OR proname IN ('search_scholarship_document', 'search_refresh_terms', 'search_filter_combination')",
    );
    expect(functions.rows).toEqual([]);
  });

  it('apply again after a full revert', async () => {
    expect(await migrateLatest(knex, search)).toHaveLength(migrations.length);
    expect(await searchIndexes()).toHaveLength(SEARCH_INDEXES.length);
  });
});
