/**
 * A term of web search syntax: an optional minus sign, which may be followed
 * by white space, then a quoted phrase (whose closing quote may be missing)
 * or a run of characters that are neither white space nor quotes.
 */
const TERM = /(-\s*)?("[^"]*"?|[^\s"]+)/gu;
/** A word: a letter or digit, then letters, digits and combining marks (vowel signs, accents). */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const HAS_WORD = /[\p{L}\p{N}]/u;
/**
 * Characters after which `websearch_to_tsquery` still reads a minus as an exclusion, as in
 * `(-dental)`, so they separate terms as white space does. After any other character the minus
 * is part of a word to find.
 */
const OPERATORS = /[()!&|]/g;

type TermKind = 'included' | 'excluded' | 'or' | 'none';

/** Counts of the terms of a keyword in web search syntax. */
export interface KeywordTerms {
  /** Terms to find: words and phrases without a minus sign, `or` aside. */
  included: number;
  /** Terms written with a minus sign, which exclude what contains them. */
  excluded: number;
  /**
   * Alternatives (the terms between two `or`) that exclude and have nothing to find, as in
   * `nursing or -dental`, which would match nearly every scholarship.
   */
  excludingAlternatives: number;
  /** Runs of letters and digits, so `first-generation` counts two. */
  words: number;
}

function kindOf(minus: string | undefined, body: string): TermKind {
  if (!HAS_WORD.test(body)) return 'none';
  if (minus !== undefined) return 'excluded';
  return body.toLowerCase() === 'or' ? 'or' : 'included';
}

/**
 * Counts the terms of a keyword as PostgreSQL's `websearch_to_tsquery`
 * reads them. A minus sign at the start of a term excludes it, and a term
 * without letters or digits is ignored. `or` between terms is an operator
 * that binds looser than the terms around it.
 */
export function keywordTerms(keyword: string): KeywordTerms {
  const counts = { included: 0, excluded: 0, excludingAlternatives: 0 };
  const composed = keyword.normalize('NFC');
  let branch = { included: 0, excluded: 0 };
  const endBranch = () => {
    if (branch.excluded > 0 && branch.included === 0) counts.excludingAlternatives += 1;
    branch = { included: 0, excluded: 0 };
  };
  let alternatives = false;
  for (const [, minus, body = ''] of composed.replace(OPERATORS, ' ').matchAll(TERM)) {
    const kind = kindOf(minus, body);
    if (kind === 'or') {
      alternatives = true;
      endBranch();
    } else if (kind !== 'none') {
      counts[kind] += 1;
      branch[kind] += 1;
    }
  }
  if (alternatives) endBranch();
  return { ...counts, words: composed.match(WORD)?.length ?? 0 };
}
