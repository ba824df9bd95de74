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
 * Words, split close to how PostgreSQL's parser splits them for the
 * `english` configuration. A word is a run of letters and digits, so an
 * apostrophe or a hyphen separates two words ("O'Brien" is `o` and
 * `brien`). Runs joined by single inner dots stay one word, as the parser
 * keeps them in one token ("Ph.D." is `ph.d`; "3.5" stays whole).
 */
const WORD_PATTERN = /[\p{L}\p{N}]+(?:\.[\p{L}\p{N}]+)*/gu;

/**
 * Length of the longest word that is stemmed. A longer word is compared as it is, because the
 * stemmer's time grows with the square of a word's length (one word of 4,000 letters took 0.2 s).
 */
export const MAX_STEMMED_LENGTH = 40;

/** A digit or a dot: PostgreSQL indexes such words ("2023", "web3", "ph.d") without stemming. */
const UNSTEMMED = /[\p{N}.]/u;

/** Stems of recent words. Descriptions share most of their words, so nearly every lookup is a hit. */
const stems = new Map<string, string>();
const MAX_REMEMBERED_STEMS = 50_000;

/**
 * Returns the word as the `english` configuration indexes it: lowercase,
 * and stemmed unless it contains a digit or a dot.
 */
function stemOf(word: string): string {
  const lower = word.toLowerCase();
  if (lower.length > MAX_STEMMED_LENGTH || UNSTEMMED.test(lower)) return lower;
  const known = stems.get(lower);
  if (known !== undefined) return known;
  // Cleared rather than evicted one by one: the common words come back at once.
  if (stems.size >= MAX_REMEMBERED_STEMS) stems.clear();
  const stemmed = stem(lower);
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

/** One piece of a printed query: a quoted word, a parenthesis, a negation, or an operator. */
const QUERY_TOKEN = /'((?:[^']|'')*)'|[()!]|[^'()!]+/g;

/**
 * Returns the stems of a parsed keyword query as PostgreSQL prints it, such as
 * `'public' & 'polici'` or `'nurs' & !( 'law' <-> 'school' )`. Negated words and the words of a
 * negated phrase are left out. A quote inside a printed stem is doubled.
 */
export function keywordStems(queryText: string): Set<string> {
  const found = new Set<string>();
  // One entry per open parenthesis: whether that group is negated.
  const groups: boolean[] = [];
  let negateNext = false;
  for (const [token, quoted] of queryText.matchAll(QUERY_TOKEN)) {
    if (token === '!') {
      negateNext = true;
    } else if (token === '(') {
      groups.push(negateNext);
      negateNext = false;
    } else if (token === ')') {
      groups.pop();
    } else if (quoted !== undefined) {
      if (!negateNext && !groups.includes(true)) found.add(quoted.replace(/''/g, "'"));
      negateNext = false;
    }
  }
  return found;
}

/**
 * Scores every window of `SNIPPET_MAX_WORDS` words by how well it covers
 * the keyword: distinct stems first, then every keyword word. The window
 * slides one word at a time, so the whole text costs one pass.
 */
function windowScores(words: readonly Word[], keyword: ReadonlySet<string>): number[] {
  const inWindow = new Map<string, number>();
  let matches = 0;
  const add = (word: Word | undefined, change: 1 | -1) => {
    if (word === undefined || !keyword.has(word.stem)) return;
    const count = (inWindow.get(word.stem) ?? 0) + change;
    if (count === 0) inWindow.delete(word.stem);
    else inWindow.set(word.stem, count);
    matches += change;
  };
  for (let index = 0; index < Math.min(words.length, SNIPPET_MAX_WORDS); index++) {
    add(words[index], 1);
  }
  const scores: number[] = [];
  const lastStart = Math.max(0, words.length - SNIPPET_MAX_WORDS);
  for (let start = 0; start <= lastStart; start++) {
    scores.push(inWindow.size * 1000 + matches);
    add(words[start], -1);
    add(words[start + SNIPPET_MAX_WORDS], 1);
  }
  return scores;
}

/**
 * Returns the passage of `description` that best shows why it matched, or `null` when no word
 * of it is a keyword word. The passage has at most `SNIPPET_MAX_WORDS` words and contains the
 * most distinct keyword stems, then the most keyword words.
 *
 * It starts four words before its first keyword word, or earlier near the end of the
 * description so that it keeps its full length. An ellipsis marks each end that cuts the
 * description. Words are compared by their English (Snowball) stems, as PostgreSQL's `english`
 * configuration compares them.
 *
 * This runs in the service rather than as `ts_headline` in the statement,
 * which parsed every description of the page in the database: about 3 ms
 * of a page of 20 on the slowest keyword searches.
 */
export function keywordSnippet(description: string, keyword: ReadonlySet<string>): string | null {
  const words = wordsOf(description);
  const bestStart = bestWindowStart(words, keyword);
  if (bestStart < 0) return null;
  const lastIndex = Math.min(words.length, bestStart + SNIPPET_MAX_WORDS) - 1;
  const first = words[bestStart];
  const last = words[lastIndex];
  if (first === undefined || last === undefined) return null;
  // A passage that reaches an end of the description keeps its punctuation there. An end that
  // cuts the description gets an ellipsis, as a shortened description start does.
  const fromStart = bestStart === 0;
  const toEnd = lastIndex === words.length - 1;
  const passage = description
    .slice(
      fromStart ? 0 : tokenStart(description, first.start),
      toEnd ? description.length : tokenEnd(description, last.end),
    )
    .trim();
  return `${fromStart ? '' : '…'}${passage}${toEnd ? '' : '…'}`;
}

/**
 * Returns the first word of the best window that starts four words before a keyword word (or
 * earlier, to keep its full length near the end), or -1 when no word is a keyword word.
 */
function bestWindowStart(words: readonly Word[], keyword: ReadonlySet<string>): number {
  const scores = windowScores(words, keyword);
  let bestStart = -1;
  let bestScore = 0;
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    if (word === undefined || !keyword.has(word.stem)) continue;
    const start = Math.max(
      0,
      Math.min(index - WORDS_BEFORE_MATCH, words.length - SNIPPET_MAX_WORDS),
    );
    const score = scores[start] ?? 0;
    if (score > bestScore) {
      bestStart = start;
      bestScore = score;
    }
  }
  return bestStart;
}

/**
 * Moves a cut back to the start of the text between spaces that contains it, so that a passage
 * never starts inside "Kohl's" or "U.S.".
 */
function tokenStart(text: string, index: number): number {
  let start = index;
  while (start > 0 && !/\s/.test(text.charAt(start - 1))) start -= 1;
  return start;
}

/** Moves a cut forward to the end of the text between spaces that contains it. */
function tokenEnd(text: string, index: number): number {
  let end = index;
  while (end < text.length && !/\s/.test(text.charAt(end))) end += 1;
  return end;
}
