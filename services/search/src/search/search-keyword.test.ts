import { searchQuerySchema } from '@scholarships/api-contract';
import { HttpProblem } from '@scholarships/service-kit';
import request from 'supertest';
import { refreshSearchTerms } from '../terms';
import { insertScholarships, scholarshipFixture } from '../test-support/scholarship-fixtures';
import { fetchAllSearchPages, fetchSearchPage } from '../test-support/search-pages';
import { type SearchTestApp, startSearchTestApp } from '../test-support/search-test-app';
import { splitJoinedWords } from './joined-words';
import { runSearch, type SearchOutcome } from './run-search';
import { correctableWords, correctedKeyword } from './spelling';

interface Page {
  items: { id: string; name: string; rank?: number }[];
  total: number;
  nextCursor: string | null;
  query: { q: string | null; sort: string };
  correctedQuery: string | null;
}

let search: SearchTestApp;

const nursing = ['Clinical', 'Bedside', 'Hospice', 'Pediatric', 'Surgical'].map((word) =>
  scholarshipFixture({
    name: `${word} Nursing Scholarship`,
    description: 'For nursing students.',
  }),
);
const others = [
  scholarshipFixture({ name: 'Dental Hygiene Award', description: 'For nursing or dental.' }),
  scholarshipFixture({ name: 'Luthier Apprentice Grant', description: 'For violin makers.' }),
  scholarshipFixture({ name: 'Lutheran Youth Award', description: 'For Lutheran students.' }),
  scholarshipFixture({ name: 'Studio Grant', description: 'For art and design majors.' }),
  scholarshipFixture({ name: 'Portfolio Prize', description: 'Open to art/design students.' }),
  scholarshipFixture({ name: 'Heritage Award', description: 'For African American students.' }),
  scholarshipFixture({ name: 'Exchange Bursary', description: 'For a term in Québec.' }),
  scholarshipFixture({ name: 'Career Award', description: 'Send your résumé.' }),
  scholarshipFixture({ name: 'Forum Award', description: 'Fill in the form.' }),
  ...['Return', 'Restart', 'Renewal'].map((word) =>
    scholarshipFixture({ name: `${word} Grant`, description: 'Resume your studies.' }),
  ),
];

beforeAll(async () => {
  search = await startSearchTestApp('search_keyword');
  await insertScholarships(search.db.knex, [...nursing, ...others]);
  await refreshSearchTerms(search.db.knex, true);
});

afterAll(async () => {
  await search?.close();
});

function fetchPage(query: Record<string, string>): Promise<Page> {
  return fetchSearchPage<Page>(search.app, query);
}

function fetchAllPages(query: Record<string, string>): Promise<Page[]> {
  return fetchAllSearchPages<Page>(search.app, query);
}

describe('splitJoinedWords', () => {
  it('writes slashed and hyphenated words apart', () => {
    expect(splitJoinedWords('Art/Design first-generation')).toBe('Art Design first generation');
  });

  it('keeps negations and lone marks', () => {
    expect(splitJoinedWords('nursing -law / k -')).toBeNull();
  });

  it('drops parts that read as OR', () => {
    expect(splitJoinedWords('Portland-OR nursing and/or dental')).toBe(
      'Portland nursing and dental',
    );
  });
});

describe('joined keywords', () => {
  it('finds both forms of slashed words', async () => {
    const page = await fetchPage({ q: 'art/design' });
    expect(page.items.map((item) => item.name).sort()).toEqual(['Portfolio Prize', 'Studio Grant']);
  });

  it('reads no OR operator into joined words', async () => {
    const page = await fetchPage({ q: 'Portland-OR nursing' });
    expect(page.items).toEqual([]);
  });

  it('finds hyphenated words written apart', async () => {
    const page = await fetchPage({ q: 'African-American' });
    expect(page.items.map((item) => item.name)).toEqual(['Heritage Award']);
  });
});

describe('exclusions', () => {
  it('excludes a word from what another word finds', async () => {
    const page = await fetchPage({ q: 'nursing -dental' });
    expect(page.items.map((item) => item.name)).not.toContain('Dental Hygiene Award');
    expect(page.total).toBe(5);
  });

  // The contract rejects these keywords. The search rejects them too, from what PostgreSQL
  // made of them, in case a form that reads the same way gets past the contract.
  function runAsTyped(q: string): Promise<SearchOutcome> {
    const query = { ...searchQuerySchema.parse({}), q, sort: 'relevance' as const };
    return runSearch(search.db, query, null, 'as_typed', new Date().toISOString().slice(0, 10));
  }

  async function expectNothingToFind(q: string): Promise<void> {
    const rejected = await runAsTyped(q).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(rejected).toBeInstanceOf(HttpProblem);
    expect((rejected as HttpProblem).status).toBe(400);
    expect((rejected as HttpProblem).errors?.[0]?.field).toBe('query.q');
  }

  it('rejects stop words beside an exclusion', async () => {
    // Exclusions alone would match nearly every scholarship and rank them all.
    await expectNothingToFind('the -dental');
  });

  it('rejects a stop word near a correctable word', async () => {
    // `for` is one letter from `form` and `forum`, which both appear in the catalogue.
    await expectNothingToFind('for -dental');
  });

  it('rejects a keyword whose written-apart form has no word', async () => {
    await expectNothingToFind('the -art/design');
  });

  it.each(['İT -dental', '"<br>" -dental', 'nursing or İN -dental'])(
    'rejects %j, which only PostgreSQL reads as exclusions',
    async (q) => {
      const response = await request(search.app).get('/api/v1/search').query({ q });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('query.q');
    },
  );
});

describe('correctableWords', () => {
  it('keeps letter runs of three or more letters', () => {
    expect(correctableWords('"Nursng school" -dental or RN')).toEqual([
      'nursng',
      'school',
      'dental',
    ]);
  });

  it('drops repeated words', () => {
    expect(correctableWords('art Art ART')).toEqual(['art']);
  });
});

describe('correctedKeyword', () => {
  it('keeps quotes and exclusions in place', () => {
    const corrections = [{ word: 'nursng', term: 'nursing' }];
    expect(correctedKeyword('"Nursng care" -dental', corrections)).toBe('"nursing care" -dental');
  });

  it('returns null when nothing changes', () => {
    expect(correctedKeyword('nursing', [])).toBeNull();
  });
});

describe('spelling correction', () => {
  it('restores the accents of a word', async () => {
    const page = await fetchPage({ q: 'quebec' });
    expect(page.correctedQuery).toBe('québec');
    expect(page.items.map((item) => item.name)).toEqual(['Exchange Bursary']);
  });

  it('keeps the accents a student typed', async () => {
    const page = await fetchPage({ q: 'résumé' });
    expect(page.correctedQuery).toBeNull();
    expect(page.items.map((item) => item.name)).toEqual(['Career Award']);
  });

  it('searches the corrected keyword when the typed one finds nothing', async () => {
    const page = await fetchPage({ q: 'nursng' });
    expect(page.correctedQuery).toBe('nursing');
    expect(page.query.q).toBe('nursng');
    expect(page.total).toBe(6);
    expect(page.items.every((item) => typeof item.rank === 'number')).toBe(true);
  });

  it('keeps web search syntax around a corrected word', async () => {
    const page = await fetchPage({ q: 'nursng -dental' });
    expect(page.correctedQuery).toBe('nursing -dental');
    expect(page.total).toBe(5);
  });

  it('leaves a keyword with enough matches alone', async () => {
    const page = await fetchPage({ q: 'nursing' });
    expect(page.correctedQuery).toBeNull();
    expect(page.total).toBe(6);
  });

  it('leaves a rare but correct word alone', async () => {
    const page = await fetchPage({ q: 'luthier' });
    expect(page.correctedQuery).toBeNull();
    expect(page.items.map((item) => item.name)).toEqual(['Luthier Apprentice Grant']);
  });

  it('leaves a word alone when similar terms differ too much', async () => {
    // `nursery` shares trigrams with `nursing` (similarity 0.33) but is another word.
    const page = await fetchPage({ q: 'nursery' });
    expect(page.correctedQuery).toBeNull();
    expect(page.total).toBe(0);
  });

  it('keeps the typed keyword when no correction finds more', async () => {
    const page = await fetchPage({ q: 'zzyzx' });
    expect(page.correctedQuery).toBeNull();
    expect(page.total).toBe(0);
  });

  it('pages through corrected results', async () => {
    const all = await fetchPage({ q: 'nursng', limit: '50' });
    const pages = await fetchAllPages({ q: 'nursng', limit: '2' });
    expect(pages).toHaveLength(3);
    for (const page of pages) expect(page.correctedQuery).toBe('nursing');
    const paged = pages.flatMap((page) => page.items.map((item) => item.id));
    expect(paged).toEqual(all.items.map((item) => item.id));
  });
});

describe('stop words', () => {
  it('pages through every scholarship by deadline', async () => {
    const all = await fetchPage({ limit: '50' });
    const pages = await fetchAllPages({ q: 'the of', sort: 'relevance', limit: '3' });
    for (const page of pages) {
      expect(page.query.q).toBeNull();
      expect(page.query.sort).toBe('deadline');
      expect(page.total).toBe(all.total);
    }
    const paged = pages.flatMap((page) => page.items.map((item) => item.id));
    expect(paged).toEqual(all.items.map((item) => item.id));
  });

  it('rejects a stop-word cursor under another sort', async () => {
    const first = await fetchPage({ q: 'the', limit: '3' });
    const response = await request(search.app)
      .get('/api/v1/search')
      .query({ q: 'the', sort: 'amount', limit: '3', cursor: first.nextCursor as string });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('query.cursor');
  });

  it.each([
    ['another keyword', { q: 'nursing' }],
    ['no keyword', {}],
  ])('rejects a stop-word cursor with %s', async (_label, keyword) => {
    const first = await fetchPage({ q: 'the', limit: '3' });
    const response = await request(search.app)
      .get('/api/v1/search')
      .query({ ...keyword, limit: '3', cursor: first.nextCursor as string });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('query.cursor');
  });
});
