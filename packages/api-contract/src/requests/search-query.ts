import {
  AWARD_BASES,
  type AwardBasis,
  CITIZENSHIP_STATUSES,
  type CitizenshipStatus,
  FIELDS_OF_STUDY,
  type FieldOfStudy,
  GRADE_LEVELS,
  type GradeLevel,
  US_STATE_CODES,
  type UsStateCode,
} from '@scholarships/contracts';
import { z } from 'zod';
import { storableCalendarDate } from './calendar-date';
import { keywordTerms, longestMinusRun } from './keyword-terms';
import { singleLineText, withoutSoftHyphens } from './plain-text';
import { singleText } from './single-text';

/** Message of every malformed search cursor; the search service reuses it for cursors that fail later checks. */
export const INVALID_CURSOR_MESSAGE =
  'is invalid. Pass nextCursor from the previous response unchanged';

export const MAX_KEYWORD_LENGTH = 200;
/** Maximum number of runs of letters and digits in a keyword, each a term that every match is checked for. */
export const MAX_KEYWORD_WORDS = 24;
/**
 * Maximum number of excluded terms in a keyword. PostgreSQL checks each against every
 * match and cannot use the index for them, so a keyword of many exclusions
 * costs seconds on a large catalogue.
 */
export const MAX_EXCLUDED_TERMS = 4;
/**
 * Maximum number of minus signs before one word or phrase. One minus sign excludes the term and
 * more add nothing, but PostgreSQL fails the statement on a run of about 32 (see `longestMinusRun`).
 */
export const MAX_MINUS_SIGNS = 10;

/** Adds an issue when a keyword puts more than `MAX_MINUS_SIGNS` minus signs before one term. */
export function checkMinusSigns(keyword: string, context: z.RefinementCtx): void {
  const run = longestMinusRun(keyword);
  if (run > MAX_MINUS_SIGNS) {
    context.addIssue({
      code: 'custom',
      message: `must contain at most ${MAX_MINUS_SIGNS} minus signs in a row before a word (found ${run}). One minus sign, as in -dental, excludes the word`,
    });
  }
}
export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 50;
/** Maximum accepted award bound in US dollars, far above any real award. */
export const MAX_AWARD_FILTER = 1_000_000_000;

export const SEARCH_SORTS = ['relevance', 'deadline', 'amount'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** A validated search request with defaults applied. List filters are in vocabulary order. */
export interface SearchQuery {
  q: string | null;
  fieldOfStudy: FieldOfStudy[];
  state: UsStateCode[];
  gradeLevel: GradeLevel[];
  citizenship: CitizenshipStatus[];
  awardMin: number | null;
  awardMax: number | null;
  /** ISO date. `null` together with `deadlineTo` means "upcoming or undated". */
  deadlineFrom: string | null;
  deadlineTo: string | null;
  basis: AwardBasis | null;
  sort: SearchSort;
  limit: number;
  /** The opaque cursor as sent, decoded against the rest of the query later. */
  cursor: string | null;
  /** Whether the response carries facet counts. */
  facets: boolean;
}

/**
 * Parses a filter that may repeat (`state=TX&state=CA`) or list values with commas
 * (`state=TX,CA`). Values are matched without regard to case, empty items are
 * ignored, and any value outside `vocabulary` rejects the parameter with the
 * allowed values listed.
 */
function vocabularyList<const Value extends string>(
  vocabulary: readonly Value[],
  letterCase: 'lower' | 'upper',
) {
  const allowed = new Set<string>(vocabulary);
  return z
    .union([z.string(), z.array(z.string())], { error: 'must be a text value' })
    .meta({
      description: `One or more of: ${vocabulary.join(', ')}; repeated or comma-separated, in any letter case`,
    })
    .transform((input, ctx): Value[] => {
      const items = (Array.isArray(input) ? input : [input])
        .flatMap((part) => part.split(','))
        .map((item) => item.trim())
        .filter((item) => item.length > 0)
        .map((item) => (letterCase === 'lower' ? item.toLowerCase() : item.toUpperCase()));
      const unknown = [...new Set(items.filter((item) => !allowed.has(item)))];
      if (unknown.length > 0) {
        ctx.issues.push({
          code: 'custom',
          input,
          message: `contains unknown values: ${unknown.join(', ')} (allowed values: ${vocabulary.join(', ')})`,
        });
        return z.NEVER;
      }
      const requested = new Set(items);
      return vocabulary.filter((value) => requested.has(value));
    });
}

function awardAmount() {
  return singleText()
    .trim()
    .regex(/^\d+(\.\d+)?$/, { error: 'must be a non-negative number, such as 500 or 1000.50' })
    .transform(Number)
    .pipe(z.number().max(MAX_AWARD_FILTER, { error: `must be at most ${MAX_AWARD_FILTER}` }));
}

function isoDate() {
  return singleText()
    .trim()
    .pipe(
      storableCalendarDate(
        'must be a calendar date in YYYY-MM-DD form from year 0001 on, such as 2026-03-01',
      ),
    );
}

const limitError = `must be an integer from 1 to ${MAX_SEARCH_LIMIT}`;

/**
 * Rejects keywords that would cost far more than a search should: more than
 * `MAX_KEYWORD_WORDS` words, more than `MAX_EXCLUDED_TERMS` exclusions, or
 * only exclusions and stop words, in the whole keyword or in an alternative,
 * which would match nearly every scholarship. A keyword without any letter
 * or digit, or of stop words alone, passes, and the search treats it as absent.
 */
/**
 * Adds an issue when a keyword excludes more than `MAX_EXCLUDED_TERMS` words or phrases, each of
 * which is checked against every candidate row.
 */
function checkExcludedCount(excluded: number, context: z.RefinementCtx): void {
  if (excluded > MAX_EXCLUDED_TERMS) {
    context.addIssue({
      code: 'custom',
      message: `must exclude at most ${MAX_EXCLUDED_TERMS} words or phrases with a minus sign (found ${excluded})`,
    });
  }
}

/**
 * Checks the text typed into the suggestion box as search would check the keyword it becomes:
 * at most `MAX_EXCLUDED_TERMS` exclusions and no long run of minus signs. Text being typed may
 * still lack a word to find, so that rule is left to search.
 */
export function checkTypedKeyword(typed: string, context: z.RefinementCtx): void {
  checkExcludedCount(keywordTerms(typed).excluded, context);
  checkMinusSigns(typed, context);
}

function checkKeywordTerms(keyword: string, context: z.RefinementCtx): void {
  const terms = keywordTerms(keyword);
  if (terms.words > MAX_KEYWORD_WORDS) {
    context.addIssue({
      code: 'custom',
      message: `must contain at most ${MAX_KEYWORD_WORDS} words (found ${terms.words})`,
    });
  }
  checkExcludedCount(terms.excluded, context);
  if (terms.excludingAlternatives > 0) {
    context.addIssue({
      code: 'custom',
      message:
        'must not offer an alternative without a word to find other than a stop word such as "the" (nursing or -dental, nursing or the -dental): it would match nearly every scholarship',
    });
  }
  if (terms.excluded > 0 && terms.included === 0) {
    context.addIssue({
      code: 'custom',
      message:
        'must contain a word to search for other than a stop word such as "the": a word after a minus sign, such as -dental, only excludes',
    });
  }
  checkMinusSigns(keyword, context);
}

const rawSearchQuery = z.strictObject({
  // PostgreSQL text cannot hold NUL, and no other control character belongs in a keyword.
  q: singleLineText(
    singleText()
      .overwrite(withoutSoftHyphens)
      .trim()
      .max(MAX_KEYWORD_LENGTH, { error: `must be at most ${MAX_KEYWORD_LENGTH} characters` }),
  )
    .superRefine(checkKeywordTerms)
    .meta({
      description: `Keywords, at most ${MAX_KEYWORD_LENGTH} characters and ${MAX_KEYWORD_WORDS} words, in web search syntax: "registered nurse" for a phrase, -dental to exclude (at most ${MAX_EXCLUDED_TERMS} exclusions, beside at least one word to find that is not a stop word such as the, also in each alternative), or between alternatives`,
    })
    .optional(),
  field_of_study: vocabularyList(FIELDS_OF_STUDY, 'lower').optional(),
  state: vocabularyList(US_STATE_CODES, 'upper').optional(),
  grade_level: vocabularyList(GRADE_LEVELS, 'lower').optional(),
  citizenship: vocabularyList(CITIZENSHIP_STATUSES, 'lower').optional(),
  award_min: awardAmount()
    .meta({ description: 'Keeps awards whose maximum is at least this many US dollars' })
    .optional(),
  award_max: awardAmount()
    .meta({
      description:
        'Keeps awards whose minimum is at most this many US dollars; not below award_min',
    })
    .optional(),
  deadline_from: isoDate()
    .meta({ description: 'Earliest deadline, YYYY-MM-DD; default today (UTC)' })
    .optional(),
  deadline_to: isoDate()
    .meta({ description: 'Latest deadline, YYYY-MM-DD; not before deadline_from' })
    .optional(),
  basis: singleText()
    .trim()
    .toLowerCase()
    .pipe(z.enum(AWARD_BASES, { error: `must be one of: ${AWARD_BASES.join(', ')}` }))
    .meta({ description: `One of: ${AWARD_BASES.join(', ')}, in any letter case` })
    .optional(),
  sort: singleText()
    .trim()
    .toLowerCase()
    .pipe(z.enum(SEARCH_SORTS, { error: `must be one of: ${SEARCH_SORTS.join(', ')}` }))
    .meta({
      description: `relevance (needs q), deadline (soonest first) or amount (largest first); default relevance with q, else deadline`,
    })
    .optional(),
  limit: singleText()
    .trim()
    .regex(/^\d+$/, { error: limitError })
    .transform(Number)
    .pipe(z.number().min(1, { error: limitError }).max(MAX_SEARCH_LIMIT, { error: limitError }))
    .meta({
      description: `Results per page, from 1 to ${MAX_SEARCH_LIMIT}; default ${DEFAULT_SEARCH_LIMIT}`,
    })
    .optional(),
  cursor: singleText()
    .max(1000, { error: INVALID_CURSOR_MESSAGE })
    .meta({
      description: 'The nextCursor of the previous page, with the rest of the query unchanged',
    })
    .optional(),
  facets: singleText()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['true', 'false'], { error: 'must be true or false' }))
    .meta({ description: 'true adds counts per filter value to the response; default false' })
    .optional(),
});

type RawSearchQuery = z.output<typeof rawSearchQuery>;

/** Checks pairs of parameters. Each issue names the parameter to change. */
function checkParameterPairs(query: RawSearchQuery, ctx: z.RefinementCtx): void {
  const keyword = query.q === undefined || query.q === '' ? undefined : query.q;
  if (
    query.award_min !== undefined &&
    query.award_max !== undefined &&
    query.award_min > query.award_max
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['award_min'],
      message: `must not be greater than award_max (${query.award_min} > ${query.award_max})`,
    });
  }
  if (
    query.deadline_from !== undefined &&
    query.deadline_to !== undefined &&
    query.deadline_from > query.deadline_to
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['deadline_from'],
      message: `must not be after deadline_to (${query.deadline_from} > ${query.deadline_to})`,
    });
  }
  if (query.sort === 'relevance' && keyword === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['sort'],
      message: 'must be deadline or amount when q is absent, because relevance needs a keyword',
    });
  }
}

function withDefaults(query: RawSearchQuery): SearchQuery {
  const q = query.q === undefined || query.q === '' ? null : query.q;
  return {
    q,
    fieldOfStudy: query.field_of_study ?? [],
    state: query.state ?? [],
    gradeLevel: query.grade_level ?? [],
    citizenship: query.citizenship ?? [],
    awardMin: query.award_min ?? null,
    awardMax: query.award_max ?? null,
    deadlineFrom: query.deadline_from ?? null,
    deadlineTo: query.deadline_to ?? null,
    basis: query.basis ?? null,
    sort: query.sort ?? (q === null ? 'deadline' : 'relevance'),
    limit: query.limit ?? DEFAULT_SEARCH_LIMIT,
    cursor: query.cursor ?? null,
    facets: query.facets === 'true',
  };
}

const KNOWN_PARAMETERS = new Set(Object.keys(rawSearchQuery.shape));

/** Drops known parameters with empty values, which HTML forms send for empty fields (`name=`). */
function dropEmptyValues(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  return Object.fromEntries(
    Object.entries(input).filter(([key, value]) => !(value === '' && KNOWN_PARAMETERS.has(key))),
  );
}

/** Query parameters of `GET /api/v1/search`. Unknown parameters are rejected. */
export const searchQuerySchema = z
  .preprocess(dropEmptyValues, rawSearchQuery)
  .superRefine(checkParameterPairs)
  .transform(withDefaults);
