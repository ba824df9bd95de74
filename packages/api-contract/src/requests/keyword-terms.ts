/**
 * A term of web search syntax: an optional minus sign, which may be followed
 * by white space, then a quoted phrase (whose closing quote may be missing)
 * or a run of characters that are neither white space nor quotes.
 */
const TERM = /(-\s*)?("[^"]*"?|[^\s"]+)/gu;
/** A word: a letter or digit, then letters, digits and combining marks (vowel signs, accents). */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const HAS_WORD = /[\p{L}\p{N}]/u;
/** Characters before a term's first letter or digit that contain a minus sign, as in `(-dental)`. */
const MINUS_BEFORE_WORD = /^[^\p{L}\p{N}]*-/u;

type TermKind = 'included' | 'excluded' | 'or' | 'none';

/** Counts of the terms of a keyword in web search syntax. */
export interface KeywordTerms {
  /** Terms to find: words and phrases without a minus sign, `or` aside. */
  included: number;
  /** Terms written with a minus sign, which exclude what contains them. */
  excluded: number;
  /** Exclusions next to `or`, as in `nursing or -dental`, which would match nearly everything. */
  excludedAlternatives: number;
  /** Runs of letters and digits, so `first-generation` counts two. */
  words: number;
}

function kindOf(minus: string | undefined, body: string): TermKind {
  if (!HAS_WORD.test(body)) return 'none';
  // PostgreSQL also reads a minus after punctuation that opens the term as an exclusion.
  if (minus !== undefined || MINUS_BEFORE_WORD.test(body)) return 'excluded';
  return body.toLowerCase() === 'or' ? 'or' : 'included';
}

/**
 * Counts the terms of a keyword as PostgreSQL's `websearch_to_tsquery`
 * reads them: a minus sign at the start of a term excludes it, `or` between
 * terms is an operator, and a term without letters or digits is ignored.
 */
export function keywordTerms(keyword: string): KeywordTerms {
  const counts = { included: 0, excluded: 0, excludedAlternatives: 0 };
  const composed = keyword.normalize('NFC');
  let previous: TermKind = 'none';
  for (const [, minus, body = ''] of composed.matchAll(TERM)) {
    const kind = kindOf(minus, body);
    if (kind === 'none') continue;
    if (kind === 'included') counts.included += 1;
    if (kind === 'excluded') counts.excluded += 1;
    const pair = [previous, kind];
    if (pair.includes('or') && pair.includes('excluded')) counts.excludedAlternatives += 1;
    previous = kind;
  }
  return { ...counts, words: composed.match(WORD)?.length ?? 0 };
}
