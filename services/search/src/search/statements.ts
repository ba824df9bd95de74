import type { SearchQuery, SearchSort } from '@scholarships/api-contract';
import type { Knex, Statement } from '@scholarships/db';
import { toStatement } from '@scholarships/db';
import { type CursorPosition, NO_DEADLINE_SORT_KEY, UNKNOWN_AMOUNT_SORT_KEY } from './cursor';
import {
  ALL_FILTERS,
  ALL_FILTERS_WITH_BASIS,
  DEADLINE_KEY,
  DOCUMENT,
  KEYWORD,
  KEYWORD_MATCH,
  keywordBindings,
  MAX_DOLLARS,
  NAME_MATCH,
  PLAIN_KEYWORD,
  RANK,
  rankOf,
} from './sql-fragments';
import { RESULT_COLUMNS } from './summary';

/**
 * Statement text depends only on the shape (sort, and whether q is given),
 * and every filter is a NULL-able parameter (`:x IS NULL OR ...`). The
 * keyword test stays outside that pattern, because an `OR` around `@@` would
 * keep a generic plan from using the GIN index. The NULL-able filters cost
 * little in a generic plan: no B-tree could serve the array filters anyway,
 * and the page and count paths that matter are index scans on the keyword,
 * the sort key or `idx_scholarships_browse_count` (see the README).
 */
export interface SearchShape {
  sort: SearchSort;
  keyword: boolean;
  /**
   * Whether a search without keyword has a basis (need or merit). Need-based
   * scholarships are about 1 % of the catalogue, so such a search has few
   * matches, and its count and page read indexes that start with the basis
   * (migration 014) instead of filtering every row in the window. Always
   * false with a keyword, where the GIN index finds the matches.
   */
  basis: boolean;
}

interface SortSpec {
  /** Expression of the sort key over `s`, the scholarship row. */
  key: string;
  /** SQL type that a cursor key is cast to. */
  keyType: 'real' | 'date' | 'numeric';
  direction: 'ASC' | 'DESC';
}

/**
 * The amount key, the largest dollar amount the award can reach, with unknown
 * and non-dollar amounts last. Migration 007 indexes exactly this expression.
 */
export const AMOUNT_KEY = `coalesce(${MAX_DOLLARS}, ${UNKNOWN_AMOUNT_SORT_KEY})`;

const SORTS: Record<SearchSort, SortSpec> = {
  relevance: { key: RANK, keyType: 'real', direction: 'DESC' },
  deadline: { key: DEADLINE_KEY, keyType: 'date', direction: 'ASC' },
  amount: { key: AMOUNT_KEY, keyType: 'numeric', direction: 'DESC' },
};

/**
 * Keyset position before the first row of each sort. Binding it on the first
 * page keeps the statement free of an `:after IS NULL OR` test, so that the
 * row comparison can bound an index scan. The id is the smallest or largest
 * UUID, so that every row with the same key still follows it.
 */
const FIRST_PAGE_POSITIONS: Record<SearchSort, CursorPosition> = {
  relevance: { key: 'Infinity', id: 'ffffffff-ffff-ffff-ffff-ffffffffffff' },
  deadline: { key: '-infinity', id: '00000000-0000-0000-0000-000000000000' },
  amount: { key: 'Infinity', id: 'ffffffff-ffff-ffff-ffff-ffffffffffff' },
};

/** Largest finite PostgreSQL date, the upper key of a deadline range without `deadline_to`. */
const LAST_FINITE_DATE = '5874897-12-31';

const RESULT_SELECT_LIST = RESULT_COLUMNS.map((column) => `s.${column}`);

/**
 * Characters of the description sent for a snippet without q, which the
 * route shortens further. With q, the whole description is sent, and the
 * route picks the passage around the keyword (`keywordSnippet`).
 */
const DESCRIPTION_PREFIX_LENGTH = 400;

/** Returns the condition that a row, by its sort key and id, comes after the keyset position. */
function keysetCondition(sort: SortSpec, key: string, id = 's.id'): string {
  const after = sort.direction === 'ASC' ? '>' : '<';
  return `(${key}, ${id}) ${after} (:after_key::${sort.keyType}, :after_id::uuid)`;
}

/**
 * Largest total that a search reports exactly. Where the count is a scan of
 * its own, it stops one match past this: a page without keyword, and a
 * relevance page that reads only name matches. On 103,813 rows, counting
 * every match of a page without keyword took 13 to 25 ms, against about 1 ms
 * for the page. A statement that reads every match anyway counts them all,
 * and the routes cap its total in the same way, so `total` has one meaning.
 */
export const EXACT_TOTAL_LIMIT = 1000;

/** Subquery that counts every row of `matches`, the total of a statement that reads every match anyway. */
const COUNT_MATCHES = 'SELECT count(*) FROM matches';

/**
 * Returns a subquery that counts the rows meeting `conditions`, stopping after
 * `count_limit` (one more than `EXACT_TOTAL_LIMIT`).
 */
function cappedCount(conditions: readonly string[]): string {
  return `SELECT count(*) FROM (
    SELECT 1 FROM scholarships AS s
    WHERE ${conditions.join('\n      AND ')}
    LIMIT :count_limit::integer
  ) AS counted`;
}

/**
 * Builds the part of a keyword statement that follows its `matches` CTE,
 * which contains the id and sort key of every match that can be on the page.
 * `total` is the scalar expression of the total. The page joins back to
 * `scholarships` for its own rows only, so the document is read once per
 * match. The `totals` row is always returned, so an empty page still carries
 * the total. `keyword_nodes` is 0 when the keyword has no searchable word,
 * such as `the and of`, and NULL when it has no word to find, such as
 * `the -dental`.
 */
function keywordPageText(sort: SortSpec, rankColumn: string, total: string): string {
  const direction = sort.direction;
  return `
SELECT totals.total, totals.keyword_nodes, totals.keyword_query, page.sort_key,
  ${rankColumn} AS rank, ${RESULT_SELECT_LIST.join(', ')},
  s.description AS description_text
FROM (
  SELECT ${total} AS total, numnode(${KEYWORD}) AS keyword_nodes,
    (${KEYWORD})::text AS keyword_query
) AS totals
LEFT JOIN LATERAL (
  SELECT m.id, m.sort_key
  FROM matches AS m
  WHERE ${keysetCondition(sort, 'm.sort_key', 'm.id')}
  ORDER BY m.sort_key ${direction}, m.id ${direction}
  LIMIT :row_limit::integer
) AS page ON true
LEFT JOIN scholarships AS s ON s.id = page.id
ORDER BY page.sort_key ${direction}, page.id ${direction}`;
}

/**
 * Builds the text of a keyword shape sorted by deadline or amount. Only the
 * rows of the page are ranked.
 */
function keywordStatementText(shape: SearchShape): string {
  const sort = SORTS[shape.sort];
  return `
WITH matches AS MATERIALIZED (
  SELECT s.id, ${sort.key} AS sort_key
  FROM scholarships AS s
  WHERE ${[KEYWORD_MATCH, ...ALL_FILTERS].join('\n    AND ')}
)${keywordPageText(sort, RANK, `(${COUNT_MATCHES})`)}`;
}

/**
 * Builds the text of a keyword search sorted by relevance. Every name match
 * outranks every other match (see `rankOf`). So when at least `row_limit`
 * name matches follow the keyset position, the page contains only name
 * matches, and the other matches are neither read nor ranked.
 *
 * `fill` checks that once. For a one-word keyword (`PLAIN_KEYWORD`),
 * `postings` reads the page's name matches in rank order from
 * `search_name_postings` and stops after `row_limit` of them, so no match is
 * ranked at query time. For any other keyword, the check reads at most
 * `row_limit` name-matching rows through the name index. Each branch of
 * `matches` runs only when `fill` selects it: the postings, the name matches
 * ranked here, or every match. A cursor below 1 comes from a row that is not
 * a name match, and no name match can follow it, so such a page skips the
 * check. When only name matches are read, the total is a count of its own
 * that stops after `count_limit` matches; otherwise it counts `matches`.
 */
function relevanceStatementText(): string {
  const sort = SORTS.relevance;
  const conditions = [KEYWORD_MATCH, ...ALL_FILTERS];
  // Name matches are found through the name index alone: the whole keyword is tested on each
  // of them, rather than intersecting with the document index, which read every document match.
  const nameConditions = [NAME_MATCH, `(${KEYWORD_MATCH}) IS TRUE`, ...ALL_FILTERS];
  return `
WITH postings AS MATERIALIZED (
  SELECT p.scholarship_id AS id, p.sort_key
  FROM search_name_postings AS p
  JOIN scholarships AS s ON s.id = p.scholarship_id
  WHERE ${PLAIN_KEYWORD} AND :after_key::real >= 1
    AND p.query = (${KEYWORD})::text
    AND ${keysetCondition(sort, 'p.sort_key', 'p.scholarship_id')}
    AND ${ALL_FILTERS.join('\n    AND ')}
  ORDER BY p.sort_key DESC, p.scholarship_id DESC
  LIMIT :row_limit::integer
),
fill AS (
  SELECT ${PLAIN_KEYWORD} AS plain, :after_key::real >= 1 AND CASE
    WHEN ${PLAIN_KEYWORD} THEN (SELECT count(*) >= :row_limit::integer FROM postings)
    ELSE (
      SELECT count(*) >= :row_limit::integer FROM (
        SELECT 1 FROM scholarships AS s
        WHERE ${nameConditions.join('\n          AND ')}
          AND ${keysetCondition(sort, rankOf(DOCUMENT, '1'))}
        LIMIT :row_limit::integer
      ) AS filling
    )
  END AS names_fill
),
matches AS MATERIALIZED (
  SELECT id, sort_key
  FROM postings
  WHERE (SELECT names_fill AND plain FROM fill)
  UNION ALL
  SELECT s.id, ${rankOf(DOCUMENT, '1')} AS sort_key
  FROM scholarships AS s
  WHERE (SELECT names_fill AND NOT plain FROM fill)
    AND ${nameConditions.join('\n    AND ')}
  UNION ALL
  SELECT s.id, ${RANK} AS sort_key
  FROM scholarships AS s
  WHERE NOT (SELECT names_fill FROM fill)
    AND ${conditions.join('\n    AND ')}
)${keywordPageText(
    sort,
    'page.sort_key',
    `CASE WHEN NOT (SELECT names_fill FROM fill) THEN (${COUNT_MATCHES})
      WHEN (${COUNT_MATCHES}) >= :count_limit::integer THEN :count_limit::integer
      ELSE (${cappedCount(conditions)}) END`,
  )}`;
}

/**
 * Builds the text of a shape without keyword. The count and the page are
 * separate scans: the page walks the sort-key index of migration 007 from
 * the keyset position and stops after `row_limit` rows, and the count stops
 * after `count_limit` matches. The `key_upper` bound lets the page scan stop
 * at the end of an explicit deadline range.
 */
function browseStatementText(shape: SearchShape): string {
  const sort = SORTS[shape.sort];
  const filters = shape.basis ? ALL_FILTERS_WITH_BASIS : ALL_FILTERS;
  const pageConditions = [...filters, keysetCondition(sort, sort.key)];
  if (shape.sort === 'deadline') pageConditions.push(`${DEADLINE_KEY} <= :key_upper::date`);
  return `
SELECT totals.total, NULL::integer AS keyword_nodes, NULL::text AS keyword_query, page.*
FROM (${cappedCount(filters)}) AS totals (total)
LEFT JOIN LATERAL (
  SELECT ${sort.key} AS sort_key, NULL::real AS rank, ${RESULT_SELECT_LIST.join(', ')},
    left(s.description, ${DESCRIPTION_PREFIX_LENGTH}) AS description_text
  FROM scholarships AS s
  WHERE ${pageConditions.join('\n    AND ')}
  ORDER BY ${sort.key} ${sort.direction}, s.id ${sort.direction}
  LIMIT :row_limit::integer
) AS page ON true
ORDER BY page.sort_key ${sort.direction}, page.id ${sort.direction}`;
}

/**
 * Builds the text of one shape. A single statement returns the total and the
 * page from one snapshot. A separate count statement run in parallel was
 * measured against this on 3,837 rows (2 vCPU): browsing without q took about
 * 7 ms that way against 3 to 4 ms in one statement.
 */
export function searchStatementText(shape: SearchShape): string {
  if (!shape.keyword) return browseStatementText(shape);
  return shape.sort === 'relevance' ? relevanceStatementText() : keywordStatementText(shape);
}

/** Returns the statement name of a shape. Each name maps to exactly one text. */
export function searchStatementName(shape: SearchShape): string {
  if (shape.sort === 'relevance') return 'search_by_relevance';
  if (shape.keyword) return `search_by_${shape.sort}_with_keyword`;
  return `search_by_${shape.sort}${shape.basis ? '_with_basis' : ''}`;
}

function emptyToNull<Value>(values: readonly Value[]): Value[] | null {
  return values.length === 0 ? null : [...values];
}

/** Bindings of every filter, shared with the facet statement. */
export function filterBindings(query: SearchQuery, today: string) {
  return {
    field_of_study: emptyToNull(query.fieldOfStudy),
    state: emptyToNull(query.state),
    grade_level: emptyToNull(query.gradeLevel),
    citizenship: emptyToNull(query.citizenship),
    award_min: query.awardMin,
    award_max: query.awardMax,
    basis: query.basis,
    deadline_from: query.deadlineFrom,
    deadline_to: query.deadlineTo,
    today,
  };
}

/**
 * First page position of a deadline page: the lower end of the deadline
 * window, so that the index scan starts there rather than at past deadlines.
 */
function firstDeadlinePosition(query: SearchQuery, today: string): CursorPosition {
  const start = FIRST_PAGE_POSITIONS.deadline;
  return { key: query.deadlineFrom ?? today, id: start.id };
}

/**
 * Returns the upper sort key of a deadline page: `infinity`, which includes
 * undated rows, without deadline bounds, otherwise the last date of the range.
 */
function deadlineKeyUpper(query: SearchQuery): string {
  if (query.deadlineTo !== null) return query.deadlineTo;
  return query.deadlineFrom === null ? NO_DEADLINE_SORT_KEY : LAST_FINITE_DATE;
}

/** Returns the keyset position before the first row of a keyword page sorted by `sort`. */
export function firstPagePosition(sort: SearchSort): CursorPosition {
  return FIRST_PAGE_POSITIONS[sort];
}

function pagePosition(
  query: SearchQuery,
  shape: SearchShape,
  after: CursorPosition | null,
  today: string,
): CursorPosition {
  if (after !== null) return after;
  if (shape.sort === 'deadline' && !shape.keyword) return firstDeadlinePosition(query, today);
  return FIRST_PAGE_POSITIONS[shape.sort];
}

/**
 * Builds the search statement of `query` with `keyword` as its q (the typed
 * keyword, a spelling correction of it, or `null` to search without one).
 * It requests one row more than `limit`, so that the route can tell whether
 * another page follows. `today` is the ISO date that starts the default
 * deadline window.
 */
export function searchScholarships(
  knex: Knex,
  query: SearchQuery,
  after: CursorPosition | null,
  today: string,
  keyword: string | null = query.q,
): Statement {
  const sort = keyword === null && query.sort === 'relevance' ? 'deadline' : query.sort;
  const shape: SearchShape = {
    sort,
    keyword: keyword !== null,
    basis: keyword === null && query.basis !== null,
  };
  const position = pagePosition(query, shape, after, today);
  const bindings = {
    ...filterBindings(query, today),
    ...(keyword === null ? {} : keywordBindings(keyword)),
    ...(shape.keyword && shape.sort !== 'relevance' ? {} : { count_limit: EXACT_TOTAL_LIMIT + 1 }),
    ...(shape.sort === 'deadline' && !shape.keyword ? { key_upper: deadlineKeyUpper(query) } : {}),
    after_key: position.key,
    after_id: position.id,
    row_limit: query.limit + 1,
  };
  return toStatement(searchStatementName(shape), knex.raw(searchStatementText(shape), bindings));
}
