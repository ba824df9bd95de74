import { SEARCH_SORTS, searchQuerySchema } from '@scholarships/api-contract';
import { MAX_STATEMENT_NAME_BYTES, type Statement, StatementRegistry } from '@scholarships/db';
import { suggestQuerySchema, suggestScholarships } from '../suggest';
import { phraseCandidates } from '../suggest/phrase-from-index';
import { type SearchTestApp, startSearchTestApp } from '../test-support/search-test-app';
import { facetSnapshotCheck } from './facet-snapshot-source';
import { searchFacets } from './facets';
import { keywordPageRows, keywordQueryStatement } from './keyword-search';
import { spellingCorrections } from './spelling';
import {
  type SearchShape,
  searchScholarships,
  searchStatementName,
  searchStatementText,
} from './statements';
import { searchWarmupStatements } from './warmup';

let search: SearchTestApp;
const TODAY = '2026-12-04';
const CURSOR = { id: '3f2b8c1e-8d4a-4c59-9f0e-2a7b6c5d4e3f' };

beforeAll(async () => {
  search = await startSearchTestApp('search_statements');
});

afterAll(async () => {
  await search?.close();
});

const shapes: SearchShape[] = SEARCH_SORTS.flatMap((sort): SearchShape[] =>
  sort === 'relevance'
    ? [{ sort, keyword: true, basis: false }]
    : [
        { sort, keyword: false, basis: false },
        { sort, keyword: false, basis: true },
        { sort, keyword: true, basis: false },
      ],
);

const FILTER_SETS: Record<string, string>[] = [
  {},
  { state: 'TX', field_of_study: 'nursing,engineering' },
  { award_min: '100', award_max: '5000', basis: 'need' },
  { deadline_from: '2026-01-01', deadline_to: '2026-12-31', grade_level: 'graduate' },
  { deadline_from: '2027-03-01' },
  { deadline_to: '2027-03-01', citizenship: 'daca', limit: '5' },
];

function cursorKey(sort: string): number | string {
  if (sort === 'deadline') return '2027-01-15';
  return sort === 'amount' ? 2500 : 1.25;
}

/**
 * Builds every statement the routes can run. The search statements cover each
 * sort with and without keyword, every filter set, first and later pages, and
 * a typed and a corrected keyword. Facets come with and without keyword, and
 * suggestions with and without a word to complete.
 */
function everyStatement(): Statement[] {
  const { knex } = search.db;
  const statements: Statement[] = [];
  for (const sort of SEARCH_SORTS) {
    for (const q of [undefined, 'nursing', 'the and of']) {
      if (sort === 'relevance' && q === undefined) continue;
      for (const filters of FILTER_SETS) {
        const query = searchQuerySchema.parse({ q, sort, ...filters });
        const later = { key: cursorKey(sort), id: CURSOR.id };
        statements.push(searchScholarships(knex, query, null, TODAY));
        statements.push(searchScholarships(knex, query, later, TODAY));
        statements.push(searchScholarships(knex, query, null, TODAY, null));
        statements.push(searchScholarships(knex, query, null, TODAY, 'nursing'));
        statements.push(searchFacets(knex, query, TODAY));
        statements.push(searchFacets(knex, query, TODAY, null));
      }
    }
  }
  statements.push(facetSnapshotCheck(knex, '10:20:12,15'));
  statements.push(keywordQueryStatement(knex, 'nursing'));
  statements.push(keywordQueryStatement(knex, 'the and of'));
  const totals = { total: 3, keyword_nodes: 1, keyword_query: "'nurs'" };
  for (const sort of SEARCH_SORTS) {
    const page = { ids: [CURSOR.id], ranks: [0.5] };
    statements.push(keywordPageRows(knex, sort, '10:20:12,15', page, totals));
    statements.push(keywordPageRows(knex, sort, '1:1:', { ids: [], ranks: [] }, totals));
  }
  for (const q of ['nursing sch', 'the and n']) {
    statements.push(phraseCandidates(knex, suggestQuerySchema.parse({ q }), TODAY, '1:1:'));
  }
  statements.push(spellingCorrections(knex, ['nursng']));
  statements.push(spellingCorrections(knex, ['enginering', 'scholarhsip']));
  for (const q of ['n', 'nursing sch', 'nursing ', '2026']) {
    statements.push(suggestScholarships(knex, suggestQuerySchema.parse({ q }), TODAY));
  }
  return statements;
}

describe('search statements', () => {
  it('names each search shape by sort, keyword and basis', () => {
    expect(shapes.map(searchStatementName)).toEqual([
      'search_by_relevance',
      'search_by_deadline',
      'search_by_deadline_with_basis',
      'search_by_deadline_with_keyword',
      'search_by_amount',
      'search_by_amount_with_basis',
      'search_by_amount_with_keyword',
    ]);
  });

  it('keeps one text per name across every statement', () => {
    const registry = new StatementRegistry();
    for (const statement of everyStatement()) {
      expect(() => registry.register(statement.name, statement.text)).not.toThrow();
    }
    expect(
      registry
        .entries()
        .map(([name]) => name)
        .sort(),
    ).toEqual([
      'search_by_amount',
      'search_by_amount_with_basis',
      'search_by_amount_with_keyword',
      'search_by_deadline',
      'search_by_deadline_with_basis',
      'search_by_deadline_with_keyword',
      'search_by_relevance',
      'search_facet_snapshot_changed',
      'search_facets',
      'search_facets_with_keyword',
      'search_keyword_page_rows_by_amount',
      'search_keyword_page_rows_by_deadline',
      'search_keyword_page_rows_by_relevance',
      'search_keyword_query',
      'search_spelling_corrections',
      'search_suggest',
      'search_suggest_phrase',
      'search_suggest_phrase_candidates',
    ]);
  });

  it('keeps every name within the identifier limit', () => {
    for (const statement of everyStatement()) {
      expect(Buffer.byteLength(statement.name)).toBeLessThanOrEqual(MAX_STATEMENT_NAME_BYTES);
    }
  });

  it('tests the keyword without a NULL check', () => {
    const text = searchStatementText({ sort: 'deadline', keyword: true, basis: false });
    expect(text).toContain('s.search_document @@ (SELECT CASE\n    WHEN numnode(parsed.query)');
    expect(text).not.toMatch(/:q::text IS NULL/);
  });

  it('binds limit plus one to detect a next page', () => {
    const query = searchQuerySchema.parse({ limit: '7' });
    expect(searchScholarships(search.db.knex, query, null, TODAY).values.at(-1)).toBe(8);
  });

  it('falls back to deadline without a keyword', () => {
    const query = searchQuerySchema.parse({ q: 'the', sort: 'relevance' });
    expect(searchScholarships(search.db.knex, query, null, TODAY, null).name).toBe(
      'search_by_deadline',
    );
  });

  it('warms up every statement name', () => {
    const warmed = searchWarmupStatements(search.db.knex, TODAY).map((statement) => statement.name);
    const used = new Set(everyStatement().map((statement) => statement.name));
    expect(warmed.sort()).toEqual([...used].sort());
  });

  it('runs the warm-up against the database', async () => {
    const statements = searchWarmupStatements(search.db.knex, TODAY);
    await expect(search.db.warm(statements)).resolves.toBeUndefined();
  });

  it('runs every statement against the database', async () => {
    for (const statement of everyStatement()) {
      await expect(search.db.query(statement)).resolves.toBeInstanceOf(Array);
    }
  });
});
