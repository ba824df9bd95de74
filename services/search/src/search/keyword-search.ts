import type { SearchQuery } from '@scholarships/api-contract';
import { type Database, type Knex, type Statement, toStatement } from '@scholarships/db';
import type { CursorPosition } from './cursor';
import { type FacetSnapshot, facetRowsOf } from './facet-snapshot';
import {
  type FacetSnapshotSource,
  facetSnapshotCheck,
  SNAPSHOT_CHANGED,
} from './facet-snapshot-source';
import type { FacetRow } from './facets';
import { float4AsRead } from './float4-text';
import type { KeywordIndex } from './keyword-index';
import { matchesPerCombination, memoryPage, type RankedPage } from './keyword-matches';
import { hasPhrase, type KeywordNode, parseKeywordQuery } from './keyword-query';
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

/**
 * Builds the statement that reads a page's rows by id, in the order given,
 * with the columns and keys of the search statements, after checking that
 * the snapshot the page was selected from is still current. It returns one
 * row with `changed` and no scholarship when `ids` is empty.
 */
export function keywordPageRows(knex: Knex, snapshot: string, ids: readonly string[]): Statement {
  const columns = RESULT_COLUMNS.map((column) => `s.${column}`).join(', ');
  return toStatement(
    KEYWORD_PAGE_ROWS_NAME,
    knex.raw(
      `
SELECT checked.changed, page.*
FROM (SELECT ${SNAPSHOT_CHANGED} AS changed) AS checked
LEFT JOIN LATERAL (
  SELECT p.position, ${DEADLINE_KEY} AS deadline_key, ${AMOUNT_KEY} AS amount_key,
    ${columns}, s.description AS description_text
  FROM unnest(:ids::uuid[]) WITH ORDINALITY AS p (id, position)
  JOIN scholarships AS s ON s.id = p.id
) AS page ON true
ORDER BY page.position`,
      { snapshot, ids: [...ids] },
    ),
  );
}

type PageRowsRow = Omit<
  SearchPageRow,
  'sort_key' | 'rank' | 'total' | 'keyword_nodes' | 'keyword_query'
> & {
  changed: boolean;
  position: string | null;
  deadline_key: string;
  amount_key: number;
};

export type KeywordSearchResult = 'memory' | 'changed' | 'declined';

/** Turns a row of the page read into a row of the search statement. */
function searchRow(
  row: PageRowsRow,
  rank: number | null,
  query: SearchQuery,
  totals: Pick<SearchPageRow, 'total' | 'keyword_nodes' | 'keyword_query'>,
): SearchRow {
  const { changed: _changed, position: _position, deadline_key, amount_key, ...columns } = row;
  const read = rank === null ? null : float4AsRead(rank);
  let sortKey: number | string | null = read;
  if (query.sort === 'deadline') sortKey = deadline_key;
  if (query.sort === 'amount') sortKey = amount_key;
  if (rank === null) sortKey = null;
  return { ...totals, ...columns, rank: read, sort_key: sortKey } as SearchRow;
}

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
      tree: tree === null || hasPhrase(tree) ? null : tree,
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
    totals: Pick<SearchPageRow, 'total' | 'keyword_nodes' | 'keyword_query'>,
  ): Promise<SearchRow[] | 'changed'> {
    const ids = selected.rows.map(({ row }) => index.ids[row] as string);
    const rows = await db.query<PageRowsRow>(keywordPageRows(db.knex, snapshot.snapshot, ids));
    const found = rows.filter((row) => row.position !== null);
    const [first] = rows;
    if (first?.changed !== false || found.length !== ids.length) {
      snapshots.discard(snapshot);
      return 'changed';
    }
    // An empty page is one row without scholarship, as the statement returns it.
    if (found.length === 0) return [searchRow(first, null, query, totals)];
    return found.map((row, at) => searchRow(row, selected.ranks[at] ?? null, query, totals));
  }

  return {
    async page(query, after, today, keyword) {
      const prepared = await prepare(keyword);
      if (prepared === null) {
        options.onResult?.('page', 'declined');
        return null;
      }
      const { snapshot, index, keywordQuery } = prepared;
      const selected = memoryPage(snapshot, index, keywordQuery.tree, query, today, {
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
