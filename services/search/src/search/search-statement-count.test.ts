import request from 'supertest';
import { refreshSearchTerms } from '../terms';
import { insertScholarships, scholarshipFixture } from '../test-support/scholarship-fixtures';
import { type SearchTestApp, startSearchTestApp } from '../test-support/search-test-app';

let search: SearchTestApp;

const fixtures = Array.from({ length: 12 }, (_, index) =>
  scholarshipFixture({
    name: `Nursing Award ${index + 1}`,
    description: 'For nursing students.',
    field_of_study: index % 2 === 0 ? ['nursing'] : [],
    state: index % 3 === 0 ? ['TX'] : [],
  }),
);

beforeAll(async () => {
  search = await startSearchTestApp('search_statement_count');
  await insertScholarships(search.db.knex, fixtures);
  await refreshSearchTerms(search.db.knex, true);
});

afterAll(async () => {
  await search?.close();
});

/** Sum of the `db_query_duration_seconds_count` series over every statement and outcome. */
async function statementsTimed(): Promise<number> {
  const exposition = await search.registry.metrics();
  return exposition
    .split('\n')
    .filter((line) => line.startsWith('db_query_duration_seconds_count{'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** Runs one request and returns the names of the statements it ran, in order. */
async function statementsOf(path: string, query: Record<string, string>): Promise<string[]> {
  const before = await statementsTimed();
  let status = 0;
  const events = await search.queries.record(async () => {
    status = (await request(search.app).get(path).query(query)).status;
  });
  expect(status).toBe(200);
  expect(events.every((event) => event.source === 'statement')).toBe(true);
  expect(await statementsTimed()).toBe(before + events.length);
  return events.map((event) => event.name ?? '');
}

/** Waits until browsing with facets reads the facet snapshot, which a facet request starts loading. */
async function facetSnapshotRead(): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const events = await search.queries.record(async () => {
      await request(search.app).get('/api/v1/search').query({ facets: 'true' });
    });
    if (events.some((event) => event.name === 'search_facet_snapshot_changed')) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the facet snapshot was not read within 5 s');
}

async function firstCursor(query: Record<string, string>): Promise<string> {
  const response = await request(search.app).get('/api/v1/search').query(query);
  return response.body.nextCursor as string;
}

describe('statements per request', () => {
  it.each([
    ['browsing', {}, ['search_by_deadline']],
    ['browsing with filters', { state: 'TX', field_of_study: 'nursing' }, ['search_by_deadline']],
    ['a keyword', { q: 'nursing' }, ['search_by_relevance']],
    ['a keyword by amount', { q: 'nursing', sort: 'amount' }, ['search_by_amount_with_keyword']],
    ['stop words only', { q: 'the' }, ['search_by_relevance', 'search_by_deadline']],
    [
      'a misspelled keyword',
      { q: 'nursng' },
      ['search_by_relevance', 'search_spelling_corrections', 'search_by_relevance'],
    ],
    [
      'a keyword with no correction',
      { q: 'zzyzx' },
      ['search_by_relevance', 'search_spelling_corrections'],
    ],
  ])('runs the expected statements for %s', async (_label, query, expected) => {
    expect(await statementsOf('/api/v1/search', query)).toEqual(expected);
  });

  it('adds one facet statement for a keyword', async () => {
    const names = await statementsOf('/api/v1/search', { q: 'nursing', facets: 'true' });
    expect(names.sort()).toEqual(['search_by_relevance', 'search_facets_with_keyword']);
  });

  it('checks the facet snapshot once read', async () => {
    // The first request starts reading the snapshot, whose queries are no prepared statements.
    const first = await search.queries.record(async () => {
      await request(search.app).get('/api/v1/search').query({ facets: 'true' });
    });
    const statements = first.filter((event) => event.source === 'statement');
    expect(statements.map((event) => event.name).sort()).toEqual([
      'search_by_deadline',
      'search_facets',
    ]);
    await facetSnapshotRead();
    const after = await statementsOf('/api/v1/search', { facets: 'true' });
    expect(after.sort()).toEqual(['search_by_deadline', 'search_facet_snapshot_changed']);
  });

  it('runs one statement whatever the page size', async () => {
    expect(await statementsOf('/api/v1/search', { q: 'nursing', limit: '1' })).toHaveLength(1);
    expect(await statementsOf('/api/v1/search', { q: 'nursing', limit: '50' })).toHaveLength(1);
  });

  it('runs one statement for a later page', async () => {
    const cursor = await firstCursor({ q: 'nursing', limit: '5' });
    expect(await statementsOf('/api/v1/search', { q: 'nursing', limit: '5', cursor })).toEqual([
      'search_by_relevance',
    ]);
  });

  it('looks the correction up again on a later corrected page', async () => {
    const cursor = await firstCursor({ q: 'nursng', limit: '5' });
    expect(await statementsOf('/api/v1/search', { q: 'nursng', limit: '5', cursor })).toEqual([
      'search_spelling_corrections',
      'search_by_relevance',
    ]);
  });

  it('runs one statement for suggestions', async () => {
    expect(await statementsOf('/api/v1/search/suggest', { q: 'nur' })).toEqual(['search_suggest']);
  });

  it('runs one statement for phrase suggestions', async () => {
    expect(await statementsOf('/api/v1/search/suggest', { q: 'nursing sch' })).toEqual([
      'search_suggest_phrase',
    ]);
  });
});
