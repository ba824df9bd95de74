import {
  AWARD_BASES,
  CITIZENSHIP_STATUSES,
  FIELDS_OF_STUDY,
  GENDERS,
  GRADE_LEVELS,
  US_STATE_CODES,
} from '@scholarships/contracts';
import { z } from 'zod';
import { SEARCH_SORTS } from '../requests/search-query';
import { awardSchema, calendarDateText, deadlineSchema } from './scholarship';

/** A search result: enough to list a scholarship and decide whether to open it. */
export const searchHitSchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  provider: z.string().nullable(),
  url: z.string().nullable(),
  award: awardSchema,
  deadline: deadlineSchema,
  eligibility: z.strictObject({
    fieldsOfStudy: z.array(z.enum(FIELDS_OF_STUDY)),
    gradeLevels: z.array(z.enum(GRADE_LEVELS)),
    citizenship: z.array(z.enum(CITIZENSHIP_STATUSES)),
    states: z.array(z.enum(US_STATE_CODES)),
    genders: z.array(z.enum(GENDERS)),
    minGpa: z.number().nullable(),
    basis: z.enum(AWARD_BASES).nullable(),
  }),
  /** Relevance of the keyword match, present only when q is given. */
  rank: z.number().optional(),
  /** Plain text from the description, `null` when there is none. */
  snippet: z.string().nullable(),
});

/**
 * The search request as the service applied it, under the query parameter
 * names. A `null` deadline pair means the default window: deadlines from
 * today on, then undated scholarships.
 */
export const appliedSearchQuerySchema = z.strictObject({
  q: z.string().nullable(),
  field_of_study: z.array(z.enum(FIELDS_OF_STUDY)),
  state: z.array(z.enum(US_STATE_CODES)),
  grade_level: z.array(z.enum(GRADE_LEVELS)),
  citizenship: z.array(z.enum(CITIZENSHIP_STATUSES)),
  award_min: z.number().nullable(),
  award_max: z.number().nullable(),
  deadline_from: calendarDateText.nullable(),
  deadline_to: calendarDateText.nullable(),
  basis: z.enum(AWARD_BASES).nullable(),
  sort: z.enum(SEARCH_SORTS),
  limit: z.int().min(1),
  facets: z.boolean(),
});

function countsOf<const Values extends readonly [string, ...string[]]>(values: Values) {
  return z.record(z.enum(values), z.int().min(0));
}

/** Matches per filter value; each dimension ignores its own filter. */
export const searchFacetsSchema = z.strictObject({
  field_of_study: countsOf(FIELDS_OF_STUDY),
  grade_level: countsOf(GRADE_LEVELS),
  citizenship: countsOf(CITIZENSHIP_STATUSES),
  state: countsOf(US_STATE_CODES),
  basis: countsOf(AWARD_BASES),
});

/** One page of search results. */
export const searchPageSchema = z.strictObject({
  items: z.array(searchHitSchema),
  /** Matches across all pages, counted exactly up to 1,000. */
  total: z.int().min(0),
  /** False when more than `total` scholarships match: `total` is then 1,000 and means "1,000 or more". */
  totalExact: z.boolean(),
  /** Cursor of the next page, `null` on the last page. */
  nextCursor: z.string().nullable(),
  query: appliedSearchQuerySchema,
  /** The keyword searched in place of q when a spelling correction matched more. */
  correctedQuery: z.string().nullable(),
  /** Present with `facets=true`. */
  facets: searchFacetsSchema.optional(),
});

/** Completions and scholarship names for search-as-you-type. */
export const suggestResultSchema = z.strictObject({
  /**
   * Completions of the last word. For a single word, most common first, with the number of
   * scholarships containing it. After earlier words, only completions that match open
   * scholarships together with them, most matches first, counted up to 100.
   */
  terms: z.array(z.strictObject({ text: z.string(), scholarships: z.int().min(0) })),
  /** Open scholarships whose name starts with the typed text, in name order. */
  scholarships: z.array(z.strictObject({ id: z.uuid(), name: z.string() })),
  query: z.strictObject({ q: z.string(), limit: z.int().min(1) }),
});

export type SearchHit = z.output<typeof searchHitSchema>;
export type AppliedSearchQuery = z.output<typeof appliedSearchQuerySchema>;
export type SearchFacets = z.output<typeof searchFacetsSchema>;
export type SearchPage = z.output<typeof searchPageSchema>;
export type SuggestResult = z.output<typeof suggestResultSchema>;
