/**
 * SQL pieces shared by the search and facet statements. Every piece reads the
 * scholarship row as `s` and takes its values from named Knex bindings, so
 * that one statement text serves every value of a filter.
 */

import { splitJoinedWords } from './joined-words';

export const DOCUMENT = 's.search_document';

/**
 * The keyword parsed in web search syntax. When `:q_split` is set
 * (`keywordBindings`), it is the union of the typed keyword and the keyword
 * with its slash- or hyphen-joined words written apart.
 */
const PARSED_KEYWORD = `CASE WHEN :q_split::text IS NULL
    THEN websearch_to_tsquery('english', :q::text)
    ELSE websearch_to_tsquery('english', :q::text) || websearch_to_tsquery('english', :q_split::text)
  END`;

/**
 * The parsed keyword, as a scalar subquery so that PostgreSQL parses it once
 * per statement (an InitPlan) rather than once per row and use. A generic
 * plan otherwise calls `websearch_to_tsquery($1)` for every match in the
 * rank, the name test and the headline: ranking the 4,621 matches of
 * "computer science" among 103,813 rows took 76 ms that way and 38 ms with
 * the subquery. The GIN index still serves `@@` on the InitPlan's value.
 *
 * It is NULL, which matches nothing, when the keyword has words but none to
 * find: `querytree` is `T` for a query the index cannot serve, such as
 * exclusions alone (`the -dental`) or a union with such a form. That query
 * would match nearly every scholarship, and ranking them all would take
 * seconds on a large catalogue. A keyword of stop words only stays the empty
 * query (`numnode` 0), which the search drops.
 */
export const KEYWORD = `(SELECT CASE
    WHEN numnode(parsed.query) > 0 AND querytree(parsed.query) = 'T' THEN NULL
    ELSE parsed.query
  END
  FROM (SELECT ${PARSED_KEYWORD} AS query) AS parsed)`;
export const KEYWORD_MATCH = `${DOCUMENT} @@ ${KEYWORD}`;

/**
 * Whether the parsed keyword is one word of ASCII letters and digits, such as
 * `'memori'`. Only such words have rows in `search_name_postings` (migration
 * 011), keyed by this same text.
 */
export const PLAIN_KEYWORD = `(${KEYWORD})::text ~ '^''[a-z0-9]+''$'`;

/** Whether the scholarship's name alone matches the whole keyword query. */
export const NAME_MATCH = `s.name_document @@ ${KEYWORD}`;

/**
 * Relevance of a document in [0, 2): `ts_rank_cd` over the weighted document
 * scaled into [0, 1) by normalization 32, plus `nameBonus` (1 when the name
 * alone matches the whole keyword query, else 0). Without the bonus,
 * descriptions that repeat a word dozens of times outranked scholarships
 * named after it. Every name match therefore outranks every other match.
 */
export function rankOf(document: string, nameBonus: string): string {
  return `(ts_rank_cd(${document}, ${KEYWORD}, 32) + ${nameBonus})::real`;
}

/** Relevance of the scholarship row `s`. */
export const RANK = rankOf(DOCUMENT, `CASE WHEN ${NAME_MATCH} THEN 1 ELSE 0 END`);

/**
 * Largest and smallest amount of an award in US dollars, NULL when unknown.
 * No exchange rates are applied, so an award in another currency counts as
 * unknown. An amount with no stated currency is taken as dollars.
 */
const DOLLARS = `coalesce(s.award_currency, 'USD') = 'USD'`;
export const MAX_DOLLARS = `CASE WHEN ${DOLLARS} THEN coalesce(s.award_amount_max, s.award_amount_min) END`;
export const MIN_DOLLARS = `CASE WHEN ${DOLLARS} THEN coalesce(s.award_amount_min, s.award_amount_max) END`;

/** The four eligibility list columns, which are also facet dimensions. */
export const LIST_FILTER_COLUMNS = [
  'field_of_study',
  'grade_level',
  'citizenship',
  'state',
] as const;
export type ListFilterColumn = (typeof LIST_FILTER_COLUMNS)[number];

/** Matches rows whose array shares a requested value or is empty, which means "no restriction". */
export function listFilter(column: ListFilterColumn): string {
  return `(:${column}::text[] IS NULL OR cardinality(s.${column}) = 0 OR s.${column} && :${column}::text[])`;
}

export const BASIS_FILTER = '(:basis::text IS NULL OR s.basis = :basis::text)';

/**
 * The basis filter of a statement that always has a basis. Unlike
 * `BASIS_FILTER`, a generic plan can use it as an index condition.
 */
const BASIS_GIVEN = 's.basis = :basis::text';

/**
 * Amount filters keep scholarships whose dollar range [min, max] overlaps the
 * requested one, and a single published figure is both bounds. Scholarships
 * with no dollar amount match only when no amount filter is given.
 */
export const AMOUNT_FILTERS = [
  `(:award_min::numeric IS NULL OR ${MAX_DOLLARS} >= :award_min::numeric)`,
  `(:award_max::numeric IS NULL OR ${MIN_DOLLARS} <= :award_max::numeric)`,
];

/** Sort key of `sort=deadline`. Undated scholarships sort after every date. */
export const DEADLINE_KEY = `coalesce(s.deadline, 'infinity'::date)`;

/**
 * Without deadline bounds, deadlines from `today` on and undated scholarships
 * match. With either bound, only dated scholarships in the range match, and
 * the lower bound defaults to `today`.
 *
 * It stays a CASE over NULL-able parameters on purpose, because a generic
 * plan cannot use an index for it. A range over parameters would invite a
 * bitmap scan: the planner estimates such a range at 0.5 % of the rows, while
 * the default window matches nearly all of them. A count over 103,813 rows
 * took 76 ms that way against 13 ms with a sequential scan. A custom
 * plan folds the CASE, which lets a narrow explicit range use an index.
 */
export const DEADLINE_WINDOW = `(
  CASE
    WHEN :deadline_from::date IS NULL AND :deadline_to::date IS NULL
      THEN s.deadline IS NULL OR s.deadline >= :today::date
    ELSE s.deadline >= coalesce(:deadline_from::date, :today::date)
      AND (:deadline_to::date IS NULL OR s.deadline <= :deadline_to::date)
  END)`;

/** Every filter except the keyword and the four list filters and basis, which facets count. */
export const NON_FACET_FILTERS = [...AMOUNT_FILTERS, DEADLINE_WINDOW];

/** Every filter except the keyword. */
export const ALL_FILTERS = [
  ...LIST_FILTER_COLUMNS.map(listFilter),
  ...AMOUNT_FILTERS,
  BASIS_FILTER,
  DEADLINE_WINDOW,
];

/** Every filter except the keyword, for statements that always have a basis. */
export const ALL_FILTERS_WITH_BASIS = ALL_FILTERS.map((filter) =>
  filter === BASIS_FILTER ? BASIS_GIVEN : filter,
);

/** Bindings of the keyword for `KEYWORD`: the typed text and its form with joined words apart. */
export function keywordBindings(keyword: string): { q: string; q_split: string | null } {
  return { q: keyword, q_split: splitJoinedWords(keyword) };
}

/**
 * Days since 1970-01-01 of the row's deadline as a float, NULL when undated.
 * A date column may hold infinity, which no subtraction accepts, so it maps
 * to a float's infinity.
 */
export const DEADLINE_DAY = `CASE
    WHEN s.deadline = 'infinity' THEN 'Infinity'::float8
    WHEN s.deadline = '-infinity' THEN '-Infinity'::float8
    ELSE (s.deadline - DATE '1970-01-01')::float8
  END`;
