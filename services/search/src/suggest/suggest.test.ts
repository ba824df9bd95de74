import request from 'supertest';
import { refreshSearchTerms } from '../terms';
import { insertScholarships, scholarshipFixture } from '../test-support/scholarship-fixtures';
import { type SearchTestApp, startSearchTestApp } from '../test-support/search-test-app';

const TODAY = '2026-12-04';
let search: SearchTestApp;

const fixtures = {
  nursingFutures: scholarshipFixture({
    name: 'Nursing Futures Scholarship',
    description: 'For nursing students and nurses.',
    deadline: '2027-02-01',
  }),
  nurseCorps: scholarshipFixture({
    name: 'Nurse Corps Award',
    description: 'For nursing school.',
    deadline: null,
  }),
  closedNursing: scholarshipFixture({
    name: 'Nursing Legacy Grant',
    description: 'For nursing.',
    deadline: '2026-11-01',
  }),
  nutrition: scholarshipFixture({
    name: 'Nutrition Science Award',
    description: 'For dietetics.',
    deadline: '2027-03-01',
  }),
  accented: scholarshipFixture({
    name: 'École Normale Fellowship',
    description: 'For teachers.',
    deadline: '2027-04-01',
  }),
};

beforeAll(async () => {
  search = await startSearchTestApp('search_suggest', { today: () => TODAY });
  await insertScholarships(search.db.knex, Object.values(fixtures));
  await refreshSearchTerms(search.db.knex, true);
});

afterAll(async () => {
  await search?.close();
});

async function suggest(query: Record<string, string>) {
  const response = await request(search.app).get('/api/v1/search/suggest').query(query);
  expect(response.status).toBe(200);
  return response.body as {
    terms: { text: string; scholarships: number }[];
    scholarships: { id: string; name: string }[];
    query: { q: string; limit: number };
  };
}

async function rejected(query: string): Promise<{ field: string; message: string }[]> {
  const response = await request(search.app).get(`/api/v1/search/suggest?${query}`);
  expect(response.status).toBe(400);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.body.code).toBe('VALIDATION_FAILED');
  return response.body.errors;
}

describe('GET /api/v1/search/suggest', () => {
  it('completes a prefix with the most common words first', async () => {
    const body = await suggest({ q: 'nur' });
    expect(body.terms).toEqual([
      { text: 'nursing', scholarships: 3 },
      { text: 'nurse', scholarships: 1 },
      { text: 'nurses', scholarships: 1 },
    ]);
  });

  it('lists open scholarships whose name starts with the text', async () => {
    const body = await suggest({ q: 'Nurs' });
    expect(body.scholarships.map((item) => item.name)).toEqual([
      'Nurse Corps Award',
      'Nursing Futures Scholarship',
    ]);
    expect(body.scholarships[0]?.id).toBe(fixtures.nurseCorps.id);
  });

  it('completes the last word and keeps the others', async () => {
    const body = await suggest({ q: 'Nursing fu' });
    expect(body.terms).toEqual([{ text: 'Nursing futures', scholarships: 1 }]);
    expect(body.scholarships.map((item) => item.name)).toEqual(['Nursing Futures Scholarship']);
  });

  it('drops dead-end phrase completions', async () => {
    const body = await suggest({ q: 'nursing sc' });
    expect(body.terms).toEqual([
      { text: 'nursing scholarship', scholarships: 1 },
      { text: 'nursing school', scholarships: 1 },
    ]);
  });

  it('completes a word after a slash', async () => {
    const body = await suggest({ q: 'nursing/sc' });
    expect(body.terms).toEqual([
      { text: 'nursing/scholarship', scholarships: 1 },
      { text: 'nursing/school', scholarships: 1 },
    ]);
  });

  it('completes the word alone after unknown words', async () => {
    // A search of the completed text corrects "nursng"; the phrase check would find nothing.
    const body = await suggest({ q: 'nursng sc' });
    expect(body.terms).toEqual([
      { text: 'nursng scholarship', scholarships: 1 },
      { text: 'nursng school', scholarships: 1 },
      { text: 'nursng science', scholarships: 1 },
    ]);
  });

  it('skips closed scholarships in phrases', async () => {
    const body = await suggest({ q: 'legacy nur' });
    expect(body.terms).toEqual([]);
  });

  it('counts phrase matches as search does', async () => {
    // Search stems words, so "students nurse" also matches a scholarship about nursing.
    const body = await suggest({ q: 'students nu' });
    expect(body.terms).toEqual([
      { text: 'students nursing', scholarships: 1 },
      { text: 'students nurse', scholarships: 1 },
      { text: 'students nurses', scholarships: 1 },
    ]);
  });

  it('matches letters beyond ASCII without regard to case', async () => {
    const body = await suggest({ q: 'éco' });
    expect(body.terms).toEqual([{ text: 'école', scholarships: 1 }]);
    expect(body.scholarships.map((item) => item.name)).toEqual(['École Normale Fellowship']);
  });

  it('treats LIKE wildcards as plain text', async () => {
    const body = await suggest({ q: 'n%' });
    expect(body.terms).toEqual([]);
    expect(body.scholarships).toEqual([]);
  });

  it('respects limit for each list', async () => {
    const body = await suggest({ q: 'n', limit: '2' });
    expect(body.terms).toHaveLength(2);
    expect(body.scholarships).toHaveLength(2);
    expect(body.query).toEqual({ q: 'n', limit: 2 });
  });

  it('defaults limit to 8 and trims q', async () => {
    const body = await suggest({ q: '  nu ' });
    expect(body.query).toEqual({ q: 'nu', limit: 8 });
  });

  it('rejects a missing q', async () => {
    const errors = await rejected('limit=3');
    expect(errors).toContainEqual({ field: 'query.q', message: 'is required' });
  });

  it.each([
    ['an empty q', 'q='],
    ['a blank q', 'q=%20%20'],
    ['a q over 100 characters', `q=${'a'.repeat(101)}`],
    ['a repeated q', 'q=a&q=b'],
  ])('rejects %s', async (_label, query) => {
    const errors = await rejected(query);
    expect(errors.map((error) => error.field)).toContain('query.q');
  });

  it.each(['0', '21', 'x'])('rejects limit %s', async (limit) => {
    const errors = await rejected(`q=nur&limit=${limit}`);
    expect(errors.map((error) => error.field)).toEqual(['query.limit']);
  });

  it('rejects unknown parameters', async () => {
    const errors = await rejected('q=nur&sort=name');
    expect(errors.map((error) => error.field)).toEqual(['query.sort']);
  });
});
