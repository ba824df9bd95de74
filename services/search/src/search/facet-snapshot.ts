import type { SearchQuery } from '@scholarships/api-contract';
import type { Knex } from '@scholarships/db';
import { FACET_NAMES, type FacetName, type FacetRow, VOCABULARIES } from './facets';
import { type KeywordIndex, loadKeywordIndex } from './keyword-index';
import { DEADLINE_DAY, LIST_FILTER_COLUMNS, MAX_DOLLARS, MIN_DOLLARS } from './sql-fragments';

/**
 * One combination of the five facet columns, as positions in the
 * dimensions' vocabularies (`FACET_NAMES` order). A list value outside the
 * vocabulary is left out, since no filter can ask for it and no count
 * reports it, but it still makes its list a restriction rather than open.
 */
export interface Combination {
  /** Per list dimension, the positions of its values, each once. */
  values: readonly (readonly number[])[];
  /** Per list dimension, whether the list is empty, which means open to every value. */
  open: readonly boolean[];
  /** Position of the basis in its vocabulary, or -1 when none is stated. */
  basis: number;
}

/**
 * The columns that facets without keyword read, for every scholarship, held
 * in memory as parallel arrays. Rows are grouped by combination, deadline and
 * dollar range, and 103,813 scholarships make about as many groups (2.4 MB).
 */
export interface FacetSnapshot {
  /** `pg_current_snapshot()` of the transaction that read it, as text. */
  readonly snapshot: string;
  /** That snapshot's `xmin`: every transaction below it had ended when the snapshot was taken. */
  readonly xmin: string;
  /** `Date.now()` when the read started. */
  readonly loadedAt: number;
  readonly combinations: readonly Combination[];
  /** Index into `combinations` of each group. */
  readonly combinationOf: Int32Array;
  /** Days since 1970-01-01 of each group's deadline (or ±Infinity); NaN for undated scholarships. */
  readonly deadlineDays: Float64Array;
  /** Smallest and largest amount in US dollars; NaN when unknown or in another currency. */
  readonly minDollars: Float64Array;
  readonly maxDollars: Float64Array;
  /** Scholarships in each group. */
  readonly scholarships: Int32Array;
  /** Every scholarship's words and sort keys, when the source reads them. */
  readonly keywords?: KeywordIndex;
}

interface CombinationRow {
  combination: string;
  field_of_study: string[];
  grade_level: string[];
  citizenship: string[];
  state: string[];
  basis: string | null;
}

interface GroupRow {
  combination: string;
  deadline_day: number | null;
  min_dollars: number | null;
  max_dollars: number | null;
  scholarships: number;
}

// The hash is a 64-bit integer, read as text because a JavaScript number would round it.
const COMBINATIONS_TEXT = `
SELECT DISTINCT ON (s.filter_combination)
  s.filter_combination::text AS combination,
  s.field_of_study, s.grade_level, s.citizenship, s.state, s.basis
FROM scholarships AS s
ORDER BY s.filter_combination`;

const GROUPS_TEXT = `
SELECT s.filter_combination::text AS combination,
  ${DEADLINE_DAY} AS deadline_day,
  ${MIN_DOLLARS} AS min_dollars,
  ${MAX_DOLLARS} AS max_dollars,
  count(*)::integer AS scholarships
FROM scholarships AS s
GROUP BY 1, 2, 3, 4`;

/**
 * Reads a facet snapshot in one read-only REPEATABLE READ transaction, so
 * that its rows and its `pg_current_snapshot()` describe the same state.
 * The transaction locks the table before its snapshot is taken. A table
 * rewrite (`ALTER TABLE` that rewrites rows) is not safe for snapshots taken
 * before it commits: they would see an empty table. The lock waits for such
 * a rewrite, and a rewrite fires no trigger that the check could note. Each
 * read is bounded by the pool's statement timeout.
 */
export function loadFacetSnapshot(
  knex: Knex,
  loadedAt: number,
  withKeywords = false,
): Promise<FacetSnapshot> {
  return knex.transaction(
    async (trx) => {
      await trx.raw('LOCK TABLE scholarships IN ACCESS SHARE MODE');
      const snapshotResult = await trx.raw<{ rows: { snapshot: string; xmin: string }[] }>(
        `SELECT pg_current_snapshot()::text AS snapshot,
           pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`,
      );
      const combinations = await trx.raw<{ rows: CombinationRow[] }>(COMBINATIONS_TEXT);
      const groups = await trx.raw<{ rows: GroupRow[] }>(GROUPS_TEXT);
      const [snapshotRow] = snapshotResult.rows;
      if (snapshotRow === undefined) throw new Error('pg_current_snapshot() returned no row');
      const snapshot = snapshotOf(snapshotRow, loadedAt, combinations.rows, groups.rows);
      if (!withKeywords) return snapshot;
      const indexOf = new Map(combinations.rows.map((row, index) => [row.combination, index]));
      return { ...snapshot, keywords: await loadKeywordIndex(trx, indexOf) };
    },
    { isolationLevel: 'repeatable read', readOnly: true },
  );
}

function snapshotOf(
  { snapshot, xmin }: { snapshot: string; xmin: string },
  loadedAt: number,
  combinationRows: readonly CombinationRow[],
  groupRows: readonly GroupRow[],
): FacetSnapshot {
  const indexOf = new Map<string, number>();
  const combinations = combinationRows.map((row, index): Combination => {
    indexOf.set(row.combination, index);
    return {
      values: LIST_FILTER_COLUMNS.map((column) => positionsIn(VOCABULARIES[column], row[column])),
      open: LIST_FILTER_COLUMNS.map((column) => row[column].length === 0),
      basis: row.basis === null ? -1 : VOCABULARIES.basis.indexOf(row.basis),
    };
  });
  const size = groupRows.length;
  const result = {
    snapshot,
    xmin,
    loadedAt,
    combinations,
    combinationOf: new Int32Array(size),
    deadlineDays: new Float64Array(size),
    minDollars: new Float64Array(size),
    maxDollars: new Float64Array(size),
    scholarships: new Int32Array(size),
  };
  groupRows.forEach((row, index) => {
    const combination = indexOf.get(row.combination);
    if (combination === undefined)
      throw new Error(`facet group of unknown combination ${row.combination}`);
    result.combinationOf[index] = combination;
    result.deadlineDays[index] = row.deadline_day ?? Number.NaN;
    result.minDollars[index] = row.min_dollars ?? Number.NaN;
    result.maxDollars[index] = row.max_dollars ?? Number.NaN;
    result.scholarships[index] = row.scholarships;
  });
  return result;
}

/** Positions in `vocabulary` of the values that it has, each once. */
function positionsIn(vocabulary: readonly string[], values: readonly string[]): number[] {
  const positions = new Set<number>();
  for (const value of values) {
    const position = vocabulary.indexOf(value);
    if (position >= 0) positions.add(position);
  }
  return [...positions];
}

function dayOf(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;
}

/** Returns the deadline window of `DEADLINE_WINDOW` as bounds in days. */
export function deadlineWindow(query: SearchQuery, today: string) {
  const bounded = query.deadlineFrom !== null || query.deadlineTo !== null;
  return {
    lower: dayOf(query.deadlineFrom ?? today),
    upper: query.deadlineTo === null ? Number.POSITIVE_INFINITY : dayOf(query.deadlineTo),
    undated: !bounded,
  };
}

/** Scholarships per combination that pass the deadline window and the amount filters. */
function countPerCombination(
  snapshot: FacetSnapshot,
  query: SearchQuery,
  today: string,
): Float64Array {
  const { lower, upper, undated } = deadlineWindow(query, today);
  const awardMin = query.awardMin ?? Number.NEGATIVE_INFINITY;
  const awardMax = query.awardMax ?? Number.POSITIVE_INFINITY;
  const checkMin = query.awardMin !== null;
  const checkMax = query.awardMax !== null;
  const counts = new Float64Array(snapshot.combinations.length);
  const { deadlineDays, minDollars, maxDollars, combinationOf, scholarships } = snapshot;
  for (let group = 0; group < combinationOf.length; group += 1) {
    const day = deadlineDays[group] as number;
    if (Number.isNaN(day) ? !undated : day < lower || day > upper) continue;
    // A NaN amount fails both comparisons, as NULL does in SQL.
    if (checkMin && !((maxDollars[group] as number) >= awardMin)) continue;
    if (checkMax && !((minDollars[group] as number) <= awardMax)) continue;
    const combination = combinationOf[group] as number;
    counts[combination] = (counts[combination] as number) + (scholarships[group] as number);
  }
  return counts;
}

/** Returns the values the query requests per dimension, as flags over its vocabulary, or null without filter. */
export function requestedPositions(query: SearchQuery): (Uint8Array | null)[] {
  const requested: Record<FacetName, readonly string[]> = {
    field_of_study: query.fieldOfStudy,
    grade_level: query.gradeLevel,
    citizenship: query.citizenship,
    state: query.state,
    basis: query.basis === null ? [] : [query.basis],
  };
  return FACET_NAMES.map((facet) => {
    if (requested[facet].length === 0) return null;
    const vocabulary = VOCABULARIES[facet];
    const flags = new Uint8Array(vocabulary.length);
    for (const value of requested[facet]) flags[vocabulary.indexOf(value)] = 1;
    return flags;
  });
}

/** Returns whether a combination passes the filter of dimension `dimension` (`FACET_NAMES` order). */
export function passes(
  combination: Combination,
  dimension: number,
  requested: Uint8Array | null,
): boolean {
  if (requested === null) return true;
  if (dimension === BASIS) return combination.basis >= 0 && requested[combination.basis] === 1;
  if (combination.open[dimension]) return true;
  const values = combination.values[dimension] as readonly number[];
  return values.some((value) => requested[value] === 1);
}

export const BASIS = LIST_FILTER_COLUMNS.length;

/**
 * Counts the facets of a query without keyword from a snapshot, as the rows
 * that the facet statement returns. Each dimension sums the scholarships of
 * every combination that passes all other dimensions' filters, per value,
 * with `null` for combinations without restriction.
 */
export function snapshotFacetRows(
  snapshot: FacetSnapshot,
  query: SearchQuery,
  today: string,
): FacetRow[] {
  return facetRowsOf(snapshot.combinations, countPerCombination(snapshot, query, today), query);
}

/**
 * Counts the facets of a query from the scholarships per combination that
 * pass its other filters (deadline window, amounts, and any keyword).
 */
export function facetRowsOf(
  combinations: readonly Combination[],
  perCombination: Float64Array,
  query: SearchQuery,
): FacetRow[] {
  const requested = requestedPositions(query);
  // Per dimension, one count per vocabulary value and a last one for open combinations.
  const counts = FACET_NAMES.map((facet) => new Float64Array(VOCABULARIES[facet].length + 1));
  combinations.forEach((combination, index) => {
    const scholarships = perCombination[index] as number;
    if (scholarships === 0) return;
    let failed = 0;
    let failedDimension = -1;
    for (let dimension = 0; dimension <= BASIS && failed < 2; dimension += 1) {
      if (passes(combination, dimension, requested[dimension] ?? null)) continue;
      failed += 1;
      failedDimension = dimension;
    }
    for (let dimension = 0; dimension <= BASIS; dimension += 1) {
      // Each dimension ignores its own filter.
      if (failed > 1 || (failed === 1 && failedDimension !== dimension)) continue;
      addCounts(counts[dimension] as Float64Array, combination, dimension, scholarships);
    }
  });
  return FACET_NAMES.flatMap((facet, dimension) => rowsOf(facet, counts[dimension]));
}

function addCounts(
  counts: Float64Array,
  combination: Combination,
  dimension: number,
  scholarships: number,
): void {
  const add = (position: number) => {
    counts[position] = (counts[position] as number) + scholarships;
  };
  if (dimension === BASIS) {
    if (combination.basis >= 0) add(combination.basis);
    return;
  }
  if (combination.open[dimension]) add(counts.length - 1);
  for (const value of combination.values[dimension] as readonly number[]) add(value);
}

function rowsOf(facet: FacetName, counts: Float64Array | undefined): FacetRow[] {
  const rows: FacetRow[] = [];
  const vocabulary = VOCABULARIES[facet];
  counts?.forEach((count, position) => {
    if (count > 0) rows.push({ facet, value: vocabulary[position] ?? null, count });
  });
  return rows;
}
