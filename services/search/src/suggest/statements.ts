import type { SuggestQuery } from '@scholarships/api-contract';
import type { Knex, Statement } from '@scholarships/db';
import { toStatement } from '@scholarships/db';

export const SUGGEST_STATEMENT_NAME = 'search_suggest';

/**
 * Completions of the last word from `search_terms`, most common first, and
 * scholarships whose name starts with the whole typed text, both matched
 * without regard to case.
 *
 * Both are prefix ranges in the "C" collation: `x >= p AND x < p || U+10FFFF`.
 * Unlike `LIKE p || '%'`, a range over a parameter serves as an index bound
 * in a generic plan, so the terms use their primary key and the names use
 * `idx_scholarships_name_prefix`. U+10FFFF is the largest code point, and
 * UTF-8 byte order is code point order, so the range contains every text that
 * starts with p. Names are listed in the order of that index, which stops the
 * scan after `row_limit` rows, and closed scholarships (a deadline before
 * today) are left out as search leaves them out by default.
 */
const SUGGEST_TEXT = `
(
  SELECT 'term' AS kind, t.term AS text, t.documents AS scholarships, NULL::uuid AS id
  FROM search_terms AS t
  WHERE t.term >= lower(:prefix::text) COLLATE "C"
    AND t.term < (lower(:prefix::text) || chr(1114111)) COLLATE "C"
  ORDER BY t.documents DESC, t.term
  LIMIT :row_limit::integer
)
UNION ALL
(
  SELECT 'scholarship' AS kind, s.name AS text, NULL::integer AS scholarships, s.id
  FROM scholarships AS s
  WHERE lower(s.name) COLLATE "C" >= lower(:q::text) COLLATE "C"
    AND lower(s.name) COLLATE "C" < (lower(:q::text) || chr(1114111)) COLLATE "C"
    AND (s.deadline IS NULL OR s.deadline >= :today::date)
  ORDER BY lower(s.name) COLLATE "C", s.id
  LIMIT :row_limit::integer
)`;

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

/** Builds the suggestion statement. `today` is the ISO date before which scholarships are closed. */
export function suggestScholarships(knex: Knex, query: SuggestQuery, today: string): Statement {
  const { lastWord } = splitLastWord(query.q);
  return toStatement(
    SUGGEST_STATEMENT_NAME,
    knex.raw(SUGGEST_TEXT, { prefix: lastWord, q: query.q, today, row_limit: query.limit }),
  );
}
