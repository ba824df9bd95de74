import type { SearchQuery, SearchSort } from '@scholarships/api-contract';
import { searchQuerySchema } from '@scholarships/api-contract';
import { importScholarships } from '@scholarships/catalog/import';
import request from 'supertest';
import {
  createRecordedKeywordSearch,
  lastPosition,
  REAL_DATA_DIR,
  startKeywordIndexTestApp,
  statementRows,
  INDEX_TODAY as TODAY,
} from '../test-support/keyword-index-app';
import { type SearchTestApp, startSearchTestApp } from '../test-support/search-test-app';
import type { CursorPosition } from './cursor';
import type { FacetSnapshotSource } from './facet-snapshot-source';
import { type FacetRow, searchFacets } from './facets';
import { readTsvector } from './keyword-index';
import type { KeywordSearch } from './keyword-search';
import { isPageRow, type SearchRow } from './summary';

let search: SearchTestApp;
let snapshots: FacetSnapshotSource;
let memory: KeywordSearch;
const served: string[] = [];

beforeAll(async () => {
  ({ search, snapshots } = await startKeywordIndexTestApp('keyword_index', {
    seed: 7,
    count: 3_000,
  }));
  memory = createRecordedKeywordSearch({ search, snapshots }, served);
}, 240_000);

afterAll(async () => {
  await search?.close();
});

function queryOf(params: Record<string, string | string[]>): SearchQuery {
  return searchQuerySchema.parse(params);
}

async function memoryRows(query: SearchQuery, after: CursorPosition | null): Promise<SearchRow[]> {
  served.length = 0;
  const rows = await memory.page(query, after, TODAY, query.q as string);
  expect({ q: query.q, served }).toEqual({ q: query.q, served: ['page:memory'] });
  if (rows === null) throw new Error(`the keyword index declined ${JSON.stringify(query)}`);
  return rows;
}

const KEYWORDS = [
  'nursing',
  'computer science',
  'business',
  'engineering women',
  'art | music',
  'nursing -dental',
  'education or teaching',
  'scholarship',
  'hispanic',
  'zzzunknownword',
  'veterinary medicine',
  'stem',
];

/** Keywords that PostgreSQL parses into phrases: quotes, hyphens and apostrophes. */
const PHRASES = [
  '"computer science"',
  'first-generation',
  "women's engineering",
  '"study abroad" or after-school',
  'non-profit -"public policy"',
  '"nursing school program"',
];

const FILTERS: Record<string, string | string[]>[] = [
  {},
  { state: 'CA' },
  { grade_level: ['undergraduate', 'graduate'], award_min: '1000' },
  { basis: 'merit', deadline_to: '2027-06-30' },
  { citizenship: 'us_citizen', award_max: '5000', field_of_study: 'engineering' },
];

describe('keyword index pages', () => {
  const sorts: SearchSort[] = ['relevance', 'deadline', 'amount'];
  for (const sort of sorts) {
    it(`matches the statement by ${sort}`, async () => {
      for (const q of [...KEYWORDS, ...PHRASES]) {
        for (const filters of FILTERS) {
          const query = queryOf({ q, sort, limit: '7', ...filters });
          let after: CursorPosition | null = null;
          for (let page = 0; page < 3; page += 1) {
            const expected = await statementRows(search, query, after);
            const actual = await memoryRows(query, after);
            expect({ q, filters, page, rows: actual }).toEqual({
              q,
              filters,
              page,
              rows: expected,
            });
            after = lastPosition(expected);
            if (after === null) break;
          }
        }
      }
    }, 120_000);
  }

  it('continues after a cursor id that no row has', async () => {
    const query = queryOf({ q: 'nursing', sort: 'amount', limit: '5' });
    const after = { key: 5000, id: '7fffffff-ffff-ffff-ffff-ffffffffffff' };
    expect(await memoryRows(query, after)).toEqual(await statementRows(search, query, after));
  });

  it('pages by relevance past the name matches', async () => {
    // Far more scholarships mention nursing than are named after it, so later pages rank the rest.
    const query = queryOf({ q: 'nursing', limit: '40' });
    let after: CursorPosition | null = null;
    let ranks: number[] = [];
    for (let page = 0; page < 6; page += 1) {
      const expected = await statementRows(search, query, after);
      expect({ page, rows: await memoryRows(query, after) }).toEqual({ page, rows: expected });
      ranks = [...ranks, ...expected.filter(isPageRow).map((row) => Number(row.rank))];
      after = lastPosition(expected);
      if (after === null) break;
    }
    expect(ranks.some((rank) => rank >= 1)).toBe(true);
    expect(ranks.some((rank) => rank < 1)).toBe(true);
  });
});

describe('keyword index facets', () => {
  it('matches the facet statement', async () => {
    const byValue = (rows: readonly FacetRow[]) =>
      [...rows].sort((a, b) => `${a.facet}:${a.value}`.localeCompare(`${b.facet}:${b.value}`));
    for (const q of [...KEYWORDS, ...PHRASES]) {
      for (const filters of FILTERS) {
        const query = queryOf({ q, facets: 'true', ...filters });
        const expected = await search.db.query<FacetRow>(
          searchFacets(search.db.knex, query, TODAY),
        );
        served.length = 0;
        const actual = await memory.facets(query, TODAY, q);
        expect({ q, served }).toEqual({ q, served: ['facets:memory'] });
        expect({ q, filters, rows: byValue(actual ?? []) }).toEqual({
          q,
          filters,
          rows: byValue(expected),
        });
      }
    }
  }, 60_000);
});

describe('keyword index freshness', () => {
  it('falls back after a catalogue write', async () => {
    const query = queryOf({ q: 'nursing', sort: 'deadline' });
    await search.db.knex.raw(
      "UPDATE scholarships SET name = name || ' Nursing' WHERE id = (SELECT id FROM scholarships ORDER BY id LIMIT 1)",
    );
    served.length = 0;
    expect(await memory.page(query, null, TODAY, 'nursing')).toBeNull();
    expect(served).toEqual(['page:changed']);
    await snapshots.load();
    expect(await memoryRows(query, null)).toEqual(await statementRows(search, query, null));
  });
});

describe('readTsvector', () => {
  it('reads weights, quotes and bare lexemes', () => {
    const read: [string, number[]][] = [];
    readTsvector("'a''b':1A,3 'c\\\\d':2B 'e':16383C 'f'", (lexeme, positions) =>
      read.push([lexeme, positions]),
    );
    expect(read).toEqual([
      ["a'b", [1 | (3 << 14), 3]],
      ['c\\d', [2 | (2 << 14)]],
      ['e', [16383 | (1 << 14)]],
      ['f', []],
    ]);
  });
});

describe('keyword index in the search route', () => {
  let routed: SearchTestApp;

  beforeAll(async () => {
    routed = await startSearchTestApp('keyword_index_route', { keywordIndex: true });
    await importScholarships(routed.db.knex, { dataDir: REAL_DATA_DIR, today: TODAY });
  }, 120_000);

  afterAll(async () => {
    await routed?.close();
  });

  async function servedFromMemory(): Promise<number> {
    const metric = await routed.registry
      .getSingleMetric('search_keyword_index_requests_total')
      ?.get();
    const memoryPages = metric?.values.find(
      (value) => value.labels.kind === 'page' && value.labels.result === 'memory',
    );
    return memoryPages?.value ?? 0;
  }

  it('serves the body the statement serves', async () => {
    const path = '/api/v1/search?q=nursing&sort=amount&limit=5&facets=true';
    // The first request finds no index, runs the statements and starts reading the index.
    const first = await request(routed.app).get(path);
    expect(first.status).toBe(200);
    expect(await servedFromMemory()).toBe(0);
    let later = first;
    for (let attempt = 0; attempt < 100 && (await servedFromMemory()) === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      later = await request(routed.app).get(path);
    }
    expect(await servedFromMemory()).toBe(1);
    expect(later.body).toEqual(first.body);
  });
});
