import type { Knex, Statement } from '@scholarships/db';
import {
  type SearchQuery,
  type SearchSort,
  searchFacets,
  searchQuerySchema,
  searchScholarships,
  spellingCorrections,
} from '@scholarships/search/search';
import {
  type SuggestQuery,
  suggestQuerySchema,
  suggestScholarships,
} from '@scholarships/search/suggest';

/** One hot statement shape and a builder that draws fresh parameters on every call. */
export interface SearchWorkload {
  label: string;
  build(): Statement;
  /** Runs only while a faster path is unavailable, so its P95 does not count towards the target. */
  fallback?: boolean;
}

/** Draws a search without keyword that requests facets, filtered half the time. */
export function facetQueryWithoutKeyword(random: Random): SearchQuery {
  return searchQuerySchema.parse({ facets: 'true', ...randomFilters(random) });
}

/** Draws a keyword search sorted by `sort`, filtered half the time. */
export function keywordQuery(random: Random, sort: SearchSort, facets = false): SearchQuery {
  return searchQuerySchema.parse({
    q: pick(random, KEYWORDS),
    sort,
    ...(facets ? { facets: 'true' } : {}),
    ...randomFilters(random),
  });
}

/** Keywords a student types: those of the relevance test set, and two that PostgreSQL reads as phrases. */
const KEYWORDS = [
  'nursing',
  'engineering',
  'computer science',
  'veterinary',
  'teacher education',
  'arizona',
  'law school',
  'first generation',
  'hispanic',
  'stem graduate',
  'music',
  'journalism',
  'psychology',
  'architecture',
  'agriculture',
  'texas',
  'california',
  'study abroad',
  'women in stem',
  'dental',
  'veterans',
  'creative writing',
  'public policy',
  'social work',
  'environmental science',
  'physics',
  'mathematics',
  'business',
  'first-generation college',
  '"study abroad"',
];

const MISSPELLINGS = [
  'nursng',
  'enginering',
  'veterinery',
  'psycology',
  'jounalism',
  'mathmatics',
  'archtecture',
  'californa',
  'agricultre',
  'biolgy',
  'scholarhsip',
  'fellowshp',
  'enviromental',
  'hispanc',
];

const STATES = ['TX', 'CA', 'NY', 'FL', 'AZ', 'OH', 'WA'];
const FIELDS = ['nursing', 'engineering', 'computer_science', 'education', 'business', 'arts'];
const GRADES = ['high_school_senior', 'undergraduate', 'graduate'];

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/**
 * Draws the filters of one request: none half of the time, otherwise one or
 * two of state, field of study, grade level, basis, a minimum amount and a
 * deadline month.
 */
function randomFilters(random: Random): Record<string, string> {
  if (random() < 0.5) return {};
  const candidates: Record<string, string>[] = [
    { state: pick(random, STATES) },
    { field_of_study: pick(random, FIELDS) },
    { grade_level: pick(random, GRADES) },
    { basis: pick(random, ['need', 'merit']) },
    { award_min: pick(random, ['500', '1000', '5000']) },
    { deadline_from: '2027-03-01', deadline_to: '2027-03-31' },
  ];
  const first = pick(random, candidates);
  return random() < 0.5 ? first : { ...first, ...pick(random, candidates) };
}

/** Draws what a student types into the search box: the first letters of a keyword's last word, after its other words. */
function randomPrefix(random: Random, keywords: readonly string[]): string {
  const words = pick(random, keywords).split(' ');
  const last = words.at(-1) ?? '';
  const typed = last.slice(0, 1 + Math.floor(random() * last.length));
  return [...words.slice(0, -1), typed].join(' ');
}

const ONE_WORD_KEYWORDS = KEYWORDS.filter((keyword) => !keyword.includes(' '));
const PHRASE_KEYWORDS = KEYWORDS.filter(
  (keyword) => keyword.includes(' ') && !keyword.includes('"'),
);

/** Draws a suggestion request of earlier words and the first letters of the last one. */
export function phraseSuggestQuery(random: Random): SuggestQuery {
  return suggestQuerySchema.parse({ q: randomPrefix(random, PHRASE_KEYWORDS) });
}

/** Builds the hot statement shapes of the search service, each with varied realistic parameters. */
export function searchWorkloads(knex: Knex, today: string, random: Random): SearchWorkload[] {
  const search = (sort: string, keyword: boolean) => () => {
    const q = keyword ? pick(random, KEYWORDS) : undefined;
    const query = searchQuerySchema.parse({ q, sort, ...randomFilters(random) });
    return searchScholarships(knex, query, null, today);
  };
  const facets = (keyword: boolean) => () => {
    const q = keyword ? pick(random, KEYWORDS) : undefined;
    return searchFacets(knex, searchQuerySchema.parse({ q, ...randomFilters(random) }), today);
  };
  // Without keyword, the service counts facets from its snapshot and runs this statement only
  // while the snapshot is being read after a catalogue change. Keyword pages and keyword facets
  // come from the keyword index, and run their statements only while it is
  // read.
  return [
    {
      label: 'keyword, filters half the time',
      build: search('relevance', true),
      fallback: true,
    },
    { label: 'no keyword, filters half the time', build: search('deadline', false) },
    {
      label: 'keyword, filters half the time',
      build: search('deadline', true),
      fallback: true,
    },
    { label: 'no keyword, filters half the time', build: search('amount', false) },
    { label: 'keyword, filters half the time', build: search('amount', true), fallback: true },
    { label: 'no keyword, filters half the time', build: facets(false), fallback: true },
    { label: 'keyword, filters half the time', build: facets(true), fallback: true },
    {
      label: 'one or two misspelled words',
      build: () =>
        spellingCorrections(
          knex,
          random() < 0.5
            ? [pick(random, MISSPELLINGS)]
            : [pick(random, MISSPELLINGS), pick(random, MISSPELLINGS)],
        ),
    },
    {
      label: 'prefix of 1 to 12 letters',
      build: () =>
        suggestScholarships(
          knex,
          suggestQuerySchema.parse({ q: randomPrefix(random, ONE_WORD_KEYWORDS) }),
          today,
        ),
    },
    {
      label: 'words, then a prefix',
      build: () => suggestScholarships(knex, phraseSuggestQuery(random), today),
      fallback: true,
    },
  ];
}
