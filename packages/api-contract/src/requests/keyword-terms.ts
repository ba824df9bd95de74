import { ENGLISH_STOP_WORDS } from './english-stop-words';

/**
 * White space as PostgreSQL's text search parser classifies it: the C library's `iswspace` under
 * a UTF-8 locale, which is Unicode white space other than the no-break spaces (and U+0085, a
 * control character that keywords cannot contain anyway).
 */
const SPACE = /(?![\u0085\u00a0\u2007\u202f])\p{White_Space}/u;
/**
 * The tsquery operator characters. Like white space, they end a term, and where a term is
 * expected `websearch_to_tsquery` skips them. So a minus sign after either starts an exclusion
 * (`(-dental)`, `<-dental`), while after any other character it is part of a word to find
 * (`#-STEM`).
 */
const OPERATOR = /[()!&|<]/u;
/**
 * Letters and decimal digits. PostgreSQL's parser takes words from the characters that the C
 * library's `iswalpha` and `iswdigit` accept, which include these but also some marks and
 * numerals (`Ⅻ`, a Devanagari vowel sign). Judging by the narrower class errs towards
 * rejecting a keyword: `²` or a lone combining mark is no word to find, as in PostgreSQL.
 *
 * NOTE: letters newer than the server's C library count here but not in PostgreSQL. The search
 * still matches nothing, rather than nearly everything, for a keyword that they let through.
 */
const WORD_CHARACTER = /[\p{L}\p{Nd}]/u;
/** A character that makes a preceding `or` part of a word (`orchid`, `or-dental`, `or_`). */
const WORD_CONTINUATION = /[\p{L}\p{Nd}_-]/u;
/**
 * A character that may form a word that PostgreSQL excludes. It is wider than `WORD_CHARACTER`,
 * so that uncertain exclusions count towards the maximum.
 */
const EXCLUDABLE = /[\p{Alphabetic}\p{N}]/u;
/** A word: a letter or digit, then letters, digits and combining marks (vowel signs, accents). */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/**
 * A term or operator of a keyword in web search syntax. `minusSigns` counts the minus signs read
 * since the previous term, and `trailing-minus` carries those after the last term.
 */
type WebSearchToken =
  | { kind: 'term'; excluded: boolean; minusSigns: number; text: string }
  | { kind: 'or' }
  | { kind: 'trailing-minus'; minusSigns: number };

/** Counts of the terms of a keyword in web search syntax. */
export interface KeywordTerms {
  /** Terms to find: words and phrases without a minus sign that contain a word other than a stop word. */
  included: number;
  /** Terms written with a minus sign, which exclude what contains them. */
  excluded: number;
  /**
   * Alternatives (the terms between two `or`) that exclude and have nothing to find, as in
   * `nursing or -dental` or `nursing or the -dental`, which would match nearly every scholarship.
   */
  excludingAlternatives: number;
  /** Runs of letters and digits, so `first-generation` counts two. */
  words: number;
}

/**
 * Checks whether `or` at `index` is the OR operator. As in PostgreSQL, it is one when it does not
 * continue into a word and a character other than white space follows later.
 */
function isOrOperator(chars: string[], index: number): boolean {
  if (
    chars
      .slice(index, index + 2)
      .join('')
      .toLowerCase() !== 'or'
  )
    return false;
  const next = chars[index + 2];
  if (next === undefined || WORD_CONTINUATION.test(next)) return false;
  return chars.slice(index + 3).some((char) => !SPACE.test(char));
}

/**
 * Splits a keyword into terms and OR operators the way `websearch_to_tsquery` of PostgreSQL 17
 * does, which the search service's tests check against the server. Where a term is expected,
 * each minus sign marks the next term as excluded, a quote opens a phrase up to the next quote,
 * and separators are skipped. After a term, a quote or any character other than white space and
 * `or` starts the next term.
 */
function* webSearchTokens(keyword: string): Generator<WebSearchToken> {
  const chars = [...keyword];
  let index = 0;
  let expectingTerm = true;
  let excluded = false;
  let minusSigns = 0;
  while (index < chars.length) {
    const char = chars[index] as string;
    if (!expectingTerm) {
      if (isOrOperator(chars, index)) {
        yield { kind: 'or' };
        index += 2;
        expectingTerm = true;
      } else if (SPACE.test(char)) {
        index += 1;
      } else {
        expectingTerm = true;
      }
    } else if (char === '-') {
      excluded = true;
      minusSigns += 1;
      index += 1;
    } else if (isSeparator(char)) {
      index += 1;
    } else {
      const phrase = char === '"';
      const start = phrase ? index + 1 : index;
      let end = start;
      while (end < chars.length && !isTermEnd(chars[end] as string, phrase)) end += 1;
      yield { kind: 'term', excluded, minusSigns, text: chars.slice(start, end).join('') };
      excluded = false;
      minusSigns = 0;
      expectingTerm = false;
      index = phrase ? end + 1 : end;
    }
  }
  if (minusSigns > 0) yield { kind: 'trailing-minus', minusSigns };
}

function isSeparator(char: string): boolean {
  return SPACE.test(char) || OPERATOR.test(char);
}

function isTermEnd(char: string, phrase: boolean): boolean {
  return char === '"' || (!phrase && isSeparator(char));
}

/**
 * Checks whether a term has a word that PostgreSQL keeps: one with a letter or digit that is not
 * a stop word. Words are judged one by one, because the search also parses the keyword with its
 * joined words written apart (`the-a` as `the a`).
 */
function hasWordToFind(text: string): boolean {
  return (text.match(WORD) ?? []).some(
    (word) => WORD_CHARACTER.test(word) && !ENGLISH_STOP_WORDS.has(word.toLowerCase()),
  );
}

/**
 * Counts the terms of a keyword as PostgreSQL's `websearch_to_tsquery`
 * reads them. A minus sign at the start of a term excludes it, and a term
 * without letters or digits is ignored. `or` between terms is an operator
 * that binds looser than the terms around it. Stop words are no words to
 * find, because PostgreSQL drops them.
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
  for (const token of webSearchTokens(composed)) {
    if (token.kind === 'trailing-minus') continue;
    if (token.kind === 'or') {
      alternatives = true;
      endBranch();
    } else if (token.excluded) {
      if (EXCLUDABLE.test(token.text)) {
        counts.excluded += 1;
        branch.excluded += 1;
      }
    } else if (hasWordToFind(token.text)) {
      counts.included += 1;
      branch.included += 1;
    }
  }
  if (alternatives) endBranch();
  return { ...counts, words: composed.match(WORD)?.length ?? 0 };
}

/**
 * Returns the most minus signs that a keyword puts before one term, or after its last one.
 * `websearch_to_tsquery` reads each as a NOT operator that waits for the term, also across white
 * space and operator characters (`- -(-dental`). PostgreSQL 17 fails the statement with "tsquery
 * stack too small" once more than 32 operators wait: 32 minus signs before a word pass, and 33,
 * or 32 after another word, fail.
 */
export function longestMinusRun(keyword: string): number {
  let longest = 0;
  for (const token of webSearchTokens(keyword.normalize('NFC'))) {
    if (token.kind !== 'or') longest = Math.max(longest, token.minusSigns);
  }
  return longest;
}
