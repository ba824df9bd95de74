import type { SearchQuery } from '@scholarships/api-contract';
import {
  AWARD_BASES,
  CITIZENSHIP_STATUSES,
  FIELDS_OF_STUDY,
  GRADE_LEVELS,
  US_STATE_CODES,
} from '@scholarships/contracts';
import type { Knex, Statement } from '@scholarships/db';
import { toStatement } from '@scholarships/db';
import {
  BASIS_FILTER,
  KEYWORD_MATCH,
  keywordBindings,
  LIST_FILTER_COLUMNS,
  type ListFilterColumn,
  listFilter,
  NON_FACET_FILTERS,
} from './sql-fragments';
import { filterBindings } from './statements';

/** Facet dimensions: the four eligibility lists and the basis of the award. */
export type FacetName = ListFilterColumn | 'basis';

/** Counts per value of each dimension, in vocabulary order. */
export type Facets = Record<FacetName, Record<string, number>>;

/** A row of the facet statement. A `null` value counts scholarships that set no restriction. */
export interface FacetRow {
  facet: FacetName;
  value: string | null;
  count: number;
}

/** The values each dimension reports, in the order responses list them. */
export const VOCABULARIES: Record<FacetName, readonly string[]> = {
  field_of_study: FIELDS_OF_STUDY,
  grade_level: GRADE_LEVELS,
  citizenship: CITIZENSHIP_STATUSES,
  state: US_STATE_CODES,
  basis: AWARD_BASES,
};

export const FACET_NAMES: readonly FacetName[] = [...LIST_FILTER_COLUMNS, 'basis'];

/** Returns the condition that a group passes every facet filter except `facet`'s own. */
function othersPass(facet: FacetName): string {
  return FACET_NAMES.filter((other) => other !== facet)
    .map((other) => `f.${other}_ok`)
    .join(' AND ');
}

function listFacetCounts(column: ListFilterColumn): string {
  return `SELECT '${column}' AS facet, value, sum(f.scholarships)::integer AS count
FROM flagged AS f,
  unnest(CASE WHEN cardinality(f.${column}) = 0 THEN '{NULL}'::text[] ELSE f.${column} END) AS value
WHERE ${othersPass(column)}
GROUP BY value`;
}

const BASIS_FACET_COUNTS = `SELECT 'basis' AS facet, f.basis AS value, sum(f.scholarships)::integer AS count
FROM flagged AS f
WHERE f.basis IS NOT NULL AND ${othersPass('basis')}
GROUP BY f.basis`;

/**
 * Builds the facet statement text. The matches of q and of the filters that
 * are no facet (amounts, deadlines) are first counted per combination of the
 * five facet columns, by the hash of the combination that migration 012
 * stores, which leaves a few thousand groups even for 100,000 matches. Each
 * group then reads its five columns once through
 * `idx_scholarships_filter_combination` and gets one flag per facet filter,
 * and each dimension sums the groups that pass every other dimension's
 * filter: a dimension's counts ignore its own filter, so that they show what
 * choosing another value would return.
 *
 * On 103,813 rows (2 vCPU, no keyword) this took about 35 ms. Grouping by the
 * four arrays and the basis themselves took about 75 ms, most of it hashing
 * arrays. Unnesting the arrays of every row took 210 to 330 ms, in each form
 * tried: `GROUPING SETS` over `unnest` in the select list, a lateral
 * `UNION ALL`, and one aggregate per dimension over a materialized CTE.
 */
export function facetStatementText(keyword: boolean): string {
  const where = keyword ? [KEYWORD_MATCH, ...NON_FACET_FILTERS] : NON_FACET_FILTERS;
  const flags = [
    ...LIST_FILTER_COLUMNS.map((column) => `${listFilter(column)} AS ${column}_ok`),
    `${BASIS_FILTER} AS basis_ok`,
  ];
  return `
WITH counted AS MATERIALIZED (
  SELECT s.filter_combination, count(*) AS scholarships
  FROM scholarships AS s
  WHERE ${where.join('\n    AND ')}
  GROUP BY s.filter_combination
), combinations AS (
  SELECT c.field_of_study, c.grade_level, c.citizenship, c.state, c.basis, counted.scholarships
  FROM counted
  CROSS JOIN LATERAL (
    SELECT r.field_of_study, r.grade_level, r.citizenship, r.state, r.basis
    FROM scholarships AS r
    WHERE r.filter_combination = counted.filter_combination
    LIMIT 1
  ) AS c
), flagged AS MATERIALIZED (
  SELECT s.*, ${flags.join(',\n    ')}
  FROM combinations AS s
)
${[...LIST_FILTER_COLUMNS.map(listFacetCounts), BASIS_FACET_COUNTS].join('\nUNION ALL\n')}`;
}

export function facetStatementName(keyword: boolean): string {
  return keyword ? 'search_facets_with_keyword' : 'search_facets';
}

/** Builds the facet statement of `query`, with `keyword` as its q as in `searchScholarships`. */
export function searchFacets(
  knex: Knex,
  query: SearchQuery,
  today: string,
  keyword: string | null = query.q,
): Statement {
  const bindings = {
    ...filterBindings(query, today),
    ...(keyword === null ? {} : keywordBindings(keyword)),
  };
  return toStatement(
    facetStatementName(keyword !== null),
    knex.raw(facetStatementText(keyword !== null), bindings),
  );
}

/**
 * Turns facet rows into counts per vocabulary value. A scholarship with an
 * empty list is open to every value, so it counts towards each of them, just
 * as the filter returns it for each of them. Basis counts only scholarships
 * that state it.
 */
export function facetsFromRows(rows: readonly FacetRow[]): Facets {
  const facets = {} as Facets;
  for (const facet of FACET_NAMES) {
    const counts = new Map<string | null, number>();
    for (const row of rows) if (row.facet === facet) counts.set(row.value, row.count);
    const open = facet === 'basis' ? 0 : (counts.get(null) ?? 0);
    facets[facet] = Object.fromEntries(
      VOCABULARIES[facet].map((value) => [value, (counts.get(value) ?? 0) + open]),
    );
  }
  return facets;
}
