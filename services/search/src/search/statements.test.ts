import { MAX_STATEMENT_NAME_BYTES, StatementRegistry } from '@scholarships/db';
import { type SearchTestApp, startSearchTestApp } from '../test-support/search-test-app';
import { SEARCH_SORTS, searchQuerySchema } from './schemas';
import {
  type SearchShape,
  searchScholarships,
  searchStatementName,
  searchStatementText,
} from './statements';
import { searchWarmupStatements } from './warmup';

let search: SearchTestApp;

beforeAll(async () => {
  search = await startSearchTestApp('search_statements');
});

afterAll(async () => {
  await search?.close();
});

const shapes: SearchShape[] = SEARCH_SORTS.flatMap((sort): SearchShape[] =>
  sort === 'relevance'
    ? [{ sort, keyword: true }]
    : [false, true].map((keyword) => ({ sort, keyword })),
);

describe('search statements', () => {
  it('gives every shape its own name', () => {
    const names = shapes.map(searchStatementName);
    expect(new Set(names).size).toBe(shapes.length);
    for (const name of names) {
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_STATEMENT_NAME_BYTES);
    }
  });

  it('names each shape by sort and keyword', () => {
    expect(searchStatementName({ sort: 'relevance', keyword: true })).toBe('search_by_relevance');
    expect(searchStatementName({ sort: 'deadline', keyword: false })).toBe('search_by_deadline');
    expect(searchStatementName({ sort: 'amount', keyword: true })).toBe(
      'search_by_amount_with_keyword',
    );
  });

  it('keeps one text per name whatever the filters', () => {
    const registry = new StatementRegistry();
    const filterSets = [
      {},
      { state: 'TX', field_of_study: 'nursing,engineering' },
      { award_min: '100', award_max: '5000', basis: 'need' },
      { deadline_from: '2026-01-01', deadline_to: '2026-12-31', grade_level: 'graduate' },
      { citizenship: 'daca', limit: '5' },
    ];
    for (const sort of SEARCH_SORTS) {
      for (const keyword of [undefined, 'nursing']) {
        if (sort === 'relevance' && keyword === undefined) continue;
        for (const filters of filterSets) {
          const query = searchQuerySchema.parse({ q: keyword, sort, ...filters });
          const statement = searchScholarships(search.db.knex, query, null);
          expect(() => registry.register(statement.name, statement.text)).not.toThrow();
        }
      }
    }
    expect(registry.entries()).toHaveLength(shapes.length);
  });

  it('tests the keyword without a NULL check', () => {
    const text = searchStatementText({ sort: 'deadline', keyword: true });
    expect(text).toContain("s.search_document @@ websearch_to_tsquery('english', :q::text)");
    expect(text).not.toMatch(/:q::text IS NULL/);
  });

  it('binds limit plus one to detect a next page', () => {
    const query = searchQuerySchema.parse({ limit: '7' });
    expect(searchScholarships(search.db.knex, query, null).values.at(-1)).toBe(8);
  });

  it('warms up every shape against the database', async () => {
    const statements = searchWarmupStatements(search.db.knex);
    expect(statements.map((statement) => statement.name).sort()).toEqual(
      shapes.map(searchStatementName).sort(),
    );
    await expect(search.db.warm(statements)).resolves.toBeUndefined();
  });
});
