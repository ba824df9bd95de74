import type { Knex, Statement } from '@scholarships/db';
import { toStatement } from '@scholarships/db';
import { type CursorPosition, NO_DEADLINE_SORT_KEY, UNKNOWN_AMOUNT_SORT_KEY } from './cursor';
import type { SearchQuery, SearchSort } from './schemas';

/**
 * Statement text depends only on the shape (sort, and whether q is given),
 * and every filter is a NULL-able parameter (`:x IS NULL OR ...`). The
 * keyword test stays outside that pattern, because an `OR` around `@@` would
 * keep a generic plan from using the GIN index. The NULL-able filters cost
 * little in a generic plan, because the eligibility columns are arrays that no
 * index covers and a deadline or amount range on a few thousand rows is cheap
 * to test row by row. Custom plans fold the NULL checks, so a deadline range
 * can still use `idx_scholarships_search`.
 */
export interface SearchShape {
  sort: SearchSort;
  keyword: boolean;
}

interface SortSpec {
  /** Expression of the sort key over `s`, the scholarship row. */
  key: string;
  /** SQL type that a cursor key is cast to. */
  keyType: 'real' | 'date' | 'numeric';
  direction: 'ASC' | 'DESC';
}

const DOCUMENT = 's.search_document';
const KEYWORD = `websearch_to_tsquery('english', :q::text)`;
/**
 * Relevance in [0, 2): 1 when the name alone matches the whole keyword query,
 * plus `ts_rank_cd` over the weighted document scaled into [0, 1) by
 * normalization 32. Without the name term, descriptions that repeat a word
 * dozens of times outranked scholarships named after it.
 */
const RANK = `(ts_rank_cd(${DOCUMENT}, ${KEYWORD}, 32)
    + CASE WHEN ts_filter(${DOCUMENT}, '{a}') @@ ${KEYWORD} THEN 1 ELSE 0 END)::real`;
/**
 * Largest and smallest amount of an award in US dollars, NULL when unknown.
 * No exchange rates are applied, so an award in another currency counts as
 * unknown. An amount with no stated currency is taken as dollars.
 */
const DOLLARS = `coalesce(s.award_currency, 'USD') = 'USD'`;
const MAX_DOLLARS = `CASE WHEN ${DOLLARS} THEN coalesce(s.award_amount_max, s.award_amount_min) END`;
const MIN_DOLLARS = `CASE WHEN ${DOLLARS} THEN coalesce(s.award_amount_min, s.award_amount_max) END`;

const HEADLINE_OPTIONS = 'MaxFragments=1, MinWords=15, MaxWords=35, StartSel="", StopSel=""';

const SORTS: Record<SearchSort, SortSpec> = {
  relevance: { key: RANK, keyType: 'real', direction: 'DESC' },
  deadline: {
    key: `coalesce(s.deadline, '${NO_DEADLINE_SORT_KEY}'::date)`,
    keyType: 'date',
    direction: 'ASC',
  },
  // The largest dollar amount the award can reach. Unknown and non-dollar amounts sort last.
  amount: {
    key: `coalesce(${MAX_DOLLARS}, ${UNKNOWN_AMOUNT_SORT_KEY})`,
    keyType: 'numeric',
    direction: 'DESC',
  },
};

/** Matches rows whose array shares a requested value or is empty, which means "no restriction". */
function arrayFilter(column: string): string {
  return `(:${column}::text[] IS NULL OR cardinality(s.${column}) = 0 OR s.${column} && :${column}::text[])`;
}

/**
 * Without deadline bounds, upcoming deadlines and undated scholarships match.
 * With either bound, only dated scholarships in the range match, and the
 * lower bound defaults to today.
 */
const DEADLINE_FILTER = `
  CASE
    WHEN :deadline_from::date IS NULL AND :deadline_to::date IS NULL
      THEN s.deadline IS NULL OR s.deadline >= current_date
    ELSE s.deadline >= coalesce(:deadline_from::date, current_date)
      AND (:deadline_to::date IS NULL OR s.deadline <= :deadline_to::date)
  END`;

/**
 * Amount filters keep scholarships whose dollar range [min, max] overlaps the
 * requested one, and a single published figure is both bounds. Scholarships
 * with no dollar amount match only when no amount filter is given.
 */
const FILTERS = [
  arrayFilter('field_of_study'),
  arrayFilter('state'),
  arrayFilter('grade_level'),
  arrayFilter('citizenship'),
  `(:award_min::numeric IS NULL OR ${MAX_DOLLARS} >= :award_min::numeric)`,
  `(:award_max::numeric IS NULL OR ${MIN_DOLLARS} <= :award_max::numeric)`,
  '(:basis::text IS NULL OR s.basis = :basis::text)',
  `(${DEADLINE_FILTER})`,
];

const SUMMARY_COLUMNS = [
  'id',
  'name',
  'provider',
  'url',
  'award_amount_min',
  'award_amount_max',
  'award_currency',
  'award_text',
  'deadline',
  'deadline_published',
  'deadline_estimated',
  'field_of_study',
  'grade_level',
  'citizenship',
  'state',
  'gender',
  'min_gpa',
  'basis',
].map((column) => `s.${column}`);

/** Characters of the description sent for a snippet without q. The route shortens it further. */
const DESCRIPTION_PREFIX_LENGTH = 400;

/**
 * Builds the text of one shape. A single statement returns the total and the
 * page from one snapshot. `matches` contains only the id and sort key of
 * every match, `totals` counts them, and the page joins back to
 * `scholarships` for its own rows only. The `totals` row is always returned,
 * so an empty page still carries the total.
 *
 * A separate count statement run in parallel was measured against this on
 * 3,837 rows built from the files in `data/scholarships` (2 vCPU). Browsing
 * without q took about 7 ms that way against 3 to 4 ms here. Selective
 * keywords differed by 1 ms or less, and a keyword that matches most rows
 * ("scholarship") took 20 to 30 ms either way.
 */
export function searchStatementText(shape: SearchShape): string {
  const sort = SORTS[shape.sort];
  const where = shape.keyword ? [`${DOCUMENT} @@ ${KEYWORD}`, ...FILTERS] : FILTERS;
  const after = sort.direction === 'ASC' ? '>' : '<';
  const order = `m.sort_key ${sort.direction}, m.id ${sort.direction}`;
  const pageOrder = `page.sort_key ${sort.direction}, page.id ${sort.direction}`;
  // Relevance ranks every match to sort them, while other sorts rank only the rows of the page.
  const rankColumn = !shape.keyword
    ? 'NULL::real'
    : shape.sort === 'relevance'
      ? 'page.sort_key'
      : RANK;
  const headline = shape.keyword
    ? `ts_headline('english', s.description, ${KEYWORD}, '${HEADLINE_OPTIONS}')`
    : 'NULL::text';
  return `
WITH matches AS MATERIALIZED (
  SELECT s.id, ${sort.key} AS sort_key
  FROM scholarships AS s
  WHERE ${where.join('\n    AND ')}
)
SELECT totals.total, page.sort_key, ${rankColumn} AS rank, ${SUMMARY_COLUMNS.join(', ')},
  ${headline} AS headline,
  left(s.description, ${DESCRIPTION_PREFIX_LENGTH}) AS description_start
FROM (SELECT count(*) AS total FROM matches) AS totals
LEFT JOIN LATERAL (
  SELECT m.id, m.sort_key
  FROM matches AS m
  WHERE :after_id::uuid IS NULL
    OR (m.sort_key, m.id) ${after} (:after_key::${sort.keyType}, :after_id::uuid)
  ORDER BY ${order}
  LIMIT :row_limit::integer
) AS page ON true
LEFT JOIN scholarships AS s ON s.id = page.id
ORDER BY ${pageOrder}`;
}

/** Returns the statement name of a shape. Each name maps to exactly one text. */
export function searchStatementName(shape: SearchShape): string {
  if (shape.sort === 'relevance') return 'search_by_relevance';
  return `search_by_${shape.sort}${shape.keyword ? '_with_keyword' : ''}`;
}

function emptyToNull<Value>(values: readonly Value[]): Value[] | null {
  return values.length === 0 ? null : [...values];
}

/**
 * Builds the search statement of `query`. It requests one row more than
 * `limit`, so that the route can tell whether another page follows.
 */
export function searchScholarships(
  knex: Knex,
  query: SearchQuery,
  after: CursorPosition | null,
): Statement {
  const shape: SearchShape = { sort: query.sort, keyword: query.q !== null };
  const bindings = {
    q: query.q,
    field_of_study: emptyToNull(query.fieldOfStudy),
    state: emptyToNull(query.state),
    grade_level: emptyToNull(query.gradeLevel),
    citizenship: emptyToNull(query.citizenship),
    award_min: query.awardMin,
    award_max: query.awardMax,
    basis: query.basis,
    deadline_from: query.deadlineFrom,
    deadline_to: query.deadlineTo,
    after_key: after?.key ?? null,
    after_id: after?.id ?? null,
    row_limit: query.limit + 1,
  };
  return toStatement(searchStatementName(shape), knex.raw(searchStatementText(shape), bindings));
}
