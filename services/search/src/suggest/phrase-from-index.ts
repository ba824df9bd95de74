import type { SuggestQuery } from '@scholarships/api-contract';
import { type Database, type Knex, type Statement, toStatement } from '@scholarships/db';
import type { FacetSnapshot } from '../search/facet-snapshot';
import { type FacetSnapshotSource, SNAPSHOT_CHANGED } from '../search/facet-snapshot-source';
import type { KeywordIndex } from '../search/keyword-index';
import { documentMatches } from '../search/keyword-matches';
import { type KeywordNode, parseKeywordQuery } from '../search/keyword-query';
import type { KeywordSearchResult } from '../search/keyword-search';
import { phrasesTestable } from '../search/phrase-matches';
import {
  NAME_SUGGESTIONS,
  PHRASE_COUNT_LIMIT,
  phraseBindings,
  type SuggestRow,
  TERM_PREFIX,
} from './statements';

export const PHRASE_CANDIDATES_NAME = 'search_suggest_phrase_candidates';

/**
 * Reads what a completion after earlier words needs besides the matches.
 * That is the parsed earlier words, and the most common completions of the
 * last word, each parsed together with the earlier words as search reads
 * them. It also reads the scholarship names that start with the typed text.
 * The first row also shows whether the catalogue changed since the snapshot
 * bound as `:snapshot`.
 */
const PHRASE_CANDIDATES_TEXT = `
SELECT 'head' AS kind, NULL::text AS text, NULL::integer AS documents,
  websearch_to_tsquery('english', :head::text)::text AS keyword_query, NULL::uuid AS id,
  ${SNAPSHOT_CHANGED} AS changed
UNION ALL
(
  SELECT 'candidate', t.term, t.documents,
    websearch_to_tsquery('english', :head::text || t.term)::text, NULL::uuid, NULL::boolean
  FROM search_terms AS t
  WHERE ${TERM_PREFIX}
  ORDER BY t.documents DESC, t.term
  LIMIT :candidate_limit::integer
)
UNION ALL
SELECT names.kind, names.text, NULL::integer, NULL::text, names.id, NULL::boolean
FROM ${NAME_SUGGESTIONS} AS names`;

interface CandidateRow {
  kind: 'head' | 'candidate' | 'scholarship';
  text: string | null;
  documents: number | null;
  keyword_query: string | null;
  id: string | null;
  changed: boolean | null;
}

/** Builds the statement of `PHRASE_CANDIDATES_TEXT` for a text whose earlier words `head` are. */
export function phraseCandidates(
  knex: Knex,
  query: SuggestQuery,
  today: string,
  snapshot: string,
): Statement {
  return toStatement(
    PHRASE_CANDIDATES_NAME,
    knex.raw(PHRASE_CANDIDATES_TEXT, { ...phraseBindings(query, today), snapshot }),
  );
}

/**
 * Returns the tree of a parsed text: `null` for the empty query, which
 * matches nothing, and `undefined` when the index cannot evaluate it.
 */
function treeOf(text: string | null): KeywordNode | null | undefined {
  if (text === null || text === '') return null;
  const tree = parseKeywordQuery(text);
  return tree === null || !phrasesTestable(tree) ? undefined : tree;
}

function dayOf(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;
}

/** Counts the open scholarships that match `tree`, up to `PHRASE_COUNT_LIMIT`. */
function openMatches(index: KeywordIndex, tree: KeywordNode | null, today: number): number {
  if (tree === null) return 0;
  let count = 0;
  for (const row of documentMatches(index, tree)) {
    const day = index.deadlineDays[row] as number;
    if (!(Number.isNaN(day) || day >= today)) continue;
    count += 1;
    if (count === PHRASE_COUNT_LIMIT) break;
  }
  return count;
}

interface Candidate {
  term: string;
  documents: number;
  tree: KeywordNode | null;
  position: number;
}

/**
 * Orders the completions as the phrase statement does: by open matches,
 * then by documents and term, which is the order the candidates came in.
 */
function termRows(
  index: KeywordIndex,
  head: KeywordNode | null,
  candidates: readonly Candidate[],
  query: SuggestQuery,
  today: string,
): SuggestRow[] {
  const known = head !== null && documentMatches(index, head).length > 0;
  if (!known) {
    return candidates.slice(0, query.limit).map((candidate) => ({
      kind: 'term',
      text: candidate.term,
      scholarships: candidate.documents,
      id: null,
    }));
  }
  const day = dayOf(today);
  return candidates
    .map((candidate) => ({ candidate, matches: openMatches(index, candidate.tree, day) }))
    .filter(({ matches }) => matches > 0)
    .sort((a, b) => b.matches - a.matches || a.candidate.position - b.candidate.position)
    .slice(0, query.limit)
    .map(({ candidate, matches }) => ({
      kind: 'term',
      text: candidate.term,
      scholarships: matches,
      id: null,
    }));
}

export interface PhraseSuggestions {
  /** Returns the rows of the phrase statement, or `null` when the statement must run instead. */
  rows(query: SuggestQuery, today: string): Promise<SuggestRow[] | null>;
}

export interface PhraseSuggestionOptions {
  db: Database;
  snapshots: FacetSnapshotSource;
  onResult?: (result: KeywordSearchResult) => void;
}

/**
 * Completes the last word after earlier words from the keyword index: the
 * statement reads the candidates and names, and the matches of each
 * candidate are counted in memory rather than by visiting their rows.
 */
export function createPhraseSuggestions(options: PhraseSuggestionOptions): PhraseSuggestions {
  const { db, snapshots } = options;

  function fromRows(
    snapshot: FacetSnapshot,
    index: KeywordIndex,
    rows: readonly CandidateRow[],
    query: SuggestQuery,
    today: string,
  ): SuggestRow[] | 'changed' | 'declined' {
    const [first] = rows;
    if (first?.kind !== 'head' || first.changed !== false) {
      snapshots.discard(snapshot);
      return 'changed';
    }
    const head = treeOf(first.keyword_query);
    if (head === undefined) return 'declined';
    const candidates: Candidate[] = [];
    const names: SuggestRow[] = [];
    for (const row of rows) {
      if (row.kind === 'scholarship') {
        names.push({
          kind: 'scholarship',
          text: row.text as string,
          scholarships: null,
          id: row.id as string,
        });
      } else if (row.kind === 'candidate') {
        const tree = treeOf(row.keyword_query);
        if (tree === undefined) return 'declined';
        const term = row.text as string;
        candidates.push({
          term,
          documents: row.documents as number,
          tree,
          position: candidates.length,
        });
      }
    }
    return [...termRows(index, head, candidates, query, today), ...names];
  }

  return {
    async rows(query, today) {
      const snapshot = snapshots.current();
      const index = snapshot?.keywords;
      if (snapshot === undefined || index === undefined) {
        options.onResult?.('declined');
        return null;
      }
      const rows = await db.query<CandidateRow>(
        phraseCandidates(db.knex, query, today, snapshot.snapshot),
      );
      const result = fromRows(snapshot, index, rows, query, today);
      if (typeof result === 'string') {
        options.onResult?.(result);
        return null;
      }
      options.onResult?.('memory');
      return result;
    },
  };
}
