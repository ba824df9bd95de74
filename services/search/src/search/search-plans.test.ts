import { SEARCH_SORTS, searchQuerySchema } from '@scholarships/api-contract';
import {
  findDataDir,
  importScholarships,
  loadSyntheticScholarships,
} from '@scholarships/catalog/import';
import type { Statement } from '@scholarships/db';
import { suggestQuerySchema, suggestScholarships } from '../suggest';
import { phraseCandidates } from '../suggest/phrase-from-index';
import { refreshSearchTerms } from '../terms';
import {
  type PlanScan,
  planScans,
  rowsReadFrom,
  rowsReadThrough,
  rowsScanned,
  settledPlan,
} from '../test-support/query-plans';
import { type SearchTestApp, startSearchTestApp } from '../test-support/search-test-app';
import { loadFacetSnapshot } from './facet-snapshot';
import { facetSnapshotCheck } from './facet-snapshot-source';
import { searchFacets } from './facets';
import { keywordPageRows, keywordQueryStatement } from './keyword-search';
import { spellingCorrections } from './spelling';
import { EXACT_TOTAL_LIMIT, searchScholarships } from './statements';

/**
 * Plans of every hot statement on the real data plus 100,000 synthetic rows
 * (seed 42), after `VACUUM ANALYZE`, as the plan cache settles on them. One
 * database serves every test of this file, because loading it takes about
 * 15 s.
 */
const TODAY = '2026-12-04';
let search: SearchTestApp;

beforeAll(async () => {
  search = await startSearchTestApp('search_plans', {
    today: () => TODAY,
    statementTimeoutMs: 120_000,
  });
  const { knex } = search.db;
  const dataDir = findDataDir(__dirname);
  await importScholarships(knex, { dataDir, today: TODAY });
  await loadSyntheticScholarships(knex, { dataDir, seed: 42, count: 100_000, today: TODAY });
  await refreshSearchTerms(knex, true);
  // VACUUM sets the visibility map, without which no index-only scan is worth it.
  await knex.raw('VACUUM ANALYZE scholarships');
  await knex.raw('ANALYZE search_terms');
}, 180_000);

afterAll(async () => {
  await search?.close();
});

async function changedSince(snapshot: string): Promise<boolean> {
  const [row] = await search.db.query<{ changed: boolean }>(
    facetSnapshotCheck(search.db.knex, snapshot),
  );
  return row?.changed ?? true;
}

function query(parameters: Record<string, string>) {
  return searchQuerySchema.parse(parameters);
}

async function scansOf(statement: Statement): Promise<PlanScan[]> {
  return planScans(await settledPlan(search.db, statement));
}

function indexScans(scans: readonly PlanScan[], type?: string): string[] {
  return scans
    .filter((scan) => scan.type !== 'Seq Scan' && (type === undefined || scan.type === type))
    .map((scan) => scan.target);
}

function sequentialScans(scans: readonly PlanScan[]): string[] {
  return scans.filter((scan) => scan.type === 'Seq Scan').map((scan) => scan.target);
}

/**
 * Indexes that serve the total of a search without keyword as an index-only
 * scan. With amount filters alone, the narrow facet index contains every column
 * the count reads.
 */
const COUNT_INDEXES = [
  'idx_scholarships_search',
  'idx_scholarships_browse_count',
  'idx_scholarships_facet_scan',
];

describe('plans on 103,813 scholarships', () => {
  it('has loaded the large data set', async () => {
    const [row] = await search.db.knex('scholarships').count({ count: '*' });
    expect(Number(row?.count)).toBe(103_813);
  });

  it.each([
    ['relevance', { q: 'nursing' }],
    ['relevance with two words', { q: 'computer science' }],
    ['relevance with filters', { q: 'engineering', state: 'TX', grade_level: 'undergraduate' }],
    ['deadline with keyword', { q: 'nursing', sort: 'deadline' }],
    ['amount with keyword', { q: 'veterinary', sort: 'amount', award_min: '1000' }],
  ])('finds %s matches in the GIN index', async (_label, parameters) => {
    const scans = await scansOf(searchScholarships(search.db.knex, query(parameters), null, TODAY));
    expect(indexScans(scans, 'Bitmap Index Scan')).toContain('idx_scholarships_search_document');
    expect(sequentialScans(scans)).toEqual([]);
  });

  it.each([
    ['one word', { q: 'nursing' }],
    ['two words', { q: 'computer science' }],
  ])('checks name matches of %s by index', async (_label, parameters) => {
    const scans = await scansOf(searchScholarships(search.db.knex, query(parameters), null, TODAY));
    expect(indexScans(scans, 'Bitmap Index Scan')).toContain('idx_scholarships_name_document');
  });

  it('reads a one-word page from the name postings', async () => {
    // About 7,300 scholarship names contain "memorial". The page reads its
    // rows in rank order and stops, without ranking the others.
    const statement = searchScholarships(search.db.knex, query({ q: 'memorial' }), null, TODAY);
    const plan = await settledPlan(search.db, statement, { analyze: true });
    const postingRows = rowsReadFrom(plan, 'idx_search_name_postings_order');
    expect(postingRows).toBeGreaterThanOrEqual(21);
    expect(postingRows).toBeLessThan(200);
    expect(rowsReadThrough(plan, 'idx_scholarships_name_document')).toBe(0);
  });

  it('reads few other matches when names fill the page', async () => {
    // 4,621 scholarships match "computer science", and enough of them by name
    // for a page. The others are read only to count up to the limit.
    const statement = searchScholarships(
      search.db.knex,
      query({ q: 'computer science' }),
      null,
      TODAY,
    );
    const plan = await settledPlan(search.db, statement, { analyze: true });
    const documentRows = rowsReadThrough(plan, 'idx_scholarships_search_document');
    expect(documentRows).toBeGreaterThan(0);
    expect(documentRows).toBeLessThanOrEqual(EXACT_TOTAL_LIMIT + 1);
  });

  it.each([
    ['by deadline', { sort: 'deadline' }, 'idx_scholarships_deadline_key'],
    [
      'by deadline with filters',
      { state: 'TX', field_of_study: 'nursing' },
      'idx_scholarships_deadline_key',
    ],
    [
      'by deadline with a basis',
      { state: 'TX', basis: 'need' },
      'idx_scholarships_basis_deadline_key',
    ],
    [
      'by deadline in a range',
      { deadline_from: '2027-03-01', deadline_to: '2027-03-07' },
      'idx_scholarships_deadline_key',
    ],
    ['by amount', { sort: 'amount' }, 'idx_scholarships_amount_key'],
    [
      'by amount with filters',
      { sort: 'amount', award_min: '5000', field_of_study: 'engineering' },
      'idx_scholarships_amount_key',
    ],
    [
      'by amount with a basis',
      { sort: 'amount', basis: 'merit' },
      'idx_scholarships_basis_amount_key',
    ],
  ])('reads a page %s from its sort-key index', async (_label, parameters, pageIndex) => {
    const scans = await scansOf(searchScholarships(search.db.knex, query(parameters), null, TODAY));
    expect(indexScans(scans, 'Index Scan')).toContain(pageIndex);
    expect(sequentialScans(scans)).toEqual([]);
  });

  it.each([
    ['without filters', { sort: 'deadline' }],
    ['with list filters', { state: 'TX', field_of_study: 'nursing' }],
    ['with amount filters', { sort: 'amount', award_min: '500', award_max: '5000' }],
  ])('counts browse matches %s by an index-only scan', async (_label, parameters) => {
    const scans = await scansOf(searchScholarships(search.db.knex, query(parameters), null, TODAY));
    const indexOnly = indexScans(scans, 'Index Only Scan');
    expect(indexOnly).toHaveLength(1);
    expect(COUNT_INDEXES).toContain(indexOnly[0]);
  });

  it.each([
    ['by deadline', { basis: 'need', state: 'TX' }],
    ['by amount', { sort: 'amount', basis: 'need', field_of_study: 'education' }],
  ])('counts browse matches with a basis %s from the basis index', async (_label, parameters) => {
    // About 1 % of the rows are need-based, so a count from the other indexes
    // read nearly all of them to find fewer than 1,001 matches.
    const scans = await scansOf(searchScholarships(search.db.knex, query(parameters), null, TODAY));
    expect(indexScans(scans, 'Index Only Scan')).toEqual(['idx_scholarships_basis_count']);
    expect(sequentialScans(scans)).toEqual([]);
  });

  it('counts facets of keyword matches from the GIN index', async () => {
    const statement = searchFacets(search.db.knex, query({ q: 'nursing' }), TODAY);
    const scans = await scansOf(statement);
    expect(indexScans(scans)).toContain('idx_scholarships_search_document');
    expect(sequentialScans(scans)).toEqual([]);
  });

  it('counts facets without keyword by index-only scans', async () => {
    // Facets without keyword count every scholarship in the window, so the whole
    // narrow facet index (5 MB, against about 95 MB of table) is read. Each
    // combination found then reads its facet columns once from its own index.
    const statement = searchFacets(search.db.knex, query({ state: 'CA' }), TODAY);
    const scans = await scansOf(statement);
    expect(indexScans(scans, 'Index Only Scan').sort()).toEqual([
      'idx_scholarships_facet_scan',
      'idx_scholarships_filter_combination',
    ]);
    expect(sequentialScans(scans)).toEqual([]);
  });

  it.each([
    ['relevance', 'the -dental'],
    ['relevance', '-"oral surgery" the -dental-care'],
    ['deadline', 'the -dental'],
  ])('reads no scholarship for a %s search of exclusions: %s', async (sort, q) => {
    // The contract rejects these keywords, and the statements read nothing for them either.
    const typed = { ...query({ sort, q: 'nursing' }), q };
    const statement = searchScholarships(search.db.knex, typed, null, TODAY);
    const plan = await settledPlan(search.db, statement, { analyze: true });
    expect(rowsScanned(plan)).toBe(0);
  });

  it('checks the facet snapshot against the change rows alone', async () => {
    const { knex } = search.db;
    const { snapshot } = await loadFacetSnapshot(knex, Date.now());
    // Rows of up to 5,000 earlier transactions (transaction ids start at 3).
    await knex.raw(`
      INSERT INTO search_catalog_changes (xid)
      SELECT (pg_current_xact_id()::text::bigint - 10 - step)::text::xid8
      FROM generate_series(1, least(5000, pg_current_xact_id()::text::bigint - 13)) AS step
      ON CONFLICT (xid) DO NOTHING`);
    await knex.raw('ANALYZE search_catalog_changes');
    // PostgreSQL cannot estimate a range of xid8 values, so it expects a third of
    // the rows for any bound and scans the table, which pruning keeps small.
    const scans = await scansOf(facetSnapshotCheck(knex, snapshot));
    expect(scans).toEqual([{ type: 'Seq Scan', target: 'search_catalog_changes' }]);
    expect(await changedSince(snapshot)).toBe(false);
  });

  it.each(SEARCH_SORTS)('reads a %s page of the keyword index by primary key', async (sort) => {
    const { knex } = search.db;
    const { snapshot } = await loadFacetSnapshot(knex, Date.now());
    const ids = await knex('scholarships').orderBy('id').limit(21).pluck('id');
    const page = { ids, ranks: ids.map(() => 0.5) };
    const totals = { total: 21, keyword_nodes: 1, keyword_query: "'nurs'" };
    const scans = await scansOf(keywordPageRows(knex, sort, snapshot, page, totals));
    expect(indexScans(scans, 'Index Scan')).toContain('scholarships_pkey');
    // The snapshot check reads the change rows, which pruning keeps few, by scan or by index.
    expect(sequentialScans(scans).filter((table) => table !== 'search_catalog_changes')).toEqual(
      [],
    );
  });

  it('parses a keyword without reading a table', async () => {
    const scans = await scansOf(keywordQueryStatement(search.db.knex, 'computer science'));
    expect(scans).toEqual([]);
  });

  it('reads phrase candidates and names from prefix ranges', async () => {
    const { knex } = search.db;
    const { snapshot } = await loadFacetSnapshot(knex, Date.now());
    const query = suggestQuerySchema.parse({ q: 'nursing sch' });
    const scans = await scansOf(phraseCandidates(knex, query, TODAY, snapshot));
    const read = new Set(indexScans(scans, 'Index Scan'));
    expect(read.has('idx_scholarships_name_prefix')).toBe(true);
    expect(read.has('search_terms_pkey')).toBe(true);
    expect(sequentialScans(scans).filter((table) => table !== 'search_catalog_changes')).toEqual(
      [],
    );
  });

  it('finds spelling corrections in the trigram index', async () => {
    const scans = await scansOf(spellingCorrections(search.db.knex, ['nursng', 'enginering']));
    expect(indexScans(scans, 'Bitmap Index Scan')).toContain('idx_search_terms_trigram');
    expect(indexScans(scans, 'Index Scan')).toContain('search_terms_pkey');
    expect(sequentialScans(scans)).toEqual([]);
  });

  it('searches phrase completions through the GIN index', async () => {
    const q = 'nursing sch';
    const statement = suggestScholarships(search.db.knex, suggestQuerySchema.parse({ q }), TODAY);
    const scans = await scansOf(statement);
    // The earlier words alone, then each completion with them.
    expect(new Set(indexScans(scans, 'Bitmap Index Scan'))).toEqual(
      new Set(['idx_scholarships_search_document']),
    );
    expect(sequentialScans(scans)).toEqual([]);
  });

  it.each(['n', 'nur', 'nursing sch'])(
    'reads suggestions for "%s" from prefix ranges',
    async (q) => {
      const statement = suggestScholarships(search.db.knex, suggestQuerySchema.parse({ q }), TODAY);
      const scans = await scansOf(statement);
      expect([...new Set(indexScans(scans, 'Index Scan'))].sort()).toEqual([
        'idx_scholarships_name_prefix',
        'search_terms_pkey',
      ]);
      expect(sequentialScans(scans)).toEqual([]);
    },
  );

  it('uses idx_scholarships_search only to count a search without keyword', async () => {
    const shapes: Record<string, string>[] = [
      { q: 'nursing' },
      { q: 'nursing', sort: 'deadline' },
      { q: 'nursing', sort: 'amount' },
      { sort: 'deadline' },
      { sort: 'amount' },
      { state: 'TX', basis: 'need' },
      { deadline_from: '2027-03-01', deadline_to: '2027-03-07' },
      { award_min: '5000', field_of_study: 'engineering' },
    ];
    const uses: string[] = [];
    for (const parameters of shapes) {
      const statement = searchScholarships(search.db.knex, query(parameters), null, TODAY);
      for (const scan of await scansOf(statement)) {
        if (scan.target === 'idx_scholarships_search') uses.push(`${scan.type} ${statement.name}`);
      }
    }
    // A count that stops after 1,001 matches costs about the same through this
    // index and through idx_scholarships_browse_count, so the planner may
    // pick either, but only for the count of a search without keyword.
    const browseCounts = new Set([
      'Index Only Scan search_by_deadline',
      'Index Only Scan search_by_amount',
    ]);
    expect(uses.filter((use) => !browseCounts.has(use))).toEqual([]);
  });
});
