import type { SuggestQuery } from '@scholarships/api-contract';
import type { Knex, Statement } from '@scholarships/db';
import { toStatement } from '@scholarships/db';
import { splitJoinedWords } from '../search/joined-words';

export const SUGGEST_STATEMENT_NAME = 'search_suggest';
export const PHRASE_SUGGEST_STATEMENT_NAME = 'search_suggest_phrase';

/**
 * Maximum count of open scholarships that a completion of several words
 * reports. Counting stops there, so a common phrase reads no more rows.
 */
export const PHRASE_COUNT_LIMIT = 100;

/** Completions of the last word checked per completion returned, when earlier words are typed. */
const PHRASE_CANDIDATES_PER_ROW = 2;

/** Terms that start with the last word, as a prefix range on the primary key. */
export const TERM_PREFIX = `t.term >= lower(:prefix::text) COLLATE "C"
    AND t.term < (lower(:prefix::text) || chr(1114111)) COLLATE "C"`;

/**
 * Open scholarships whose name starts with the whole typed text, listed in
 * the order of `idx_scholarships_name_prefix`, which stops the scan after
 * `row_limit` rows.
 */
export const NAME_SUGGESTIONS = `(
  SELECT 'scholarship' AS kind, s.name AS text, NULL::integer AS scholarships, s.id
  FROM scholarships AS s
  WHERE lower(s.name) COLLATE "C" >= lower(:q::text) COLLATE "C"
    AND lower(s.name) COLLATE "C" < (lower(:q::text) || chr(1114111)) COLLATE "C"
    AND (s.deadline IS NULL OR s.deadline >= :today::date)
  ORDER BY lower(s.name) COLLATE "C", s.id
  LIMIT :row_limit::integer
)`;

/** Returns the most common completions of the last word from `search_terms`, when `gate` is true. */
function wordCompletions(gate = 'true'): string {
  return `
  SELECT 'term' AS kind, t.term AS text, t.documents AS scholarships, NULL::uuid AS id
  FROM search_terms AS t
  WHERE ${gate}
    AND ${TERM_PREFIX}
  ORDER BY t.documents DESC, t.term
  LIMIT :row_limit::integer`;
}

/**
 * Completions of a single word from `search_terms`, most common first, and
 * scholarships whose name starts with the word, both matched without regard
 * to case.
 *
 * Both are prefix ranges in the "C" collation: `x >= p AND x < p || U+10FFFF`.
 * Unlike `LIKE p || '%'`, a range over a parameter serves as an index bound
 * in a generic plan, so the terms use their primary key and the names use
 * `idx_scholarships_name_prefix`. U+10FFFF is the largest code point, and
 * UTF-8 byte order is code point order, so the range contains every text that
 * starts with p. Closed scholarships (a deadline before today) are left out of
 * the names, as search leaves them out by default.
 */
const SUGGEST_TEXT = `
(${wordCompletions()}
)
UNION ALL
${NAME_SUGGESTIONS}`;

/**
 * Completions of the last word after earlier words. A word can be common
 * and still never appear with the words before it ("nursing schiller"), and
 * such a completion would lead to an empty search. So the most common
 * completions of the word are each searched together with the earlier
 * words, as search reads the text, among open scholarships. Those with no
 * match are dropped, and the rest are ordered by their matches, counted up
 * to `count_limit`.
 *
 * When the earlier words match no scholarship at all, open or closed, they
 * are misspelled or unknown, and no completion could pass that check. The
 * completions of the word alone are listed then, as for a single word: a
 * search of the completed text corrects the spelling of the earlier words.
 */
const PHRASE_SUGGEST_TEXT = `
WITH head AS (
  SELECT EXISTS (
    SELECT 1 FROM scholarships AS s
    WHERE s.search_document @@ (SELECT websearch_to_tsquery('english', :head::text))
  ) AS known
)
(
  SELECT 'term' AS kind, candidate.term AS text, matched.scholarships, NULL::uuid AS id
  FROM (
    SELECT t.term, t.documents
    FROM search_terms AS t
    WHERE ${TERM_PREFIX}
    ORDER BY t.documents DESC, t.term
    LIMIT :candidate_limit::integer
  ) AS candidate
  CROSS JOIN LATERAL (
    SELECT count(*)::integer AS scholarships
    FROM (
      SELECT 1
      FROM scholarships AS s
      WHERE s.search_document @@ (
          SELECT websearch_to_tsquery('english', :head::text || candidate.term)
        )
        AND (s.deadline IS NULL OR s.deadline >= :today::date)
      LIMIT :count_limit::integer
    ) AS matching
  ) AS matched
  WHERE (SELECT known FROM head) AND matched.scholarships > 0
  ORDER BY matched.scholarships DESC, candidate.documents DESC, candidate.term
  LIMIT :row_limit::integer
)
UNION ALL
(${wordCompletions('NOT (SELECT known FROM head)')}
)
UNION ALL
${NAME_SUGGESTIONS}`;

/** A row of the suggestion statement: a completed word or a scholarship name. */
export type SuggestRow =
  | { kind: 'term'; text: string; scholarships: number; id: null }
  | { kind: 'scholarship'; text: string; scholarships: null; id: string };

/** The typed text split into the part kept as typed and the last word, which is completed. */
export interface TypedText {
  head: string;
  lastWord: string | null;
}

/** Splits `q` before its last run of letters. Text that ends in no letter has no word to complete. */
export function splitLastWord(q: string): TypedText {
  const match = /\p{L}+$/u.exec(q);
  if (match === null) return { head: q, lastWord: null };
  return { head: q.slice(0, match.index), lastWord: match[0] };
}

/** Returns whether the text before the last word contains a word of its own. */
function hasEarlierWord(head: string): boolean {
  return /[\p{L}\p{N}]/u.test(head);
}

/**
 * Writes apart the words of the typed text that a slash or hyphen joins, including the last word
 * to the one being typed (`nursing/` of `nursing/sch`). Joined, PostgreSQL reads them as one
 * token, and no completion would match.
 */
function headWordsApart(head: string): string {
  const apart = head.replace(/(?<=[\p{L}\p{N}])[/-]$/u, ' ');
  return splitJoinedWords(apart) ?? apart;
}

/** Returns whether the typed text has earlier words before a last word to complete. */
export function isPhraseSuggestion(query: SuggestQuery): boolean {
  const { head, lastWord } = splitLastWord(query.q);
  return lastWord !== null && hasEarlierWord(head);
}

/** Bindings of the phrase statement, and of the candidates the keyword index counts. */
export function phraseBindings(query: SuggestQuery, today: string) {
  const { head, lastWord } = splitLastWord(query.q);
  return {
    prefix: lastWord,
    q: query.q,
    today,
    row_limit: query.limit,
    head: headWordsApart(head),
    candidate_limit: query.limit * PHRASE_CANDIDATES_PER_ROW,
    count_limit: PHRASE_COUNT_LIMIT,
  };
}

/** Builds the suggestion statement. `today` is the ISO date before which scholarships are closed. */
export function suggestScholarships(knex: Knex, query: SuggestQuery, today: string): Statement {
  if (isPhraseSuggestion(query)) {
    return toStatement(
      PHRASE_SUGGEST_STATEMENT_NAME,
      knex.raw(PHRASE_SUGGEST_TEXT, phraseBindings(query, today)),
    );
  }
  const { lastWord } = splitLastWord(query.q);
  const bindings = { prefix: lastWord, q: query.q, today, row_limit: query.limit };
  return toStatement(SUGGEST_STATEMENT_NAME, knex.raw(SUGGEST_TEXT, bindings));
}
