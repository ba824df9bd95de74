import { type SearchQuery, searchQuerySchema } from '@scholarships/api-contract';
import {
  createRecordedKeywordSearch,
  startKeywordIndexTestApp,
  statementRows,
  INDEX_TODAY as TODAY,
} from '../test-support/keyword-index-app';
import { scholarshipFixture } from '../test-support/scholarship-fixtures';
import type { SearchTestApp } from '../test-support/search-test-app';
import type { CursorPosition } from './cursor';
import type { FacetSnapshotSource } from './facet-snapshot-source';
import { memoryPage, positionKey } from './keyword-matches';
import { parseKeywordQuery } from './keyword-query';
import type { KeywordSearch } from './keyword-search';
import { isPageRow } from './summary';

let search: SearchTestApp;
let snapshots: FacetSnapshotSource;
let memory: KeywordSearch;
const served: string[] = [];

beforeAll(async () => {
  ({ search, snapshots } = await startKeywordIndexTestApp('keyword_edges', {
    seed: 5,
    count: 200,
  }));
  await search.db
    .knex('scholarships')
    .insert([
      scholarshipFixture({ name: 'Ancient Zyxwort Award', deadline: '0050-06-01' }),
      scholarshipFixture({ name: 'Older Zyxwort Award', deadline: '0050-06-02' }),
      scholarshipFixture({ name: 'Oldest Zyxwort Award', deadline: '0099-12-31' }),
      scholarshipFixture({ name: 'Recent Zyxwort Award', deadline: '1999-12-31' }),
      ...Array.from({ length: 6 }, () =>
        scholarshipFixture({ name: 'Twin Qwvel Award', description: 'twin' }),
      ),
    ]);
  await snapshots.load();
  memory = createRecordedKeywordSearch({ search, snapshots }, served);
}, 240_000);

afterAll(async () => {
  await search?.close();
});

function queryOf(params: Record<string, string>): SearchQuery {
  return searchQuerySchema.parse(params);
}

async function memoryRows(query: SearchQuery, after: CursorPosition | null) {
  served.length = 0;
  const rows = await memory.page(query, after, TODAY, query.q as string);
  return { served: [...served], rows };
}

it('pages past a first-century deadline', async () => {
  const query = queryOf({
    q: 'zyxwort',
    sort: 'deadline',
    deadline_from: '0001-01-01',
    limit: '1',
  });
  const first = await statementRows(search, query, null);
  const last = first.filter(isPageRow)[0];
  expect(last?.sort_key).toBe('0050-06-01');
  const after = { key: last?.sort_key as string, id: last?.id as string };
  const expected = await statementRows(search, query, after);
  expect(expected.filter(isPageRow).map((row) => row.name)).toEqual([
    'Older Zyxwort Award',
    'Oldest Zyxwort Award',
  ]);
  expect(await memoryRows(query, after)).toEqual({ served: ['page:memory'], rows: expected });
});

it('falls back after an id changes', async () => {
  const query = queryOf({ q: 'qwvel', sort: 'deadline', limit: '2' });
  expect((await memoryRows(query, null)).served).toEqual(['page:memory']);
  // The twins tie on the deadline, so the one given the smallest id leads the page.
  await search.db.knex.raw(
    `UPDATE scholarships SET id = '00000000-0000-0000-0000-000000000001'
     WHERE id = (SELECT id FROM scholarships WHERE name = 'Twin Qwvel Award' ORDER BY id DESC LIMIT 1)`,
  );
  expect(await memoryRows(query, null)).toEqual({ served: ['page:changed'], rows: null });
  await snapshots.load();
  const expected = await statementRows(search, query, null);
  expect(expected.filter(isPageRow)[0]?.id).toBe('00000000-0000-0000-0000-000000000001');
  expect(await memoryRows(query, null)).toEqual({ served: ['page:memory'], rows: expected });
});

it('yields while ranking many matches', async () => {
  const snapshot = snapshots.current();
  const index = snapshot?.keywords;
  const tree = parseKeywordQuery("'scholarship'");
  if (snapshot === undefined || index === undefined || tree === null) {
    throw new Error('the keyword index is not loaded');
  }
  const query = queryOf({ q: 'scholarship', limit: '5' });
  // A cursor below 1 comes after every name match, so the page ranks every match.
  const after = { key: 0.99, id: 'ffffffff-ffff-ffff-ffff-ffffffffffff' };
  let turns = 0;
  let ranking = true;
  const countTurn = () => {
    if (!ranking) return;
    turns += 1;
    setImmediate(countTurn);
  };
  setImmediate(countTurn);
  const page = await memoryPage(snapshot, index, tree, query, TODAY, {
    sort: 'relevance',
    after,
    limit: 6,
  });
  ranking = false;
  expect(page?.total).toBeGreaterThan(2_000);
  expect(turns).toBeGreaterThanOrEqual(2);
});

it('declines a relevance key between two reals', async () => {
  const query = queryOf({ q: 'zyxwort', limit: '2' });
  const rank = (await statementRows(search, query, null)).filter(isPageRow)[0]?.rank as number;
  const bits = new Float32Array([rank]);
  const word = new Uint32Array(bits.buffer);
  word[0] = (word[0] as number) + 1;
  // Halfway between the rank and the next real: PostgreSQL rounds the decimal text of the
  // key, which lies on one side of it, and Math.fround breaks the tie to the even real.
  const key = (Math.fround(rank) + (bits[0] as number)) / 2;
  expect(positionKey('relevance', { key, id: '00000000-0000-0000-0000-000000000000' })).toBeNaN();
  expect(positionKey('relevance', { key: rank, id: '00000000-0000-0000-0000-000000000000' })).toBe(
    Math.fround(rank),
  );
  const after = { key, id: '00000000-0000-0000-0000-000000000000' };
  expect(await memoryRows(query, after)).toEqual({ served: ['page:declined'], rows: null });
});
