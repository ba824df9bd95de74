import type { Knex, Statement } from '@scholarships/db';
import { toStatement } from '@scholarships/db';

/**
 * A keyword that matches fewer scholarships than this gets a spelling check.
 * Zero alone would miss a misspelling that the data itself contains once or
 * twice, such as a typo in one description, while a keyword with three or
 * more matches is taken as meant.
 */
export const SPELLING_FALLBACK_BELOW = 3;

/**
 * A word that is a known term is replaced only by a similar term found in at
 * least this many times as many scholarships, so that rare but correct words
 * (`hvac`, `luthier`) stay as typed.
 */
export const KNOWN_WORD_DOCUMENT_RATIO = 10;

/**
 * Weight of a term's frequency in choosing among similar terms: each tenfold
 * more scholarships adds this much to the trigram similarity (0 to 1). It
 * settles near-ties by frequency, as a spelling corrector's prior does:
 * `fellowshp` becomes `fellowship` (similarity 0.62, 248 scholarships) rather
 * than `fellows` (0.64, 26), while a clearly closer word still wins.
 */
const FREQUENCY_WEIGHT = 0.05;

/**
 * Minimum trigram similarity of a correction. The index's `%` keeps
 * similarities from 0.3, which let correct words that match little be
 * replaced by unrelated ones: `forestry` by `foreign` (0.31), `paralegal` by
 * `legal` (0.33), `practitioner` by `practice` (0.38). The typos of the
 * relevance test set all score 0.5 or more (`nursng` 0.50, `fellowshp` 0.62).
 */
export const MIN_CORRECTION_SIMILARITY = 0.45;

/**
 * Score of a term that adds accents to a word typed without any (migration 015), such as `québec`
 * for `quebec`: above any trigram candidate's, whose similarity is at most 1 plus
 * `FREQUENCY_WEIGHT` per tenfold frequency. It must be found in more scholarships than the word.
 * A word typed with accents is never replaced this way, because the accents were meant.
 */
const ACCENT_VARIANT_SCORE = 2;

/** Words shorter than this are not corrected, because their trigram similarity is unreliable. */
const MIN_WORD_LENGTH = 3;

export const SPELLING_STATEMENT_NAME = 'search_spelling_corrections';

/** A replacement for one typed word. */
export interface SpellingCorrection {
  word: string;
  term: string;
}

const WORD_PATTERN = /\p{L}+/gu;

/**
 * Returns the distinct lowercase words of `q` that a correction could
 * replace: letter runs of at least three letters. Web search syntax (quotes,
 * a leading `-`) is not part of a word, and `or` is too short to count.
 */
export function correctableWords(q: string): string[] {
  const words = (q.match(WORD_PATTERN) ?? [])
    .map((word) => word.toLowerCase())
    .filter((word) => word.length >= MIN_WORD_LENGTH);
  return [...new Set(words)];
}

/**
 * For each word typed without accents, the accented term of `search_terms`
 * with the same letters when it is more common than the word. Otherwise, for
 * any word, the most similar term by trigram similarity, among the terms at
 * least `KNOWN_WORD_DOCUMENT_RATIO` times as common as the word itself (any
 * term for a word that is no term), with a similarity of at least
 * `MIN_CORRECTION_SIMILARITY`. The GIN trigram index
 * serves `%`, which keeps similarities of at least
 * `pg_trgm.similarity_threshold`, 0.3 by default. Candidates are ranked by
 * similarity plus `FREQUENCY_WEIGHT` per tenfold frequency.
 *
 * Filtering by frequency before picking matters: the catalogue contains the
 * misspelling `scholarhsip` twice and `scholarhip` twice, which are more
 * similar to each other than to `scholarship` (in 2,569 of the 3,813 real
 * records).
 */
const SPELLING_TEXT = `
SELECT w.word, best.term
FROM unnest(:words::text[]) AS w(word)
CROSS JOIN LATERAL (
  SELECT coalesce(
    (SELECT k.documents FROM search_terms AS k WHERE k.term = (w.word COLLATE "C")),
    0
  ) AS documents
) AS typed
CROSS JOIN LATERAL (
  SELECT candidate.term
  FROM (
    SELECT t.term, ${ACCENT_VARIANT_SCORE} AS score, t.documents
    FROM search_terms AS t
    WHERE w.word = search_fold(w.word)
      AND search_fold(t.term) = search_fold(w.word)
      AND t.term <> (w.word COLLATE "C")
      AND t.documents > typed.documents
    UNION ALL
    SELECT t.term,
      similarity(t.term, w.word COLLATE "C") + ${FREQUENCY_WEIGHT} * log(t.documents) AS score,
      t.documents
    FROM search_terms AS t
    WHERE t.term % (w.word COLLATE "C")
      AND similarity(t.term, w.word COLLATE "C") >= :min_similarity::real
      AND t.documents >= :ratio::integer * typed.documents
  ) AS candidate
  ORDER BY candidate.score DESC, candidate.documents DESC, candidate.term
  LIMIT 1
) AS best`;

/** Builds the statement that looks up corrections for `words` from `correctableWords`. */
export function spellingCorrections(knex: Knex, words: readonly string[]): Statement {
  return toStatement(
    SPELLING_STATEMENT_NAME,
    knex.raw(SPELLING_TEXT, {
      words: [...words],
      ratio: KNOWN_WORD_DOCUMENT_RATIO,
      min_similarity: MIN_CORRECTION_SIMILARITY,
    }),
  );
}

/**
 * Replaces each corrected word of `q` and keeps everything else, such as
 * quotes and a leading `-`, in place. Returns `null` when nothing changed.
 */
export function correctedKeyword(
  q: string,
  corrections: readonly SpellingCorrection[],
): string | null {
  const byWord = new Map(corrections.map((correction) => [correction.word, correction.term]));
  if (byWord.size === 0) return null;
  const corrected = q.replace(WORD_PATTERN, (word) => byWord.get(word.toLowerCase()) ?? word);
  return corrected === q ? null : corrected;
}
