import stem from 'wink-porter2-stemmer';

/** Maximum number of words in a snippet around the keyword. */
export const SNIPPET_MAX_WORDS = 35;

/** Words kept before the first keyword word of a snippet, so that it reads as a passage. */
const WORDS_BEFORE_MATCH = 4;

/** A word of the description and where it is. */
interface Word {
  stem: string;
  start: number;
  end: number;
}

/**
 * Words as the snippet counts them: letters and digits, with an inner
 * apostrophe ("student's") kept in the word.
 */
const WORD_PATTERN = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** Stems of recent words. Descriptions share most of their words, so nearly every lookup is a hit. */
const stems = new Map<string, string>();
const MAX_REMEMBERED_STEMS = 50_000;

function stemOf(word: string): string {
  const lower = word.toLowerCase();
  const known = stems.get(lower);
  if (known !== undefined) return known;
  // Cleared rather than evicted one by one: the common words come back at once.
  if (stems.size >= MAX_REMEMBERED_STEMS) stems.clear();
  const stemmed = stem(lower.replace(/’/g, "'"));
  stems.set(lower, stemmed);
  return stemmed;
}

function wordsOf(text: string): Word[] {
  return Array.from(text.matchAll(WORD_PATTERN), (match) => ({
    stem: stemOf(match[0]),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/**
 * Returns the words of a parsed keyword query as PostgreSQL prints it, for
 * example `'public' & 'polici'` or `'comput' <-> 'scienc' & !'law'`: the
 * English stems of its words, without the negated ones. A stem in quotes
 * doubles a quote it contains.
 */
export function keywordStems(queryText: string): Set<string> {
  const found = new Set<string>();
  for (const match of queryText.matchAll(/(!?)'((?:[^']|'')*)'/g)) {
    if (match[1] === '' && match[2] !== undefined) found.add(match[2].replace(/''/g, "'"));
  }
  return found;
}

/** Scores how well a window of words covers the keyword: distinct stems first, then every match. */
function windowScore(words: readonly Word[], start: number, keyword: ReadonlySet<string>): number {
  const seen = new Set<string>();
  let matches = 0;
  for (let index = start; index < Math.min(words.length, start + SNIPPET_MAX_WORDS); index++) {
    const word = words[index];
    if (word !== undefined && keyword.has(word.stem)) {
      seen.add(word.stem);
      matches += 1;
    }
  }
  return seen.size * 1000 + matches;
}

/**
 * Returns the passage of `description` that best shows why it matched: at
 * most `SNIPPET_MAX_WORDS` words, chosen to contain the most distinct
 * keyword stems and then the most keyword words, starting a few words
 * before its first keyword word. Words are compared by their English
 * (Snowball) stems, as PostgreSQL's `english` configuration compares them.
 * Returns `null` when no word of the description is a keyword word.
 *
 * This runs in the service rather than as `ts_headline` in the statement,
 * which parsed every description of the page in the database: about 3 ms
 * of a page of 20 on the slowest keyword searches.
 */
export function keywordSnippet(description: string, keyword: ReadonlySet<string>): string | null {
  const words = wordsOf(description);
  let bestStart = -1;
  let bestScore = 0;
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    if (word === undefined || !keyword.has(word.stem)) continue;
    const start = Math.max(
      0,
      Math.min(index - WORDS_BEFORE_MATCH, words.length - SNIPPET_MAX_WORDS),
    );
    const score = start === bestStart ? bestScore : windowScore(words, start, keyword);
    if (score > bestScore) {
      bestStart = start;
      bestScore = score;
    }
  }
  if (bestStart < 0) return null;
  const lastIndex = Math.min(words.length, bestStart + SNIPPET_MAX_WORDS) - 1;
  const first = words[bestStart];
  const last = words[lastIndex];
  if (first === undefined || last === undefined) return null;
  // A passage that reaches either end of the description keeps its punctuation there.
  const start = bestStart === 0 ? 0 : first.start;
  const end = lastIndex === words.length - 1 ? description.length : last.end;
  return description.slice(start, end).trim();
}
