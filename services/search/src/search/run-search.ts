import type { SearchQuery } from '@scholarships/api-contract';
import type { Database } from '@scholarships/db';
import { problems } from '@scholarships/service-kit';
import type { CursorPosition } from './cursor';
import { appliedQuery, type KeywordHandling } from './keyword-handling';
import type { KeywordSearch } from './keyword-search';
import {
  correctableWords,
  correctedKeyword,
  SPELLING_FALLBACK_BELOW,
  type SpellingCorrection,
  spellingCorrections,
} from './spelling';
import { searchScholarships } from './statements';
import type { SearchRow } from './summary';

/** The rows of one search and how its keyword was applied. */
export interface SearchOutcome {
  rows: SearchRow[];
  handling: KeywordHandling;
  /** The query as applied: without q when it contained only stop words. */
  query: SearchQuery;
  /** The keyword text searched, `null` without one. It differs from `query.q` after a correction. */
  keyword: string | null;
}

/** Looks up spelling corrections for the words of `q`. Returns `null` when no word changes. */
export async function correctKeyword(db: Database, q: string): Promise<string | null> {
  const words = correctableWords(q);
  if (words.length === 0) return null;
  const corrections = await db.query<SpellingCorrection>(spellingCorrections(db.knex, words));
  return correctedKeyword(q, corrections);
}

/**
 * Returns the rows of one search statement: from the keyword index when
 * `memory` serves the keyword page, otherwise by running the statement.
 */
async function searchRows(
  db: Database,
  memory: KeywordSearch | undefined,
  query: SearchQuery,
  after: CursorPosition | null,
  today: string,
  keyword: string | null,
): Promise<SearchRow[]> {
  if (keyword !== null && memory !== undefined) {
    const rows = await memory.page(query, after, today, keyword);
    if (rows !== null) return rows;
  }
  return db.query<SearchRow>(searchScholarships(db.knex, query, after, today, keyword));
}

function totalOf(rows: readonly SearchRow[]): number {
  return rows[0]?.total ?? 0;
}

/**
 * Runs a later page, whose cursor fixes how the keyword is applied. After a
 * spelling correction the correction is looked up again, which returns the
 * same text unless `search_terms` was refreshed in between.
 */
async function runLaterPage(
  db: Database,
  query: SearchQuery,
  after: CursorPosition,
  handling: KeywordHandling,
  today: string,
  memory: KeywordSearch | undefined,
): Promise<SearchOutcome> {
  let keyword = query.q;
  if (handling === 'spelling_corrected' && query.q !== null) {
    keyword = (await correctKeyword(db, query.q)) ?? query.q;
  }
  const rows = await searchRows(db, memory, query, after, today, keyword);
  return { rows, handling, query, keyword };
}

/**
 * Runs a first page with the typed keyword, then decides from its result
 * whether to apply the keyword differently:
 * - When it has no searchable word, such as `the and of`, the search runs
 *   again without keyword (2 statements).
 * - When it matches fewer than `SPELLING_FALLBACK_BELOW` scholarships, the
 *   words are looked up in `search_terms`, and a corrected keyword that finds
 *   more scholarships replaces it (3 statements, or 2 when no word changes).
 * Full-text search comes first because it is exact and served by the GIN
 * index, while a similarity lookup only helps when it found too little.
 */
async function runFirstPage(
  db: Database,
  query: SearchQuery,
  today: string,
  memory: KeywordSearch | undefined,
): Promise<SearchOutcome> {
  const typed = query.q;
  const rows = await searchRows(db, memory, query, null, today, typed);
  const asTyped: SearchOutcome = { rows, handling: 'as_typed', query, keyword: typed };
  if (typed === null) return asTyped;

  if (rows[0]?.keyword_nodes === 0) {
    const withoutKeyword = appliedQuery(query, 'stop_words_only');
    const browsed = await db.query<SearchRow>(
      searchScholarships(db.knex, withoutKeyword, null, today),
    );
    return { rows: browsed, handling: 'stop_words_only', query: withoutKeyword, keyword: null };
  }
  if (rows[0]?.keyword_nodes === null) throw nothingToFind();
  if (totalOf(rows) >= SPELLING_FALLBACK_BELOW) return asTyped;

  const corrected = await correctKeyword(db, typed);
  if (corrected === null) return asTyped;
  const correctedRows = await searchRows(db, memory, query, null, today, corrected);
  if (totalOf(correctedRows) <= totalOf(rows)) return asTyped;
  return { rows: correctedRows, handling: 'spelling_corrected', query, keyword: corrected };
}

/**
 * Builds the 400 for a keyword that PostgreSQL reads as exclusions and stop words alone, in the whole
 * keyword or in one alternative (`KEYWORD` is then NULL and matches nothing). The contract
 * rejects the usual forms before the statement runs. This catches the forms it reads
 * differently from PostgreSQL's parser, such as `İT -dental`, where `it` is a stop word to
 * PostgreSQL. Such a keyword has nothing to correct either: a stop word would become a rare word
 * that merely looks like it (`for` into `form`).
 */
function nothingToFind() {
  return problems.validationFailed([
    {
      field: 'query.q',
      message:
        'must contain a word to search for other than a stop word, also in each alternative: this keyword reads as excluded words and stop words only',
    },
  ]);
}

/**
 * Runs one search page. `query` must already be the applied query of
 * `handling`, and `after` is the position of a later page's cursor. With
 * `memory`, keyword pages come from the keyword index where it serves them.
 */
export function runSearch(
  db: Database,
  query: SearchQuery,
  after: CursorPosition | null,
  handling: KeywordHandling,
  today: string,
  memory?: KeywordSearch,
): Promise<SearchOutcome> {
  if (after !== null) return runLaterPage(db, query, after, handling, today, memory);
  return runFirstPage(db, query, today, memory);
}
