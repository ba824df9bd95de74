import type { KeywordNode } from './keyword-query';

/**
 * Positions of one lexeme in a document as PostgreSQL stores them (WordEntryPos): the position in
 * the low 14 bits, the weight in the top 2 bits (A = 3, B = 2, C = 1, D = 0), ascending by position,
 * each position once.
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
  /** Whether the tree has a phrase operator, so that the scans must collect positions. */
  tracksPositions: boolean;
  /** Number of `stride`-long regions of `positionArena` that the phrase subtrees need. */
  regionCount: number;
}

const preparedQueries = new WeakMap<KeywordNode, PreparedQuery>();

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

/**
 * Positions for phrase operators. The first `stride` entries hold, for each query lexeme, the
 * distinct positions that the current scan has seen, in ascending order: lexeme `i` owns
 * `[regionStart[i], regionEnd[i])` and its list is `listLength[i]` entries from `listStart[i]`.
 * Each further block of `stride` entries is the output region of one operator under a phrase.
 * `stride` is the document's number of occurrences, which bounds every lexeme's list.
 */
let positionArena = new Int32Array(1024);
let stride = 0;
let regionStart = new Int32Array(16);
let regionEnd = new Int32Array(16);
let listStart = new Int32Array(16);
let listLength = new Int32Array(16);

/**
 * Match positions of a subtree under a phrase operator, as PostgreSQL's phrase evaluation reports
 * them. With `negate` false, the subtree matches exactly at the `count`
 * positions from `start` in `positionArena`. With `negate` true, it matches everywhere except at
 * those positions. `width` is the number of positions a match spans, less one, and the positions
 * are those of a match's last word.
 */
class PositionMatch {
  start = 0;
  count = 0;
  negate = false;
  width = 0;

  /** Empties the match before its subtree is evaluated, as PostgreSQL zeroes it. */
  clear(): void {
    this.start = 0;
    this.count = 0;
    this.negate = false;
    this.width = 0;
  }
}

/** A subtree under a phrase operator, compiled to fill `match` when `evaluate` returns true. */
interface PositionalEvaluator {
  match: PositionMatch;
  evaluate: () => boolean;
}

/**
 * Flags of `mergePositions`: which positions of the two inputs it writes, and whether it stops at
 * the first, for the topmost phrase operator, whose positions nothing reads.
 */
const LEFT_ONLY = 1;
const RIGHT_ONLY = 2;
const IN_BOTH = 4;
const FIRST_ONLY = 8;

/** A sentinel above every position, small enough to stay a small integer in V8. */
const PAST_LAST_POSITION = 0x3fffffff;

/**
 * Merges the positions of `left` and `right`, each shifted by its offset, and writes those that
 * `keep` selects into `target`'s output region (`region` blocks of `stride` after the lexeme
 * lists). Returns whether it wrote any.
 *
 * PostgreSQL stores each written position in a 16-bit WordEntryPos and reads back only its low 14
 * bits, so a shifted position past 16383 wraps around (16384 reads back as 0), and a merge never
 * writes position 0. The inputs are then no longer sorted, and this merge steps through them as
 * PostgreSQL's does.
 */
function mergePositions(
  target: PositionMatch,
  region: number,
  left: PositionMatch,
  right: PositionMatch,
  keep: number,
  leftShift: number,
  rightShift: number,
): boolean {
  const arena = positionArena;
  const base = stride * region;
  let written = base;
  let leftAt = left.start;
  let rightAt = right.start;
  const leftEnd = leftAt + left.count;
  const rightEnd = rightAt + right.count;
  while (leftAt < leftEnd || rightAt < rightEnd) {
    let leftPosition = PAST_LAST_POSITION;
    let rightPosition = PAST_LAST_POSITION;
    if (leftAt < leftEnd) leftPosition = (arena[leftAt] as number) + leftShift;
    else if ((keep & RIGHT_ONLY) === 0) break;
    if (rightAt < rightEnd) rightPosition = (arena[rightAt] as number) + rightShift;
    else if ((keep & LEFT_ONLY) === 0) break;
    let output = 0;
    if (leftPosition < rightPosition) {
      if ((keep & LEFT_ONLY) !== 0) output = leftPosition;
      leftAt += 1;
    } else if (leftPosition === rightPosition) {
      if ((keep & IN_BOTH) !== 0) output = rightPosition;
      leftAt += 1;
      rightAt += 1;
    } else {
      if ((keep & RIGHT_ONLY) !== 0) output = rightPosition;
      rightAt += 1;
    }
    if (output > 0) {
      arena[written++] = output & POSITION_MASK;
      if ((keep & FIRST_ONLY) !== 0) break;
    }
  }
  target.start = base;
  target.count = written - base;
  return written > base;
}

/** Returns how many words `node` has, counting repeats, which bounds its output positions. */
function countWords(node: KeywordNode): number {
  if (node.kind === 'word') return 1;
  if (node.kind === 'not') return countWords(node.operand);
  return countWords(node.left) + countWords(node.right);
}

/** Compiles a word under a phrase operator: it matches at the positions the scan has seen. */
function compilePositionalWord(index: number): PositionalEvaluator {
  const match = new PositionMatch();
  const evaluate = (): boolean => {
    if (present[index] !== 1) return false;
    match.start = listStart[index] as number;
    match.count = listLength[index] as number;
    return true;
  };
  return { match, evaluate };
}

/**
 * Compiles `!` under a phrase operator. It shares its operand's match and inverts it: no match
 * becomes a match everywhere, a match everywhere becomes no match, and listed positions stay
 * listed with `negate` flipped. The width stays as the operand left it.
 */
function compilePositionalNot(operand: PositionalEvaluator): PositionalEvaluator {
  const match = operand.match;
  const evaluate = (): boolean => {
    if (!operand.evaluate()) {
      match.negate = true;
      return true;
    }
    if (match.count > 0) {
      match.negate = !match.negate;
      return true;
    }
    match.negate = false;
    return false;
  };
  return { match, evaluate };
}

/**
 * Compiles `<N>` (`phrase`, with `distance` N) or `&` (`and`, with `distance` null) under a phrase
 * operator, or the topmost `<N>`. Both operands must match. For `<N>`, a left match joins a right
 * match that ends N positions plus the right width after it, and the widths add up. For `&`, the
 * narrower operand's ends move to the wider one's, and both must end at the same position. A
 * negated operand removes its positions from the other's, and two negated operands give the
 * negated union.
 */
function compilePositionalBoth(
  distance: number | null,
  left: PositionalEvaluator,
  right: PositionalEvaluator,
  region: number,
  topmost: boolean,
): PositionalEvaluator {
  const match = new PositionMatch();
  const leftMatch = left.match;
  const rightMatch = right.match;
  const evaluate = (): boolean => {
    leftMatch.clear();
    if (!left.evaluate()) return false;
    rightMatch.clear();
    if (!right.evaluate()) return false;
    let leftShift: number;
    let rightShift: number;
    if (distance !== null) {
      leftShift = distance + rightMatch.width;
      rightShift = 0;
      match.width = distance + leftMatch.width + rightMatch.width;
    } else {
      const width = Math.max(leftMatch.width, rightMatch.width);
      leftShift = width - leftMatch.width;
      rightShift = width - rightMatch.width;
      match.width = width;
    }
    if (leftMatch.negate && rightMatch.negate) {
      if (topmost) return true;
      const keep = LEFT_ONLY | RIGHT_ONLY | IN_BOTH;
      mergePositions(match, region, leftMatch, rightMatch, keep, leftShift, rightShift);
      match.negate = true;
      return true;
    }
    let keep = IN_BOTH;
    if (leftMatch.negate) keep = RIGHT_ONLY;
    else if (rightMatch.negate) keep = LEFT_ONLY;
    if (topmost) keep |= FIRST_ONLY;
    return mergePositions(match, region, leftMatch, rightMatch, keep, leftShift, rightShift);
  };
  return { match, evaluate };
}

/**
 * Compiles `|` under a phrase operator: either operand may match, and the narrower operand's ends
 * are moved to the wider one's before the union. A failed operand counts as width 0. A negated
 * operand makes the result negated, listing only the positions where neither side matches.
 */
function compilePositionalEither(
  left: PositionalEvaluator,
  right: PositionalEvaluator,
  region: number,
): PositionalEvaluator {
  const match = new PositionMatch();
  const leftMatch = left.match;
  const rightMatch = right.match;
  const evaluate = (): boolean => {
    leftMatch.clear();
    const leftFound = left.evaluate();
    rightMatch.clear();
    const rightFound = right.evaluate();
    if (!leftFound && !rightFound) return false;
    if (!leftFound) leftMatch.width = 0;
    if (!rightFound) rightMatch.width = 0;
    const width = Math.max(leftMatch.width, rightMatch.width);
    const leftShift = width - leftMatch.width;
    const rightShift = width - rightMatch.width;
    match.width = width;
    let keep = LEFT_ONLY | RIGHT_ONLY | IN_BOTH;
    if (leftMatch.negate && rightMatch.negate) keep = IN_BOTH;
    else if (leftMatch.negate) keep = LEFT_ONLY;
    else if (rightMatch.negate) keep = RIGHT_ONLY;
    else return mergePositions(match, region, leftMatch, rightMatch, keep, leftShift, rightShift);
    mergePositions(match, region, leftMatch, rightMatch, keep, leftShift, rightShift);
    match.negate = true;
    return true;
  };
  return { match, evaluate };
}

/**
 * Compiles a subtree under a phrase operator, or the `topmost` phrase operator itself, whose
 * caller only needs to know whether it matches. Operators that write positions take output
 * regions numbered from `firstRegion`, one per word below them, since an output contains at most as
 * many positions as the words below it contain together. Returns the evaluator and the next free
 * region.
 */
function compilePositional(
  node: KeywordNode,
  indexOf: ReadonlyMap<string, number>,
  firstRegion: number,
  topmost = false,
): { evaluator: PositionalEvaluator; nextRegion: number } {
  switch (node.kind) {
    case 'word':
      return {
        evaluator: compilePositionalWord(indexOf.get(node.lexeme) as number),
        nextRegion: firstRegion,
      };
    case 'not': {
      const operand = compilePositional(node.operand, indexOf, firstRegion);
      return { evaluator: compilePositionalNot(operand.evaluator), nextRegion: operand.nextRegion };
    }
    default: {
      const region = firstRegion;
      const left = compilePositional(node.left, indexOf, region + countWords(node));
      const right = compilePositional(node.right, indexOf, left.nextRegion);
      const evaluator =
        node.kind === 'or'
          ? compilePositionalEither(left.evaluator, right.evaluator, region)
          : compilePositionalBoth(
              node.kind === 'phrase' ? node.distance : null,
              left.evaluator,
              right.evaluator,
              region,
              topmost,
            );
      return { evaluator, nextRegion: right.nextRegion };
    }
  }
}

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

/**
 * Builds the evaluator of `node`, reading each word's presence at its index in `indexOf`. Above
 * any phrase operator, the tree is tested with presence only. A phrase operator and everything
 * below it are tested with positions, and their output regions are counted in `layout`.
 */
function compileEvaluator(
  node: KeywordNode,
  indexOf: ReadonlyMap<string, number>,
  layout: { regionCount: number },
): Evaluator {
  switch (node.kind) {
    case 'word': {
      const index = indexOf.get(node.lexeme) as number;
      return (present) => present[index] === 1;
    }
    case 'not': {
      const operand = compileEvaluator(node.operand, indexOf, layout);
      return (present) => !operand(present);
    }
    case 'and': {
      const left = compileEvaluator(node.left, indexOf, layout);
      const right = compileEvaluator(node.right, indexOf, layout);
      return (present) => left(present) && right(present);
    }
    case 'or': {
      const left = compileEvaluator(node.left, indexOf, layout);
      const right = compileEvaluator(node.right, indexOf, layout);
      return (present) => left(present) || right(present);
    }
    case 'phrase': {
      // The tree's phrase subtrees are tested one at a time, so each reuses the regions from 1.
      const { evaluator, nextRegion } = compilePositional(node, indexOf, 1, true);
      layout.regionCount = Math.max(layout.regionCount, nextRegion);
      const { match, evaluate } = evaluator;
      return () => {
        match.clear();
        return evaluate();
      };
    }
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
  const layout = { regionCount: 0 };
  const matches = compileEvaluator(node, indexOf, layout);
  const query = {
    lexemes,
    matches,
    tracksPositions: layout.regionCount > 0,
    regionCount: layout.regionCount,
  };
  preparedQueries.set(node, query);
  return query;
}

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
  regionStart = new Int32Array(count * 2);
  regionEnd = new Int32Array(count * 2);
  listStart = new Int32Array(count * 2);
  listLength = new Int32Array(count * 2);
}

/**
 * Lays out the position arena for a document of `total` occurrences: one region per lexeme, as
 * long as its stored positions, then `regionCount` output regions of `total` entries each.
 */
function reservePositions(lexemeCount: number, total: number, regionCount: number): void {
  stride = total;
  const size = total * regionCount;
  if (positionArena.length < size) {
    let grown = positionArena.length;
    while (grown < size) grown *= 2;
    positionArena = new Int32Array(grown);
  }
  let offset = 0;
  for (let lexeme = 0; lexeme < lexemeCount; lexeme += 1) {
    regionStart[lexeme] = offset;
    offset += lists[lexeme]?.length ?? 0;
    regionEnd[lexeme] = offset;
  }
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
 * Empties the lexemes' position lists before a scan. A forward scan appends to each list from
 * its region's start, a backward scan prepends from its region's end.
 */
function clearPositionLists(lexemeCount: number, forward: boolean): void {
  for (let lexeme = 0; lexeme < lexemeCount; lexeme += 1) {
    listStart[lexeme] = (forward ? regionStart[lexeme] : regionEnd[lexeme]) as number;
    listLength[lexeme] = 0;
  }
}

/**
 * Adds the occurrence at `at` to its lexeme's list, after the positions seen so far. A tsvector
 * stores each position of a lexeme once, so the list stays strictly ascending.
 */
function appendPosition(at: number): void {
  const lexeme = occurrenceLexeme[at] as number;
  const length = listLength[lexeme] as number;
  positionArena[(listStart[lexeme] as number) + length] = occurrencePosition[at] as number;
  listLength[lexeme] = length + 1;
}

/** Adds the occurrence at `at` to its lexeme's list, before the positions seen so far. */
function prependPosition(at: number): void {
  const lexeme = occurrenceLexeme[at] as number;
  const start = (listStart[lexeme] as number) - 1;
  positionArena[start] = occurrencePosition[at] as number;
  listStart[lexeme] = start;
  listLength[lexeme] = (listLength[lexeme] as number) + 1;
}

/**
 * Scans forward from `start`, adding occurrences until the words seen so far satisfy the tree.
 * Returns the index of that occurrence, or -1 when they never do.
 */
function findCoverEnd(query: PreparedQuery, start: number, count: number): number {
  const lexemeCount = query.lexemes.length;
  present.fill(0, 0, lexemeCount);
  if (query.tracksPositions) clearPositionLists(lexemeCount, true);
  for (let at = start; at < count; at += 1) {
    present[occurrenceLexeme[at] as number] = 1;
    if (query.tracksPositions) appendPosition(at);
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
  const lexemeCount = query.lexemes.length;
  present.fill(0, 0, lexemeCount);
  if (query.tracksPositions) clearPositionLists(lexemeCount, false);
  for (let at = end; at >= start; at -= 1) {
    present[occurrenceLexeme[at] as number] = 1;
    if (query.tracksPositions) prependPosition(at);
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
 * lexeme, or `undefined` when the document lacks it. Every tree the keyword parser reads is
 * ranked exactly (see `rankableInMemory`).
 *
 * Covers are found as PostgreSQL finds them. Only occurrences of query words count, those under
 * `!` included. From a start, a cover ends at the first occurrence where the words seen since the
 * start satisfy the tree. Scanning back from that end, the cover begins at the first occurrence
 * where the words seen since the end satisfy the tree. Each `!` is tested against those words,
 * not the whole document, so an excluded word can delay or prevent a cover. A phrase operator is
 * tested against the positions of those words only, with `&`, `|` and `!` below it combining sets
 * of match positions (see `PositionMatch`). The next search starts after the cover's first
 * occurrence, or, when no cover begins, one occurrence after the previous start. Each cover adds
 * its density divided by one plus its noise words, and the sum `s` is normalized to
 * `s / (s + 1)`. The arithmetic runs in doubles in PostgreSQL's order, then rounds to float4. The
 * function keeps its buffers between calls, so `positionsOf` must not call it.
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
  if (prepared.tracksPositions) reservePositions(lexemeCount, count, prepared.regionCount);
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
