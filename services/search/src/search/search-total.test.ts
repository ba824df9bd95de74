import request from 'supertest';
import {
  insertScholarships,
  type ScholarshipFixture,
  scholarshipFixture,
} from '../test-support/scholarship-fixtures';
import { type SearchTestApp, startSearchTestApp } from '../test-support/search-test-app';
import { EXACT_TOTAL_LIMIT } from './statements';

let search: SearchTestApp;

/** One more Texas scholarship than the exact limit, and exactly the limit for Ohio. */
const TEXAS_COUNT = EXACT_TOTAL_LIMIT + 1;
const OHIO_COUNT = EXACT_TOTAL_LIMIT;

function fixtures(count: number, state: string, word: string): ScholarshipFixture[] {
  return Array.from({ length: count }, (_, index) =>
    scholarshipFixture({ name: `${word} Scholarship ${index}`, state: [state] }),
  );
}

beforeAll(async () => {
  search = await startSearchTestApp('search_total');
  await insertScholarships(search.db.knex, [
    ...fixtures(TEXAS_COUNT, 'TX', 'Bluebonnet'),
    ...fixtures(OHIO_COUNT, 'OH', 'Buckeye'),
  ]);
  await search.db.knex.raw('ANALYZE scholarships');
});

afterAll(async () => {
  await search?.close();
});

async function totalOf(parameters: Record<string, string>) {
  const response = await request(search.app).get('/api/v1/search').query(parameters);
  expect(response.status).toBe(200);
  return { total: response.body.total, totalExact: response.body.totalExact };
}

describe('total', () => {
  it.each([
    ['without keyword', { state: 'TX' }],
    ['sorted by amount', { state: 'TX', sort: 'amount' }],
    ['by relevance', { q: 'bluebonnet' }],
    ['with keyword by deadline', { q: 'bluebonnet', sort: 'deadline' }],
  ])('reports 1,000 or more when more match, %s', async (_label, parameters) => {
    expect(await totalOf(parameters)).toEqual({ total: EXACT_TOTAL_LIMIT, totalExact: false });
  });

  it.each([
    ['without keyword', { state: 'OH' }],
    ['by relevance', { q: 'buckeye' }],
  ])('is exact at the limit, %s', async (_label, parameters) => {
    expect(await totalOf(parameters)).toEqual({ total: EXACT_TOTAL_LIMIT, totalExact: true });
  });

  it('is exact below the limit', async () => {
    expect(await totalOf({ q: 'bluebonnet buckeye' })).toEqual({ total: 0, totalExact: true });
  });
});
