import type { Posting } from './keyword-index';
import type { KeywordNode } from './keyword-query';
import { intersect, NO_ROWS } from './row-sets';

/** The postings of one document column in the keyword index, with positions. */
export type Postings = ReadonlyMap<string, Posting>;

type PhraseNode = Extract<KeywordNode, { kind: 'phrase' }>;

const POSITION_MASK = 0x3fff;

/**
 * Returns whether every phrase of the tree joins only words and phrases. The
 * index tests those as PostgreSQL does; a phrase around `&`, `|` or `!` is
 * left to the statements.
 */
export function phrasesTestable(node: KeywordNode): boolean {
  switch (node.kind) {
    case 'word':
      return true;
    case 'not':
      return phrasesTestable(node.operand);
    case 'phrase':
      return wordsOnly(node);
    default:
      return phrasesTestable(node.left) && phrasesTestable(node.right);
  }
}

function wordsOnly(node: KeywordNode): boolean {
  if (node.kind === 'word') return true;
  return node.kind === 'phrase' && wordsOnly(node.left) && wordsOnly(node.right);
}

/**
 * A phrase of words prepared for testing many rows in ascending order. Each
 * node keeps its match positions of the current row in a buffer of its own,
 * reused from row to row, so that testing a row allocates only when a buffer
 * must grow.
 */
type PhrasePlan =
  | {
      kind: 'word';
      posting: Posting | undefined;
      /** Index in `posting.rows` of the current row or the next one after it. Rows are tested in ascending order. */
      cursor: number;
      ends: Int32Array;
    }
  | {
      kind: 'phrase';
      distance: number;
      /** Positions a match spans past its first word. */
      width: number;
      left: PhrasePlan;
      right: PhrasePlan;
      ends: Int32Array;
    };

/** Builds the plan of a phrase tree, looking up each word's posting once. */
function planOf(postings: Postings, node: KeywordNode): PhrasePlan {
  if (node.kind === 'word') {
    return { kind: 'word', posting: postings.get(node.lexeme), cursor: 0, ends: new Int32Array(8) };
  }
  const phrase = node as PhraseNode;
  const left = planOf(postings, phrase.left);
  const right = planOf(postings, phrase.right);
  return {
    kind: 'phrase',
    distance: phrase.distance,
    width: widthOf(left) + phrase.distance + widthOf(right),
    left,
    right,
    ends: new Int32Array(8),
  };
}

/** Returns the positions a match of the plan spans past its first word: 0 for a word. */
function widthOf(plan: PhrasePlan): number {
  return plan.kind === 'word' ? 0 : plan.width;
}

/**
 * Writes where the plan's words match in `row` to `plan.ends`, ascending, and
 * returns their number. A word matches at its positions. `left <N> right`
 * matches where the right side ends N positions, plus the right side's own
 * span, after the left side ends, which is how PostgreSQL chains phrase
 * operators. A tsvector stores each position of a lexeme once, in ascending
 * order, so both sides' ends ascend and a merge finds the pairs.
 */
function matchEnds(plan: PhrasePlan, row: number): number {
  if (plan.kind === 'word') {
    const posting = plan.posting;
    if (posting === undefined) return 0;
    const { rows, offsets, positions } = posting;
    let cursor = plan.cursor;
    while (cursor < rows.length && (rows[cursor] as number) < row) cursor += 1;
    plan.cursor = cursor;
    if (rows[cursor] !== row) return 0;
    const first = offsets[cursor] as number;
    const count = (offsets[cursor + 1] as number) - first;
    if (plan.ends.length < count) plan.ends = new Int32Array(count * 2);
    for (let at = 0; at < count; at += 1) {
      plan.ends[at] = (positions[first + at] as number) & POSITION_MASK;
    }
    return count;
  }

  const leftCount = matchEnds(plan.left, row);
  if (leftCount === 0) return 0;
  const rightCount = matchEnds(plan.right, row);
  if (rightCount === 0) return 0;
  const offset = plan.distance + widthOf(plan.right);
  const leftEnds = plan.left.ends;
  const rightEnds = plan.right.ends;
  if (plan.ends.length < rightCount) plan.ends = new Int32Array(rightCount * 2);

  let count = 0;
  let leftAt = 0;
  let rightAt = 0;
  while (leftAt < leftCount && rightAt < rightCount) {
    const shifted = (leftEnds[leftAt] as number) + offset;
    const end = rightEnds[rightAt] as number;
    if (shifted < end) leftAt += 1;
    else if (shifted > end) rightAt += 1;
    else {
      plan.ends[count] = end;
      count += 1;
      leftAt += 1;
      rightAt += 1;
    }
  }
  return count;
}

function wordsOf(node: KeywordNode, into: string[] = []): string[] {
  if (node.kind === 'word') into.push(node.lexeme);
  else if (node.kind === 'phrase') {
    wordsOf(node.left, into);
    wordsOf(node.right, into);
  }
  return into;
}

/**
 * Returns the rows, ascending, where a phrase of words matches. It runs in
 * one turn of the event loop, so it looks each word up once and reuses its
 * buffers rather than allocating per candidate row.
 */
export function phraseRows(postings: Postings, node: PhraseNode): Int32Array {
  let candidates: Int32Array | undefined;
  for (const lexeme of wordsOf(node)) {
    const rows = postings.get(lexeme)?.rows ?? NO_ROWS;
    candidates = candidates === undefined ? rows : intersect(candidates, rows);
  }
  const plan = planOf(postings, node);
  const matched = new Int32Array(candidates?.length ?? 0);
  let count = 0;
  for (const row of candidates ?? NO_ROWS) {
    if (matchEnds(plan, row) > 0) {
      matched[count] = row;
      count += 1;
    }
  }
  return matched.subarray(0, count);
}
