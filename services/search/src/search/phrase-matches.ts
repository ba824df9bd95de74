import type { Posting } from './keyword-index';
import type { KeywordNode } from './keyword-query';
import { indexOfRow, intersect, NO_ROWS } from './row-sets';

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

/** End positions of a phrase's matches in one row, and the number of positions the phrase spans past its first word. */
interface PhraseEnds {
  ends: number[];
  width: number;
}

/** Returns the positions of `lexeme` in `row`, without their weights. */
function wordPositions(postings: Postings, lexeme: string, row: number): number[] {
  const posting = postings.get(lexeme);
  const at = posting === undefined ? -1 : indexOfRow(posting.rows, row);
  if (posting === undefined || at < 0) return [];
  const positions: number[] = [];
  for (
    let next = posting.offsets[at] as number;
    next < (posting.offsets[at + 1] as number);
    next += 1
  ) {
    positions.push((posting.positions[next] as number) & POSITION_MASK);
  }
  return positions;
}

/**
 * Returns where a phrase of words ends in one row. `left <N> right` matches
 * where the right side ends N positions, plus the right side's own span,
 * after the left side ends, which is how PostgreSQL chains phrase operators.
 */
function phraseEnds(postings: Postings, node: KeywordNode, row: number): PhraseEnds {
  if (node.kind === 'word') return { ends: wordPositions(postings, node.lexeme, row), width: 0 };
  const phrase = node as PhraseNode;
  const left = phraseEnds(postings, phrase.left, row);
  const right = phraseEnds(postings, phrase.right, row);
  const offset = phrase.distance + right.width;
  const starts = new Set(left.ends);
  return {
    ends: right.ends.filter((end) => starts.has(end - offset)),
    width: left.width + phrase.distance + right.width,
  };
}

function wordsOf(node: KeywordNode, into: string[] = []): string[] {
  if (node.kind === 'word') into.push(node.lexeme);
  else if (node.kind === 'phrase') {
    wordsOf(node.left, into);
    wordsOf(node.right, into);
  }
  return into;
}

/** Returns the rows, ascending, where a phrase of words matches. */
export function phraseRows(postings: Postings, node: PhraseNode): Int32Array {
  let candidates: Int32Array | undefined;
  for (const lexeme of wordsOf(node)) {
    const rows = postings.get(lexeme)?.rows ?? NO_ROWS;
    candidates = candidates === undefined ? rows : intersect(candidates, rows);
  }
  const matched: number[] = [];
  for (const row of candidates ?? NO_ROWS) {
    if (phraseEnds(postings, node, row).ends.length > 0) matched.push(row);
  }
  return Int32Array.from(matched);
}
