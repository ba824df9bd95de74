import { hasPhrase, type KeywordNode } from './keyword-query';

/**
 * Positions of one lexeme in a document as PostgreSQL stores them (WordEntryPos): the position in
 * the low 14 bits, the weight in the top 2 bits (A = 3, B = 2, C = 1, D = 0), ascending by position.
 */
export type LexemePositions = Uint16Array;

/**
 * Reciprocals of the default label weights, indexed by the 2-bit weight (D, C, B, A). PostgreSQL
 * keeps the weights as float4 and divides in double, so the float4 values are widened first.
 */
const INVERSE_WEIGHTS = [0.1, 0.2, 0.4, 1.0].map((weight) => 1 / Math.fround(weight));

const POSITION_MASK = 0x3fff;
const WEIGHT_SHIFT = 14;

/** Tests a tree against the lexemes found so far, which are marked 1 at their index. */
type Evaluator = (present: Uint8Array) => boolean;

/** A keyword tree prepared for ranking many documents. */
interface PreparedQuery {
  /** Distinct lexemes in the order PostgreSQL sorts them in a tsvector (by UTF-8 bytes). */
  lexemes: readonly string[];
  matches: Evaluator;
}

const preparedQueries = new WeakMap<KeywordNode, PreparedQuery>();

/** Compares by code points, which orders strings as their UTF-8 bytes do. */
function compareCodePoints(left: string, right: string): number {
  const length = Math.min(left.length, right.length);
  for (let at = 0; at < length; at += 1) {
    const a = left.codePointAt(at) as number;
    const b = right.codePointAt(at) as number;
    if (a !== b) return a - b;
    if (a > 0xffff) at += 1;
  }
  return left.length - right.length;
}

/** Builds the evaluator of `node`, reading each word's presence at its index in `indexOf`. */
function compileEvaluator(node: KeywordNode, indexOf: ReadonlyMap<string, number>): Evaluator {
  switch (node.kind) {
    case 'word': {
      const index = indexOf.get(node.lexeme) as number;
      return (present) => present[index] === 1;
    }
    case 'not': {
      const operand = compileEvaluator(node.operand, indexOf);
      return (present) => !operand(present);
    }
    case 'and': {
      const left = compileEvaluator(node.left, indexOf);
      const right = compileEvaluator(node.right, indexOf);
      return (present) => left(present) && right(present);
    }
    case 'or': {
      const left = compileEvaluator(node.left, indexOf);
      const right = compileEvaluator(node.right, indexOf);
      return (present) => left(present) || right(present);
    }
    default:
      throw new Error('coverDensityRank does not rank phrase operators');
  }
}

/** Collects the words of `node`, including those under `!`, as PostgreSQL's ranking does. */
function collectLexemes(node: KeywordNode, into: Set<string>): void {
  if (node.kind === 'word') into.add(node.lexeme);
  else if (node.kind === 'not') collectLexemes(node.operand, into);
  else {
    collectLexemes(node.left, into);
    collectLexemes(node.right, into);
  }
}

/** Returns the prepared form of `node`, building it on first use. */
function prepare(node: KeywordNode): PreparedQuery {
  const known = preparedQueries.get(node);
  if (known !== undefined) return known;
  const found = new Set<string>();
  collectLexemes(node, found);
  const lexemes = [...found].sort(compareCodePoints);
  const indexOf = new Map(lexemes.map((lexeme, index) => [lexeme, index]));
  const query = { lexemes, matches: compileEvaluator(node, indexOf) };
  preparedQueries.set(node, query);
  return query;
}

/**
 * Whether `coverDensityRank` returns PostgreSQL's value for `node`: every tree of words, `&`, `|`
 * and `!`. Trees with phrase operators are not ranked.
 */
export function rankableInMemory(node: KeywordNode): boolean {
  return !hasPhrase(node);
}

/**
 * The document's occurrences of query words, ordered as PostgreSQL orders them: by position, then
 * weight, then lexeme. The buffers are reused between calls and grow as needed.
 */
let occurrencePosition = new Uint16Array(256);
let occurrenceWeight = new Uint8Array(256);
let occurrenceLexeme = new Uint16Array(256);

/** Per query lexeme: whether a scan has seen it, its stored positions, and the merge's cursor. */
let present = new Uint8Array(16);
const lists: (LexemePositions | undefined)[] = [];
let cursors = new Int32Array(16);

/** Grows the occurrence buffers to hold `count` entries. */
function reserveOccurrences(count: number): void {
  if (occurrencePosition.length >= count) return;
  let size = occurrencePosition.length;
  while (size < count) size *= 2;
  occurrencePosition = new Uint16Array(size);
  occurrenceWeight = new Uint8Array(size);
  occurrenceLexeme = new Uint16Array(size);
}

/** Grows the per-lexeme buffers to hold `count` lexemes. */
function reserveLexemes(count: number): void {
  if (present.length >= count) return;
  present = new Uint8Array(count * 2);
  cursors = new Int32Array(count * 2);
}

/** Sort key of a stored position: position first, then weight. */
function orderKey(entry: number): number {
  return ((entry & POSITION_MASK) << 2) | (entry >>> WEIGHT_SHIFT);
}

/**
 * Merges the positions of the query's lexemes into the occurrence buffers and returns their count.
 * At one position, a lower weight comes first, then the lexeme that sorts first. A lexeme written
 * twice in the query is one lexeme here, so its occurrence is listed once.
 */
function mergeOccurrences(lexemeCount: number): number {
  let total = 0;
  for (let lexeme = 0; lexeme < lexemeCount; lexeme += 1) {
    total += lists[lexeme]?.length ?? 0;
    cursors[lexeme] = 0;
  }
  reserveOccurrences(total);
  for (let written = 0; written < total; written += 1) {
    let best = -1;
    let bestKey = Number.POSITIVE_INFINITY;
    for (let lexeme = 0; lexeme < lexemeCount; lexeme += 1) {
      const list = lists[lexeme];
      const cursor = cursors[lexeme] as number;
      if (list === undefined || cursor >= list.length) continue;
      const key = orderKey(list[cursor] as number);
      if (key < bestKey) {
        bestKey = key;
        best = lexeme;
      }
    }
    const entry = (lists[best] as LexemePositions)[cursors[best] as number] as number;
    cursors[best] = (cursors[best] as number) + 1;
    occurrencePosition[written] = entry & POSITION_MASK;
    occurrenceWeight[written] = entry >>> WEIGHT_SHIFT;
    occurrenceLexeme[written] = best;
  }
  return total;
}

/**
 * Scans forward from `start`, adding occurrences until the words seen so far satisfy the tree.
 * Returns the index of that occurrence, or -1 when they never do.
 */
function findCoverEnd(query: PreparedQuery, start: number, count: number): number {
  present.fill(0, 0, query.lexemes.length);
  for (let at = start; at < count; at += 1) {
    present[occurrenceLexeme[at] as number] = 1;
    // PostgreSQL stops at a cover that ends at position 0, but tsvector input rejects position 0.
    if (query.matches(present)) return (occurrencePosition[at] as number) > 0 ? at : -1;
  }
  return -1;
}

/**
 * Scans backward from `end` to `start`, adding occurrences until the words seen so far satisfy
 * the tree. Returns the index of that occurrence, or -1 when they never do.
 */
function findCoverBegin(query: PreparedQuery, start: number, end: number): number {
  present.fill(0, 0, query.lexemes.length);
  for (let at = end; at >= start; at -= 1) {
    present[occurrenceLexeme[at] as number] = 1;
    if (query.matches(present)) return at;
  }
  return -1;
}

/**
 * Returns what one cover adds to the rank: its density, divided by one plus the number of words
 * inside it that are not occurrences of query words.
 */
function coverWeight(begin: number, end: number): number {
  let inverseSum = 0;
  for (let at = begin; at <= end; at += 1) {
    inverseSum += INVERSE_WEIGHTS[occurrenceWeight[at] as number] as number;
  }
  const density = (end - begin + 1) / inverseSum;
  const span = (occurrencePosition[end] as number) - (occurrencePosition[begin] as number);
  let noise = span - (end - begin);
  // Positions capped at 16383 can make a cover look shorter than its occurrences.
  if (noise < 0) noise = (end - begin) >> 1;
  return density / (1 + noise);
}

/**
 * Returns `ts_rank_cd(document, query, 32)` as PostgreSQL 15 computes it, as a float4 value
 * (PostgreSQL 17 returns the same). `positionsOf` returns the document's stored positions of a
 * lexeme, or `undefined` when the document lacks it. Every tree of words, `&`, `|` and `!` is
 * ranked exactly (see `rankableInMemory`). A tree with a phrase operator throws.
 *
 * Covers are found as PostgreSQL finds them. Only occurrences of query words count, those under
 * `!` included. From a start, a cover ends at the first occurrence where the words seen since the
 * start satisfy the tree. Scanning back from that end, the cover begins at the first occurrence
 * where the words seen since the end satisfy the tree. Each `!` is tested against those words,
 * not the whole document, so an excluded word can delay or prevent a cover. The next search starts
 * after the cover's first occurrence, or, when no cover begins, one occurrence after the previous
 * start. Each cover adds its density divided by one plus its noise words, and the sum `s` is
 * normalized to `s / (s + 1)`. The arithmetic runs in doubles in PostgreSQL's order, then rounds
 * to float4. The function keeps its buffers between calls, so `positionsOf` must not call it.
 */
export function coverDensityRank(
  query: KeywordNode,
  positionsOf: (lexeme: string) => LexemePositions | undefined,
): number {
  const prepared = prepare(query);
  const lexemeCount = prepared.lexemes.length;
  reserveLexemes(lexemeCount);
  for (let lexeme = 0; lexeme < lexemeCount; lexeme += 1) {
    lists[lexeme] = positionsOf(prepared.lexemes[lexeme] as string);
  }
  const count = mergeOccurrences(lexemeCount);
  lists.fill(undefined);
  let sum = 0;
  let start = 0;
  while (start < count) {
    const end = findCoverEnd(prepared, start, count);
    if (end < 0) break;
    const begin = findCoverBegin(prepared, start, end);
    if (begin < 0) {
      start += 1;
    } else {
      sum += coverWeight(begin, end);
      start = begin + 1;
    }
  }
  return Math.fround(sum / (sum + 1));
}
