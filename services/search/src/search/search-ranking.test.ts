import request from 'supertest';
import { insertScholarships, scholarshipFixture } from '../test-support/scholarship-fixtures';
import { type SearchTestApp, startSearchTestApp } from '../test-support/search-test-app';

interface Item {
  id: string;
  name: string;
  rank?: number;
  snippet: string | null;
}

let search: SearchTestApp;

const fixtures = {
  namedNursing: scholarshipFixture({
    name: 'Nursing Futures Scholarship',
    description: 'Awarded each spring to a student entering a clinical program.',
  }),
  describedNursing: scholarshipFixture({
    name: 'Health Careers Award',
    description:
      'Open to students of nursing, pharmacy or dentistry. Students who volunteer at a ' +
      'hospital receive priority.',
  }),
  repeatedNursing: scholarshipFixture({
    name: 'Clinical Futures Award',
    description:
      'Nursing students, nursing graduates and nursing faculty nominate nursing ' +
      'candidates for nursing research in nursing homes.',
  }),
  providerNursing: scholarshipFixture({
    name: 'Bedside Care Award',
    provider: 'State Nursing Association',
    description: 'Recognizes compassion in patient care.',
  }),
  computerScience: scholarshipFixture({
    name: 'Code Forward Award',
    description: 'For students who build software.',
    field_of_study: ['computer_science'],
  }),
  unrelated: scholarshipFixture({
    name: 'Rural Farming Grant',
    description: 'Supports students from farming families.',
  }),
};
const ids = Object.fromEntries(
  Object.entries(fixtures).map(([key, fixture]) => [key, fixture.id]),
) as Record<keyof typeof fixtures, string>;

beforeAll(async () => {
  search = await startSearchTestApp('search_ranking');
  await insertScholarships(search.db.knex, Object.values(fixtures));
});

afterAll(async () => {
  await search?.close();
});

async function searchItems(query: Record<string, string>): Promise<Item[]> {
  const response = await request(search.app).get('/api/v1/search').query(query);
  expect(response.status).toBe(200);
  return response.body.items as Item[];
}

describe('keyword search', () => {
  it('ranks a name match above a description match', async () => {
    const items = await searchItems({ q: 'nursing' });
    const order = items.map((item) => item.id);
    expect(order).toContain(ids.namedNursing);
    expect(order).toContain(ids.describedNursing);
    expect(order.indexOf(ids.namedNursing)).toBeLessThan(order.indexOf(ids.describedNursing));
  });

  it('ranks a name match above many description matches', async () => {
    const order = (await searchItems({ q: 'nursing' })).map((item) => item.id);
    expect(order).toContain(ids.repeatedNursing);
    expect(order.indexOf(ids.namedNursing)).toBeLessThan(order.indexOf(ids.repeatedNursing));
  });

  it('ranks a provider match above a description match', async () => {
    const order = (await searchItems({ q: 'nursing' })).map((item) => item.id);
    expect(order.indexOf(ids.providerNursing)).toBeLessThan(order.indexOf(ids.describedNursing));
  });

  it('returns only matching scholarships', async () => {
    const order = (await searchItems({ q: 'nursing' })).map((item) => item.id).sort();
    const expected = [
      ids.namedNursing,
      ids.describedNursing,
      ids.repeatedNursing,
      ids.providerNursing,
    ];
    expect(order).toEqual(expected.sort());
  });

  it('matches stemmed forms of the keyword', async () => {
    const order = (await searchItems({ q: 'nurses' })).map((item) => item.id);
    expect(order).toContain(ids.namedNursing);
  });

  it('matches words of a field of study', async () => {
    const order = (await searchItems({ q: 'computer science' })).map((item) => item.id);
    expect(order).toEqual([ids.computerScience]);
  });

  it('applies web search syntax for exclusion', async () => {
    const order = (await searchItems({ q: 'nursing -pharmacy' })).map((item) => item.id);
    expect(order).toContain(ids.namedNursing);
    expect(order).not.toContain(ids.describedNursing);
  });

  it('includes rank in descending order', async () => {
    const ranks = (await searchItems({ q: 'nursing' })).map((item) => item.rank);
    for (const rank of ranks) expect(typeof rank).toBe('number');
    const numeric = ranks as number[];
    expect(numeric).toEqual([...numeric].sort((a, b) => b - a));
  });

  it('omits rank without a keyword', async () => {
    const items = await searchItems({});
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item).not.toHaveProperty('rank');
  });

  it('returns a snippet around the keyword', async () => {
    const [item] = (await searchItems({ q: 'volunteer' })).filter(
      (found) => found.id === ids.describedNursing,
    );
    expect(item?.snippet).toContain('volunteer');
    expect(item?.snippet).not.toMatch(/<b>/);
  });

  it('treats stop words only as no keyword', async () => {
    const response = await request(search.app)
      .get('/api/v1/search')
      .query({ q: 'the and of', sort: 'relevance' });
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(Object.keys(fixtures).length);
    expect(response.body.query.q).toBeNull();
    expect(response.body.query.sort).toBe('deadline');
    expect(response.body.correctedQuery).toBeNull();
    for (const item of response.body.items) expect(item).not.toHaveProperty('rank');
  });

  it('ranks as if stop words were absent', async () => {
    const plain = await searchItems({ q: 'nursing' });
    const padded = await searchItems({ q: 'the nursing of' });
    expect(padded.map((item) => [item.id, item.rank])).toEqual(
      plain.map((item) => [item.id, item.rank]),
    );
  });

  it('treats a blank keyword as absent', async () => {
    const response = await request(search.app).get('/api/v1/search').query({ q: '   ' });
    expect(response.status).toBe(200);
    expect(response.body.query.q).toBeNull();
    expect(response.body.query.sort).toBe('deadline');
    expect(response.body.total).toBe(6);
  });

  it('echoes the trimmed keyword and relevance sort', async () => {
    const response = await request(search.app).get('/api/v1/search').query({ q: '  nursing ' });
    expect(response.body.query.q).toBe('nursing');
    expect(response.body.query.sort).toBe('relevance');
  });
});
