import { SEARCH_SORTS, type SearchQuery, type SearchSort } from '@scholarships/api-contract';
import { type Database, type Knex, type Statement, toStatement } from '@scholarships/db';
import type { CursorPosition } from './cursor';
import { type FacetSnapshot, facetRowsOf } from './facet-snapshot';
import {
  type FacetSnapshotSource,
  facetSnapshotCheck,
  SNAPSHOT_CHANGED,
} from './facet-snapshot-source';
import type { FacetRow } from './facets';
import type { KeywordIndex } from './keyword-index';
import { matchesPerCombination, memoryPage, type RankedPage } from './keyword-matches';
import { type KeywordNode, parseKeywordQuery } from './keyword-query';
import { phrasesTestable } from './phrase-matches';
import { DEADLINE_KEY, KEYWORD, keywordBindings } from './sql-fragments';
import { AMOUNT_KEY, firstPagePosition } from './statements';
import { RESULT_COLUMNS, type SearchPageRow, type SearchRow } from './summary';

export const KEYWORD_QUERY_NAME = 'search_keyword_query';
export const KEYWORD_PAGE_ROWS_NAME = 'search_keyword_page_rows';

/** The parsed keyword of a typed text, as the search statements compute it. */
interface ParsedKeyword {
  /** `(KEYWORD)::text`, `null` when the keyword has words but none to find. */
  text: string | null;
  /** `numnode(KEYWORD)`: 0 for stop words only. */
  nodes: number | null;
  /** The tree the match index evaluates, `null` when it evaluates none. */
  tree: KeywordNode | null;
}

/** Typed keywords whose parsed form is kept; the oldest is dropped beyond it. */
const PARSED_KEYWORDS_KEPT = 5_000;

/** Builds the statement that parses a keyword as the search statements do. */
export function keywordQueryStatement(knex: Knex, keyword: string): Statement {
  return toStatement(
    KEYWORD_QUERY_NAME,
    knex.raw(
      `SELECT (${KEYWORD})::text AS keyword_query, numnode(${KEYWORD}) AS keyword_nodes`,
      keywordBindings(keyword),
    ),
  );
}

const SORT_KEYS: Record<SearchSort, string> = {
  relevance: 'page_rank.rank',
  deadline: DEADLINE_KEY,
  amount: AMOUNT_KEY,
};

/** Totals of a page selected in memory, which every row of the page read repeats. */
export type PageTotals = Pick<SearchPageRow, 'total' | 'keyword_nodes' | 'keyword_query'>;

/**
 * Builds the statement that reads a page selected in memory: the rows of
 * `ids` in that order, in the columns and types of the search statement of
 * `sort`, with `ranks` as their relevance. It checks in the same statement
 * that no write changed the catalogue since `snapshot`, and then returns
 * `total` as NULL and no scholarship. An empty page is one row without
 * scholarship, as the search statement returns it.
 */
export function keywordPageRows(
  knex: Knex,
  sort: SearchSort,
  snapshot: string,
  page: { ids: readonly string[]; ranks: readonly number[] },
  totals: PageTotals,
): Statement {
  const columns = RESULT_COLUMNS.map((column) => `page.${column}`).join(', ');
  const selected = RESULT_COLUMNS.map((column) => `s.${column}`).join(', ');
  return toStatement(
    `${KEYWORD_PAGE_ROWS_NAME}_by_${sort}`,
    knex.raw(
      `
SELECT CASE WHEN totals.changed THEN NULL ELSE totals.total END AS total,
  totals.keyword_nodes, totals.keyword_query, page.sort_key, page.rank, ${columns},
  page.description_text
FROM (
  SELECT :total::integer AS total, :keyword_nodes::integer AS keyword_nodes,
    :keyword_query::text AS keyword_query, ${SNAPSHOT_CHANGED} AS changed
) AS totals
LEFT JOIN LATERAL (
  SELECT p.position, ${SORT_KEYS[sort]} AS sort_key, page_rank.rank, ${selected},
    s.description AS description_text
  FROM unnest(:ids::uuid[]) WITH ORDINALITY AS p (id, position)
  CROSS JOIN LATERAL (SELECT (:ranks::real[])[p.position::integer] AS rank) AS page_rank
  JOIN scholarships AS s ON s.id = p.id
  WHERE NOT totals.changed
) AS page ON true
ORDER BY page.position`,
      { ...totals, snapshot, ids: [...page.ids], ranks: [...page.ranks] },
    ),
  );
}

/** Returns the names of the page read statements, one per sort. */
export function keywordPageRowsNames(): string[] {
  return SEARCH_SORTS.map((sort) => `${KEYWORD_PAGE_ROWS_NAME}_by_${sort}`);
}

export type KeywordSearchResult = 'memory' | 'changed' | 'declined';

export interface KeywordSearchOptions {
  db: Database;
  snapshots: FacetSnapshotSource;
  /** Counts each request by how it was served: `memory`, or by statement after `changed` or `declined`. */
  onResult?: (kind: 'page' | 'facets', result: KeywordSearchResult) => void;
}

/** Keyword pages and facets from the keyword index, checked against the catalogue's state. */
export interface KeywordSearch {
  /**
   * Returns the rows the search statement would return for a keyword page.
   * Returns `null` when the statement must run instead: without a current
   * index, for a phrase, or after a catalogue change since the index was read.
   */
  page(
    query: SearchQuery,
    after: CursorPosition | null,
    today: string,
    keyword: string,
  ): Promise<SearchRow[] | null>;
  /** Returns the facet rows of a keyword search, or `null` when the statement must run. */
  facets(query: SearchQuery, today: string, keyword: string): Promise<FacetRow[] | null>;
}

export function createKeywordSearch(options: KeywordSearchOptions): KeywordSearch {
  const { db, snapshots } = options;
  const parsed = new Map<string, ParsedKeyword>();

  async function parse(keyword: string): Promise<ParsedKeyword> {
    const known = parsed.get(keyword);
    if (known !== undefined) return known;
    const [row] = await db.query<{ keyword_query: string | null; keyword_nodes: number | null }>(
      keywordQueryStatement(db.knex, keyword),
    );
    const text = row?.keyword_query ?? null;
    const tree = text === null ? null : parseKeywordQuery(text);
    const result = {
      text,
      nodes: row?.keyword_nodes ?? null,
      tree: tree === null || !phrasesTestable(tree) ? null : tree,
    };
    if (parsed.size >= PARSED_KEYWORDS_KEPT) parsed.delete(parsed.keys().next().value as string);
    parsed.set(keyword, result);
    return result;
  }

  /** Returns the current snapshot with its index and the keyword's tree, or `null` to decline. */
  async function prepare(keyword: string) {
    const snapshot = snapshots.current();
    const index = snapshot?.keywords;
    if (snapshot === undefined || index === undefined) return null;
    const { text, nodes, tree } = await parse(keyword);
    if (tree === null || text === null) return null;
    return { snapshot, index, keywordQuery: { text, nodes, tree } };
  }

  /**
   * Reads the rows of a page selected in memory. Returns `changed` when the
   * catalogue changed since the index was read.
   */
  async function readPage(
    snapshot: FacetSnapshot,
    index: KeywordIndex,
    selected: RankedPage,
    query: SearchQuery,
    totals: PageTotals,
  ): Promise<SearchRow[] | 'changed'> {
    const ids = selected.rows.map(({ row }) => index.ids[row] as string);
    const rows = await db.query<SearchRow>(
      keywordPageRows(
        db.knex,
        query.sort,
        snapshot.snapshot,
        { ids, ranks: selected.ranks },
        totals,
      ),
    );
    const scholarships = rows.filter((row) => row.id !== null).length;
    if (rows[0]?.total === null || scholarships !== ids.length) {
      snapshots.discard(snapshot);
      return 'changed';
    }
    return rows;
  }

  return {
    async page(query, after, today, keyword) {
      const prepared = await prepare(keyword);
      if (prepared === null) {
        options.onResult?.('page', 'declined');
        return null;
      }
      const { snapshot, index, keywordQuery } = prepared;
      const selected = await memoryPage(snapshot, index, keywordQuery.tree, query, today, {
        sort: query.sort,
        after: after ?? firstPagePosition(query.sort),
        limit: query.limit + 1,
      });
      if (selected === null) {
        options.onResult?.('page', 'declined');
        return null;
      }
      const rows = await readPage(snapshot, index, selected, query, {
        total: selected.total,
        keyword_query: keywordQuery.text,
        keyword_nodes: keywordQuery.nodes,
      });
      if (typeof rows === 'string') {
        options.onResult?.('page', rows);
        return null;
      }
      options.onResult?.('page', 'memory');
      return rows;
    },

    async facets(query, today, keyword) {
      const prepared = await prepare(keyword);
      if (prepared === null) {
        options.onResult?.('facets', 'declined');
        return null;
      }
      const { snapshot, index, keywordQuery } = prepared;
      const counts = matchesPerCombination(snapshot, index, keywordQuery.tree, query, today);
      const [check] = await db.query<{ changed: boolean }>(
        facetSnapshotCheck(db.knex, snapshot.snapshot),
      );
      if (check?.changed !== false) {
        snapshots.discard(snapshot);
        options.onResult?.('facets', 'changed');
        return null;
      }
      options.onResult?.('facets', 'memory');
      return facetRowsOf(snapshot.combinations, counts, query);
    },
  };
}
