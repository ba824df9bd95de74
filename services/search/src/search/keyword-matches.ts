import type { SearchQuery, SearchSort } from '@scholarships/api-contract';
import { coverDensityRank } from './cover-density-rank';
import type { CursorPosition } from './cursor';
import { deadlineWindow, type FacetSnapshot, passes, requestedPositions } from './facet-snapshot';
import type { KeywordIndex } from './keyword-index';
import type { KeywordNode } from './keyword-query';
import { type Postings, phraseRows } from './phrase-matches';
import {
  andSets,
  indexOfRow,
  intersect,
  NO_ROWS,
  orSets,
  type RowSet,
  resolveSet,
  unionAll,
} from './row-sets';
import { EXACT_TOTAL_LIMIT } from './statements';

/** Collects the operands of a run of `|`, such as the twelve words of `a | b | ... | l`. */
function alternativesOf(node: KeywordNode, into: KeywordNode[]): KeywordNode[] {
  if (node.kind === 'or') {
    alternativesOf(node.left, into);
    alternativesOf(node.right, into);
  } else {
    into.push(node);
  }
  return into;
}

/**
 * Evaluates a tree whose phrases join only words over the postings of one
 * document column, among the rows 0 to `size - 1`.
 */
function evaluate(node: KeywordNode, postings: Postings, size: number): RowSet {
  switch (node.kind) {
    case 'word':
      return { rows: postings.get(node.lexeme)?.rows ?? NO_ROWS, negated: false };
    case 'not': {
      const operand = evaluate(node.operand, postings, size);
      return { rows: operand.rows, negated: !operand.negated };
    }
    case 'and':
      return andSets(evaluate(node.left, postings, size), evaluate(node.right, postings, size));
    case 'or': {
      // Merging the alternatives two at a time read the growing union once per alternative.
      const sets = alternativesOf(node, []).map((operand) => evaluate(operand, postings, size));
      if (sets.some((set) => set.negated)) return sets.reduce(orSets);
      return {
        rows: unionAll(
          sets.map((set) => set.rows),
          size,
        ),
        negated: false,
      };
    }
    default:
      return { rows: phraseRows(postings, node), negated: false };
  }
}

/** Returns the rows whose `search_document` matches the tree, ascending. */
export function documentMatches(index: KeywordIndex, node: KeywordNode): Int32Array {
  return resolveSet(evaluate(node, index.document, index.ids.length), index.ids.length);
}

/** Returns the rows whose `name_document` matches the tree, ascending. */
export function nameMatches(index: KeywordIndex, node: KeywordNode): Int32Array {
  return resolveSet(evaluate(node, index.name, index.ids.length), index.ids.length);
}

/**
 * Returns a test of the filters that are no facet: the deadline window and
 * the amounts, as `DEADLINE_WINDOW` and `AMOUNT_FILTERS` state them.
 */
export function nonFacetFilter(
  index: KeywordIndex,
  query: SearchQuery,
  today: string,
): (row: number) => boolean {
  const { lower, upper, undated } = deadlineWindow(query, today);
  const { awardMin, awardMax } = query;
  const { deadlineDays, minDollars, maxDollars } = index;
  return (row) => {
    const day = deadlineDays[row] as number;
    if (Number.isNaN(day) ? !undated : day < lower || day > upper) return false;
    // A NaN amount fails both comparisons, as NULL does in SQL.
    if (awardMin !== null && !((maxDollars[row] as number) >= awardMin)) return false;
    if (awardMax !== null && !((minDollars[row] as number) <= awardMax)) return false;
    return true;
  };
}

/** Returns a test of every filter of the query, as `ALL_FILTERS` states them. */
export function allFilters(
  snapshot: FacetSnapshot,
  index: KeywordIndex,
  query: SearchQuery,
  today: string,
): (row: number) => boolean {
  const others = nonFacetFilter(index, query, today);
  const requested = requestedPositions(query);
  const { combinationOf } = index;
  if (requested.every((flags) => flags === null)) return others;
  const combinationPasses = new Uint8Array(snapshot.combinations.length);
  snapshot.combinations.forEach((combination, at) => {
    const passed = requested.every((flags, dimension) => passes(combination, dimension, flags));
    combinationPasses[at] = passed ? 1 : 0;
  });
  return (row) => combinationPasses[combinationOf[row] as number] === 1 && others(row);
}

/** A row of a page with its sort key. */
export interface RankedRow {
  row: number;
  key: number;
}

/** The page of a keyword search in memory: its rows in page order and the number of matches. */
export interface MemoryPage {
  rows: RankedRow[];
  total: number;
}

/** A keyword page with the relevance (float4) of each of its rows, as `RANK` computes it. */
export interface RankedPage extends MemoryPage {
  ranks: number[];
}

/** Direction of each sort, as in the statements: deadlines ascending, amounts and ranks descending. */
const ASCENDING: Record<SearchSort, boolean> = {
  deadline: true,
  amount: false,
  relevance: false,
};

/** Returns the number of ids below `id`, or up to and including it with `inclusive`. */
function idRank(ids: readonly string[], id: string, inclusive: boolean): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const value = ids[middle] as string;
    if (value < id || (inclusive && value === id)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Keeps the first `limit` rows of a page in page order, by sort key and then
 * row (which orders as the id does).
 */
class PageCollector {
  readonly rows: RankedRow[] = [];

  constructor(
    private readonly limit: number,
    private readonly ascending: boolean,
  ) {}

  private before(a: RankedRow, b: RankedRow): boolean {
    if (a.key !== b.key) return this.ascending ? a.key < b.key : a.key > b.key;
    return this.ascending ? a.row < b.row : a.row > b.row;
  }

  full(): boolean {
    return this.rows.length >= this.limit;
  }

  /** Returns whether a row with `key` would enter the page, without allocating it. */
  accepts(key: number, row: number): boolean {
    const last = this.rows.at(-1);
    if (!this.full() || last === undefined) return true;
    if (key !== last.key) return this.ascending ? key < last.key : key > last.key;
    return this.ascending ? row < last.row : row > last.row;
  }

  add(candidate: RankedRow): void {
    const last = this.rows.at(-1);
    if (this.full() && last !== undefined && !this.before(candidate, last)) return;
    let low = 0;
    let high = this.rows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.before(this.rows[middle] as RankedRow, candidate)) low = middle + 1;
      else high = middle;
    }
    this.rows.splice(low, 0, candidate);
    if (this.rows.length > this.limit) this.rows.pop();
  }
}

/**
 * Returns a test of whether a row with `key` comes after the keyset position,
 * as the statements' row comparison `(key, id) > (after_key, after_id)`, or
 * `<` for descending sorts.
 */
function afterPosition(
  index: KeywordIndex,
  after: { key: number; id: string },
  ascending: boolean,
): (key: number, row: number) => boolean {
  const id = after.id.toLowerCase();
  if (ascending) {
    const firstAfter = idRank(index.ids, id, true);
    return (key, row) => key > after.key || (key === after.key && row >= firstAfter);
  }
  const firstAtOrAfter = idRank(index.ids, id, false);
  return (key, row) => key < after.key || (key === after.key && row < firstAtOrAfter);
}

function dayOfDate(text: string): number {
  if (text === 'infinity') return Number.POSITIVE_INFINITY;
  if (text === '-infinity') return Number.NEGATIVE_INFINITY;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return Number.NaN;
  // Date.UTC reads the years 0 to 99 as 1900 to 1999, while a parsed ISO date keeps its year.
  return Date.parse(`${text}T00:00:00Z`) / 86_400_000;
}

/**
 * Returns `key` rounded to a float4 as PostgreSQL reads its decimal text, or
 * NaN when the two may differ. PostgreSQL rounds the decimal text, while
 * `Math.fround` rounds the double, which breaks a tie to the even float4.
 * A double exactly halfway between two float4 values is such a tie, and its
 * shortest decimal text lies on either side of it.
 */
function realOf(key: number): number {
  const rounded = Math.fround(key);
  if (rounded === key || !Number.isFinite(rounded)) return rounded;
  const bits = new Float32Array([rounded]);
  const word = new Uint32Array(bits.buffer);
  // Toward the key, the next float4 of the same sign has the next bit pattern up when the key
  // is farther from zero, and the next one down when it is nearer.
  word[0] = (word[0] as number) + (Math.abs(key) > Math.abs(rounded) ? 1 : -1);
  const other = bits[0] as number;
  return Math.abs(key - rounded) === Math.abs(other - key) ? Number.NaN : rounded;
}

/**
 * Returns the keyset key of a cursor position as a number in the sort's key
 * space. It is NaN when the memory path cannot compare it, so that the
 * statement runs instead: a date outside four digits, or a relevance key
 * halfway between two float4 values.
 */
export function positionKey(sort: SearchSort, position: CursorPosition): number {
  if (sort === 'deadline') return dayOfDate(String(position.key));
  const key = Number(position.key);
  return sort === 'relevance' ? realOf(key) : key;
}

/** Sort key of a row under `sort=deadline` or `sort=amount`, as `DEADLINE_KEY` and `AMOUNT_KEY`. */
function plainKey(index: KeywordIndex, sort: SearchSort): (row: number) => number {
  if (sort === 'deadline') {
    return (row) => {
      const day = index.deadlineDays[row] as number;
      return Number.isNaN(day) ? Number.POSITIVE_INFINITY : day;
    };
  }
  return (row) => {
    const dollars = index.maxDollars[row] as number;
    return Number.isNaN(dollars) ? -1 : dollars;
  };
}

/** Returns the positions of a lexeme in one row's document, or `undefined` when it has none. */
function positionsIn(index: KeywordIndex, lexeme: string, row: number): Uint16Array | undefined {
  const posting = index.document.get(lexeme);
  if (posting === undefined) return undefined;
  const at = indexOfRow(posting.rows, row);
  if (at < 0) return undefined;
  return posting.positions.subarray(posting.offsets[at], posting.offsets[at + 1]);
}

/** Returns the relevance of a row as `RANK` computes it: the cover density rank, plus 1 for a name match. */
export function rankOfRow(
  index: KeywordIndex,
  node: KeywordNode,
  row: number,
  nameMatch: boolean,
): number {
  const rank = coverDensityRank(node, (lexeme) => positionsIn(index, lexeme, row));
  return nameMatch ? Math.fround(rank + 1) : rank;
}

export interface PageSpec {
  sort: SearchSort;
  after: CursorPosition;
  /** Rows to return: the page size plus one, which shows whether another page follows. */
  limit: number;
}

/**
 * Selects a keyword page in memory: every match that passes the filters
 * counts towards the total, and the first `limit` after the keyset position
 * form the page. Returns `null` for a position that the memory path leaves
 * to the statement.
 */
export async function memoryPage(
  snapshot: FacetSnapshot,
  index: KeywordIndex,
  node: KeywordNode,
  query: SearchQuery,
  today: string,
  page: PageSpec,
): Promise<RankedPage | null> {
  const afterKey = positionKey(page.sort, page.after);
  if (Number.isNaN(afterKey)) return null;
  const ascending = ASCENDING[page.sort];
  const follows = afterPosition(index, { key: afterKey, id: page.after.id }, ascending);
  const filter = allFilters(snapshot, index, query, today);
  const matches = documentMatches(index, node).filter(filter);
  const collector = new PageCollector(page.limit, ascending);
  if (page.sort === 'relevance') {
    const selected = await relevancePage(index, node, matches, follows, collector);
    return { ...selected, ranks: selected.rows.map(({ key }) => key) };
  }
  const keyOf = plainKey(index, page.sort);
  for (const row of matches) {
    const key = keyOf(row);
    if (follows(key, row) && collector.accepts(key, row)) collector.add({ row, key });
  }
  const names = nameMatches(index, node);
  const ranks = collector.rows.map(({ row }) =>
    rankOfRow(index, node, row, indexOfRow(names, row) >= 0),
  );
  return { rows: collector.rows, total: matches.length, ranks };
}

/**
 * Rows ranked between two turns of the event loop. On 103,813 scholarships, a
 * relevance page that ranked the 79,462 matches of `scholarship` took 150 to
 * 590 ms (two runs on 2 shared vCPUs), all in one turn that held up every
 * other request of the process. A row took about 8 µs for a keyword of
 * twelve words, so a turn of 500 rows takes a few ms.
 */
const RANKED_PER_TURN = 500;

/** Resolves on a later turn of the event loop, after the requests waiting for it. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Selects a relevance page as `search_by_relevance` does. Every name match
 * outranks every other match. So when enough name matches follow the
 * position, the page holds only them and no other match is ranked. The
 * total is then counted up to `EXACT_TOTAL_LIMIT` plus one, as in the statement.
 */
async function relevancePage(
  index: KeywordIndex,
  node: KeywordNode,
  matches: Int32Array,
  follows: (key: number, row: number) => boolean,
  collector: PageCollector,
): Promise<MemoryPage> {
  let ranked = 0;
  const names = intersect(nameMatches(index, node), matches);
  for (const row of names) {
    const key = rankOfRow(index, node, row, true);
    if (follows(key, row) && collector.accepts(key, row)) collector.add({ row, key });
    ranked += 1;
    if (ranked % RANKED_PER_TURN === 0) await nextTurn();
  }
  if (collector.full()) {
    return { rows: collector.rows, total: Math.min(matches.length, EXACT_TOTAL_LIMIT + 1) };
  }
  let next = 0;
  for (const row of matches) {
    if (names[next] === row) {
      next += 1;
      continue;
    }
    const key = rankOfRow(index, node, row, false);
    if (follows(key, row) && collector.accepts(key, row)) collector.add({ row, key });
    ranked += 1;
    if (ranked % RANKED_PER_TURN === 0) await nextTurn();
  }
  return { rows: collector.rows, total: matches.length };
}

/** Counts, per combination, the matches that pass the filters that are no facet. */
export function matchesPerCombination(
  snapshot: FacetSnapshot,
  index: KeywordIndex,
  node: KeywordNode,
  query: SearchQuery,
  today: string,
): Float64Array {
  const counts = new Float64Array(snapshot.combinations.length);
  const filter = nonFacetFilter(index, query, today);
  for (const row of documentMatches(index, node)) {
    if (!filter(row)) continue;
    const combination = index.combinationOf[row] as number;
    counts[combination] = (counts[combination] as number) + 1;
  }
  return counts;
}
