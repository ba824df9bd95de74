import { insertScholarships, scholarshipFixture } from '../test-support/scholarship-fixtures';
import { fetchAllSearchPages, fetchSearchPage } from '../test-support/search-pages';
import { type SearchTestApp, startSearchTestApp } from '../test-support/search-test-app';

interface Item {
  id: string;
  rank: number;
}

let search: SearchTestApp;

// Five scholarships named after the violin and six that only mention it, open to every state, and
// one of each kind in Ohio only.
const named = Array.from({ length: 5 }, (_, index) =>
  scholarshipFixture({ name: `Violin Prize ${index + 1}`, state: [] }),
);
const described = Array.from({ length: 6 }, (_, index) =>
  scholarshipFixture({
    name: `Strings Award ${index + 1}`,
    description: `For string players.${' Violin lessons count.'.repeat(index + 1)}`,
    state: [],
  }),
);
const outsideTexas = [
  scholarshipFixture({ name: 'Violin Prize Ohio', state: ['OH'] }),
  scholarshipFixture({ name: 'Strings Award Ohio', description: 'Violin players.', state: ['OH'] }),
];

beforeAll(async () => {
  search = await startSearchTestApp('search_relevance_pages');
  await insertScholarships(search.db.knex, [...named, ...described, ...outsideTexas]);
});

afterAll(async () => {
  await search?.close();
});

interface Page {
  items: Item[];
  nextCursor: string | null;
  total: number;
}

function fetchPage(query: Record<string, string>): Promise<Page> {
  return fetchSearchPage<Page>(search.app, query);
}

/** Follows nextCursor from the first page to the last and returns every item in order. */
async function walk(query: Record<string, string>): Promise<Item[]> {
  const pages = await fetchAllSearchPages<Page>(search.app, query);
  return pages.flatMap((page) => page.items);
}

/**
 * Returns every match of `keyword` in relevance order, ranked by the definition itself: 1 when
 * the weight-A (name) part of the document matches, plus `ts_rank_cd` scaled into [0, 1).
 */
async function rankedByDefinition(keyword: string, state?: string): Promise<string[]> {
  const result = await search.db.knex.raw<{ rows: { id: string }[] }>(
    `SELECT id FROM (
       SELECT id,
         (ts_rank_cd(search_document, websearch_to_tsquery('english', :keyword), 32)
           + CASE WHEN ts_filter(search_document, '{a}') @@ websearch_to_tsquery('english', :keyword)
             THEN 1 ELSE 0 END)::real AS rank
       FROM scholarships
       WHERE search_document @@ websearch_to_tsquery('english', :keyword)
         AND (:state::text IS NULL OR cardinality(state) = 0 OR :state::text = ANY (state))
     ) AS ranked
     ORDER BY rank DESC, id DESC`,
    { keyword, state: state ?? null },
  );
  return result.rows.map((row) => row.id);
}

describe('relevance pages', () => {
  it.each([
    ['limit 1', { q: 'violin', limit: '1' }],
    ['limit 2', { q: 'violin', limit: '2' }],
    ['limit 3', { q: 'violin', limit: '3' }],
    ['limit 5', { q: 'violin', limit: '5' }],
    ['limit 2 in Texas', { q: 'violin', limit: '2', state: 'TX' }],
    ['limit 4 in Texas', { q: 'violin', limit: '4', state: 'TX' }],
  ])('follow the full ranking, %s', async (_case, query) => {
    const expected = await rankedByDefinition(query.q, 'state' in query ? query.state : undefined);
    const walked = await walk(query);

    expect(expected.length).toBeGreaterThanOrEqual(11);
    expect(walked.map((item) => item.id)).toEqual(expected);
  });

  it('ranks name matches above others', async () => {
    const { items, total } = await fetchPage({ q: 'violin', limit: '50' });
    const namedIds = new Set([...named, ...outsideTexas.slice(0, 1)].map((row) => row.id));
    const namedRanks = items.filter((item) => namedIds.has(item.id)).map((item) => item.rank);
    const otherRanks = items.filter((item) => !namedIds.has(item.id)).map((item) => item.rank);

    expect(total).toBe(13);
    expect(namedRanks).toHaveLength(6);
    expect(Math.min(...namedRanks)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...otherRanks)).toBeLessThan(1);
  });

  it('counts all matches in total', async () => {
    const { items, total } = await fetchPage({ q: 'violin', limit: '2' });
    expect(items).toHaveLength(2);
    expect(total).toBe(13);
  });
});
