/**
 * A term of web search syntax: an optional minus sign, which may be followed
 * by white space, then a quoted phrase (whose closing quote may be missing)
 * or a run of characters that are neither white space nor quotes.
 */
const TERM = /(-\s*)?("[^"]*"?|[^\s"]+)/gu;
/** A word: a letter or digit, then letters, digits and combining marks (vowel signs, accents). */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const HAS_WORD = /[\p{L}\p{N}]/u;

/** Counts of the terms of a keyword in web search syntax. */
export interface KeywordTerms {
  /** Terms to find: words and phrases without a minus sign, `or` aside. */
  included: number;
  /** Terms written with a minus sign, which exclude what contains them. */
  excluded: number;
  /** Runs of letters and digits, so `first-generation` counts two. */
  words: number;
}

/**
 * Counts the terms of a keyword as PostgreSQL's `websearch_to_tsquery`
 * reads them: a minus sign at the start of a term excludes it, `or` between
 * terms is an operator, and a term without letters or digits is ignored.
 */
export function keywordTerms(keyword: string): KeywordTerms {
  let included = 0;
  let excluded = 0;
  const composed = keyword.normalize('NFC');
  for (const [, minus, body = ''] of composed.matchAll(TERM)) {
    if (!HAS_WORD.test(body)) continue;
    if (minus !== undefined) excluded += 1;
    else if (body.toLowerCase() !== 'or') included += 1;
  }
  return { included, excluded, words: composed.match(WORD)?.length ?? 0 };
}
