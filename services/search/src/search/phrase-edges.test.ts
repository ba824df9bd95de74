import type { SearchQuery } from '@scholarships/api-contract';
import { searchQuerySchema, suggestQuerySchema } from '@scholarships/api-contract';
import type { PhraseSuggestions } from '../suggest/phrase-from-index';
import { type SuggestRow, suggestScholarships } from '../suggest/statements';
import {
  createRecordedKeywordSearch,
  createRecordedPhraseSuggestions,
  lastPosition,
  startKeywordIndexTestApp,
  statementRows,
  INDEX_TODAY as TODAY,
} from '../test-support/keyword-index-app';
import { insertScholarships, scholarshipFixture } from '../test-support/scholarship-fixtures';
import type { SearchTestApp } from '../test-support/search-test-app';
import { seededRandom } from '../test-support/seeded-random';
import type { CursorPosition } from './cursor';
import type { FacetSnapshotSource } from './facet-snapshot-source';
import { type FacetRow, searchFacets } from './facets';
import type { KeywordSearch } from './keyword-search';
import type { SearchRow } from './summary';

let search: SearchTestApp;
let snapshots: FacetSnapshotSource;
let memory: KeywordSearch;
let phrases: PhraseSuggestions;
const served: string[] = [];

/** Filler words that are no stop words, so that each takes a position. */
function filler(count: number, from = 0): string {
  return Array.from({ length: count }, (_, at) => `zq${(at + from) % 97}x`).join(' ');
}

const TEXTS: { name: string; description: string; provider?: string }[] = [
  { name: 'School of Nursing Scholarship', description: 'For the school of nursing students.' },
  {
    name: 'Nursing School Award',
    description: 'Nursing nursing school program and school nursing.',
  },
  { name: 'The Arts Council Award', description: 'Supports the arts and the art of design.' },
  { name: 'Arts the Award', description: 'arts the arts' },
  {
    name: 'After-School Program Grant',
    description: 'after-school tutors; after school; e-mail us, email accepted.',
  },
  { name: 'E-Mail Club', description: 'e mail and e-mail and mail e' },
  {
    name: 'First-Generation/Low-Income Scholars',
    description: 'first generation low income students',
  },
  {
    name: 'First Generation Low Income',
    description: 'first-generation/low-income, low-income/first-generation',
  },
  { name: 'New New York Fund', description: 'new york new york new new york' },
  { name: 'New York Fund', description: 'york new new' },
  { name: 'Registered Nurse Award', description: 'nurse registered' },
  { name: 'State-of-the-Art Award', description: 'state of the art, one-of-a-kind, up-to-date' },
  { name: 'Art/Design and STEM/STEAM', description: 'art and design; stem steam' },
  { name: "O'Brien\\Smith Memorial", description: "o'brien's c:\\path\\to nursing \\\\ ''" },
  { name: 'Café-Bar Naïve-Art', description: 'café bar naïve art' },
  // Positions past 16383 are capped: the phrase lands on the cap.
  {
    name: 'Long One',
    description: `${filler(16390)} nursing school program registered nurse new new york`,
  },
  {
    name: 'Long Two',
    description: `${filler(16378)} nursing school program registered nurse new new york after-school e-mail`,
  },
  {
    name: 'Long Three',
    description: `${filler(16000)} nursing ${filler(500, 3)} school of nursing`,
  },
  { name: 'Long Four', description: `nursing school ${filler(17000)} nursing school` },
  {
    name: 'Repeats',
    description: `${'nursing '.repeat(300)} school ${'nursing school '.repeat(10)}`,
  },
];

beforeAll(async () => {
  ({ search, snapshots } = await startKeywordIndexTestApp('phrase_edges', { seed: 5, count: 300 }));
  await insertScholarships(
    search.db.knex,
    TEXTS.map((text, at) =>
      scholarshipFixture({
        ...text,
        award_amount_min: 500 + at,
        award_amount_max: 500 + at,
        deadline: `2027-0${(at % 9) + 1}-15`,
      }),
    ),
  );
  await snapshots.load();
  memory = createRecordedKeywordSearch({ search, snapshots }, served);
  phrases = createRecordedPhraseSuggestions({ search, snapshots }, served);
}, 240_000);

afterAll(async () => {
  await search?.close();
});

function queryOf(params: Record<string, string>): SearchQuery {
  return searchQuerySchema.parse(params);
}

const KEYWORDS = [
  '"school of nursing"',
  '"the arts"',
  '"arts the"',
  'after-school',
  '"after school"',
  'e-mail',
  '"e mail"',
  'first-generation/low-income',
  'low-income/first-generation',
  '"first generation" low-income',
  '"new new york"',
  '"new york new york"',
  'new-new-york',
  '"york new new"',
  '"nursing school"',
  '"school nursing"',
  '"nursing nursing school"',
  '"nursing school" or "registered nurse"',
  '"nursing school" -"new york"',
  'nursing -"school of nursing"',
  '"registered nurse" or e-mail',
  '"registered nurse" program',
  'state-of-the-art',
  '"state of the art"',
  'one-of-a-kind',
  'up-to-date',
  'art/design',
  'stem/steam',
  "o'brien",
  '"nursing school program registered nurse"',
  'café-bar',
  'naïve-art',
  '"zq1x zq2x"',
  '"zq96x nursing"',
  'zq5x-zq6x',
  '"of the nursing"',
  'nursing-school-program',
  '"nursing school" "school program"',
  '"new york" -"new new york"',
  '"school of nursing" or after-school or e-mail',
];

describe('phrase edges', () => {
  for (const sort of ['relevance', 'deadline'] as const) {
    it(`pages equal the statement by ${sort}`, async () => {
      const failures: unknown[] = [];
      for (const q of KEYWORDS) {
        const query = queryOf({ q, sort, limit: '4' });
        let after: CursorPosition | null = null;
        for (let page = 0; page < 3; page += 1) {
          const expected = await statementRows(search, query, after);
          served.length = 0;
          const actual = await memory.page(query, after, TODAY, q);
          if (actual === null) {
            failures.push({ q, page, served: [...served] });
            break;
          }
          if (JSON.stringify(actual) !== JSON.stringify(expected)) {
            failures.push({ q, page, expected, actual });
            break;
          }
          after = lastPosition(expected);
          if (after === null) break;
        }
      }
      expect(failures).toEqual([]);
    }, 110_000);
  }

  it('facets equal the statement', async () => {
    const failures: unknown[] = [];
    const byValue = (rows: readonly FacetRow[]) =>
      [...rows].sort((a, b) => `${a.facet}:${a.value}`.localeCompare(`${b.facet}:${b.value}`));
    for (const q of KEYWORDS) {
      const query = queryOf({ q, facets: 'true' });
      const expected = await search.db.query<FacetRow>(searchFacets(search.db.knex, query, TODAY));
      const actual = await memory.facets(query, TODAY, q);
      if (actual === null) failures.push({ q, declined: true });
      else if (JSON.stringify(byValue(actual)) !== JSON.stringify(byValue(expected)))
        failures.push({ q, expected: byValue(expected), actual: byValue(actual) });
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('phrase suggestions equal the statement', async () => {
    const failures: unknown[] = [];
    for (const q of [
      '"school of nursing" s',
      'after-school p',
      'e-mail a',
      'new new y',
      '"new new york" f',
      '"the arts" c',
      'first-generation/low-income s',
      '"nursing school" p',
      'state-of-the-art a',
    ]) {
      const query = suggestQuerySchema.parse({ q, limit: '8' });
      const expected = await search.db.query<SuggestRow>(
        suggestScholarships(search.db.knex, query, TODAY),
      );
      served.length = 0;
      const actual = await phrases.rows(query, TODAY);
      if (actual === null) failures.push({ q, served: [...served] });
      else if (JSON.stringify(actual) !== JSON.stringify(expected))
        failures.push({ q, expected, actual });
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('interleaved relevance pages equal the statement', async () => {
    const queries = ['scholarship', 'students | program', '"nursing school" or scholarship'].map(
      (q) => queryOf({ q, limit: '10' }),
    );
    const expected = await Promise.all(queries.map((query) => statementRows(search, query, null)));
    for (let round = 0; round < 3; round += 1) {
      const actual = await Promise.all([
        ...queries.map((query) => memory.page(query, null, TODAY, query.q as string)),
        memory.facets(queryOf({ q: 'nursing', facets: 'true' }), TODAY, 'nursing'),
      ]);
      expect(actual.slice(0, 3)).toEqual(expected);
    }
  }, 60_000);
});

const POOL = [
  'school',
  'of',
  'nursing',
  'the',
  'students',
  'women',
  'in',
  'stem',
  'first',
  'generation',
  'high',
  'low',
  'income',
  'african',
  'american',
  'study',
  'abroad',
  'community',
  'service',
  'graduate',
  'new',
  'york',
  'computer',
  'science',
  'medical',
  'public',
  'health',
  'arts',
  'music',
  'and',
  'for',
  'scholarship',
  'program',
  'research',
  'after',
  'e',
  'mail',
];

function randomKeyword(random: () => number): string {
  const word = () => POOL[Math.floor(random() * POOL.length)] as string;
  const terms: string[] = [];
  const count = 1 + Math.floor(random() * 3);
  for (let at = 0; at < count; at += 1) {
    const kind = random();
    let term = word();
    if (kind < 0.4) term = `"${[word(), word(), ...(random() < 0.4 ? [word()] : [])].join(' ')}"`;
    else if (kind < 0.65) term = `${word()}${random() < 0.7 ? '-' : '/'}${word()}`;
    if (at > 0 && random() < 0.25) terms.push('or');
    if (at > 0 && random() < 0.15) term = `-${term}`;
    terms.push(term);
  }
  return terms.join(' ');
}

describe('random keywords', () => {
  it('pages equal the statements', async () => {
    const random = seededRandom(31337);
    const failures: unknown[] = [];
    const filterSets: Record<string, string>[] = [
      {},
      { state: 'CA' },
      { award_min: '1000', grade_level: 'undergraduate' },
    ];
    let fromMemory = 0;
    for (let round = 0; round < 150; round += 1) {
      const q = randomKeyword(random);
      const sort = (['relevance', 'deadline', 'amount'] as const)[round % 3] as string;
      const filters = filterSets[Math.floor(random() * filterSets.length)] as Record<
        string,
        string
      >;
      let query: SearchQuery;
      try {
        query = queryOf({ q, sort, limit: '5', ...filters });
      } catch {
        continue;
      }
      let after: CursorPosition | null = null;
      for (let page = 0; page < 3; page += 1) {
        let expected: SearchRow[];
        try {
          expected = await statementRows(search, query, after);
        } catch {
          break;
        }
        served.length = 0;
        const actual = await memory.page(query, after, TODAY, q);
        if (actual === null) break;
        fromMemory += 1;
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          failures.push({ q, sort, filters, page, expected, actual });
          break;
        }
        after = lastPosition(expected);
        if (after === null) break;
      }
    }
    expect(fromMemory).toBeGreaterThan(150);
    expect(failures.slice(0, 3)).toEqual([]);
  }, 110_000);
});

describe('random facets and phrase suggestions', () => {
  it('equal the statements', async () => {
    const random = seededRandom(4711);
    const failures: unknown[] = [];
    const filterSets: Record<string, string>[] = [
      {},
      { state: 'CA', basis: 'need' },
      { award_max: '5000', deadline_to: '2027-05-01' },
      { field_of_study: 'nursing', citizenship: 'us_citizen' },
    ];
    const byValue = (rows: readonly FacetRow[]) =>
      [...rows].sort((a, b) => `${a.facet}:${a.value}`.localeCompare(`${b.facet}:${b.value}`));
    let compared = 0;
    for (let round = 0; round < 120; round += 1) {
      const q = randomKeyword(random);
      const filters = filterSets[round % filterSets.length] as Record<string, string>;
      let query: SearchQuery;
      try {
        query = queryOf({ q, facets: 'true', ...filters });
      } catch {
        continue;
      }
      let expected: FacetRow[];
      try {
        expected = await search.db.query<FacetRow>(searchFacets(search.db.knex, query, TODAY));
      } catch {
        continue;
      }
      const actual = await memory.facets(query, TODAY, q);
      if (actual !== null) {
        compared += 1;
        if (JSON.stringify(byValue(actual)) !== JSON.stringify(byValue(expected)))
          failures.push({ q, filters });
      }
      const typed = `${q} ${['s', 'n', 'pro', 'sch', 'a'][round % 5]}`.slice(0, 100);
      let suggest: ReturnType<typeof suggestQuerySchema.parse>;
      try {
        suggest = suggestQuerySchema.parse({ q: typed, limit: '5' });
      } catch {
        continue;
      }
      const expectedRows = await search.db.query<SuggestRow>(
        suggestScholarships(search.db.knex, suggest, TODAY),
      );
      const actualRows = await phrases.rows(suggest, TODAY);
      if (actualRows !== null) {
        compared += 1;
        if (JSON.stringify(actualRows) !== JSON.stringify(expectedRows))
          failures.push({ typed, expectedRows, actualRows });
      }
    }
    expect(compared).toBeGreaterThan(150);
    expect(failures.slice(0, 3)).toEqual([]);
  }, 110_000);
});

describe('interleaving', () => {
  it('concurrent relevance pages with yields equal the statements', async () => {
    const keywords = [
      'students',
      'program | research | students',
      '"high school" or students or scholarship',
      'scholarship -nursing',
      'university',
    ];
    const queries = keywords.flatMap((q) => [
      queryOf({ q, limit: '20' }),
      queryOf({ q, limit: '3', state: 'TX' }),
    ]);
    const firsts = await Promise.all(queries.map((query) => statementRows(search, query, null)));
    const seconds = await Promise.all(
      queries.map((query, at) =>
        statementRows(search, query, lastPosition(firsts[at] as SearchRow[])),
      ),
    );
    for (let round = 0; round < 3; round += 1) {
      served.length = 0;
      const actual = await Promise.all([
        ...queries.map((query) => memory.page(query, null, TODAY, query.q as string)),
        ...queries.map((query, at) =>
          memory.page(query, lastPosition(firsts[at] as SearchRow[]), TODAY, query.q as string),
        ),
        memory.facets(queryOf({ q: 'nursing', facets: 'true' }), TODAY, 'nursing'),
        phrases.rows(suggestQuerySchema.parse({ q: 'nursing sch' }), TODAY),
      ]);
      expect(served.filter((s) => !s.endsWith('memory') && s !== 'memory')).toEqual([]);
      expect(actual.slice(0, queries.length)).toEqual(firsts);
      expect(actual.slice(queries.length, 2 * queries.length)).toEqual(seconds);
    }
  }, 60_000);
});
