import { type SearchQuery, searchQuerySchema } from '@scholarships/api-contract';
import type { Database } from '@scholarships/db';
import { parseInput, type UnknownFieldHints } from '@scholarships/service-kit';
import { type Request, type Response, Router } from 'express';
import {
  type CursorPayload,
  type CursorPosition,
  cursorPosition,
  encodeCursor,
  parseCursor,
  queryFingerprint,
} from './cursor';
import type { FacetSnapshotSource } from './facet-snapshot-source';
import { type FacetRow, type Facets, facetsFromRows, searchFacets } from './facets';
import { appliedQuery, type KeywordHandling } from './keyword-handling';
import type { KeywordSearch } from './keyword-search';
import { type NormalizedQuery, normalizedQuery } from './normalized-query';
import { runSearch, type SearchOutcome } from './run-search';
import { keywordStems } from './snippet';
import { EXACT_TOTAL_LIMIT } from './statements';
import { isPageRow, type ScholarshipSummary, summaryFromRow } from './summary';

/** Body of a `GET /api/v1/search` response. */
export interface SearchResponse {
  items: ScholarshipSummary[];
  /**
   * Number of scholarships that match the query and filters, across all pages,
   * counted exactly up to `EXACT_TOTAL_LIMIT`.
   */
  total: number;
  /** False when more scholarships than `total` match. */
  totalExact: boolean;
  /** Cursor of the next page, `null` on the last page. */
  nextCursor: string | null;
  /** The request as applied. `q` is `null` when it contained only stop words. */
  query: NormalizedQuery;
  /** The keyword searched in place of q when q matched too little and a spelling correction matched more. */
  correctedQuery: string | null;
  /** Counts per filter value, present with `facets=true`. */
  facets?: Facets;
}

export interface SearchRouteOptions {
  /** Today's date as ISO `YYYY-MM-DD`, which starts the default deadline window. */
  today: () => string;
  /** Counts the facets of searches without keyword in memory; without it, every count is a statement. */
  facetSnapshot?: FacetSnapshotSource;
  /** Keyword pages and facets from the keyword index; without it, every keyword search is a statement. */
  keywordSearch?: KeywordSearch;
}

/** The query, cursor and keyword handling that a request continues with. */
interface PageRequest {
  /** The query as the request states it, which cursors are bound to. */
  typed: SearchQuery;
  query: SearchQuery;
  after: CursorPosition | null;
  handling: KeywordHandling;
}

/**
 * Returns the fingerprint that binds a cursor to the typed query. The applied query would not
 * do: it drops a q of stop words only, so a later page could change q unnoticed.
 */
function typedFingerprint(typed: SearchQuery): string {
  return queryFingerprint(normalizedQuery(typed));
}

const CURSOR_HINT = 'pages follow a cursor: send the nextCursor of the previous page as cursor';
const LIMIT_HINT = 'limit sets the page size';
/** Hints for the paging parameters of other APIs that clients guess. */
const PAGING_HINTS: UnknownFieldHints = {
  page: CURSOR_HINT,
  offset: CURSOR_HINT,
  skip: CURSOR_HINT,
  per_page: LIMIT_HINT,
  page_size: LIMIT_HINT,
  pageSize: LIMIT_HINT,
  size: LIMIT_HINT,
};

/**
 * Reads the request. A later page applies q as its cursor records that the first
 * page did, and its cursor must come from the same typed query.
 */
function pageRequest(req: Request): PageRequest {
  const typed = parseInput(searchQuerySchema, req.query, 'query', PAGING_HINTS);
  if (typed.cursor === null) return { typed, query: typed, after: null, handling: 'as_typed' };
  const payload: CursorPayload = parseCursor(typed.cursor);
  const applied = appliedQuery(typed, payload.keyword);
  return {
    typed,
    query: applied,
    after: cursorPosition(payload, applied.sort, typedFingerprint(typed)),
    handling: payload.keyword,
  };
}

/** Caps the counted matches at `EXACT_TOTAL_LIMIT`, because a statement may count one match past it. */
function reportedTotal(counted: number): Pick<SearchResponse, 'total' | 'totalExact'> {
  if (counted <= EXACT_TOTAL_LIMIT) return { total: counted, totalExact: true };
  return { total: EXACT_TOTAL_LIMIT, totalExact: false };
}

function responseBody(
  typed: SearchQuery,
  outcome: SearchOutcome,
  facets: Facets | undefined,
): SearchResponse {
  const { rows, query } = outcome;
  const echo = normalizedQuery(query);
  const pageRows = rows.filter(isPageRow);
  const items = pageRows.slice(0, query.limit);
  const last = items.at(-1);
  const nextCursor =
    pageRows.length > query.limit && last
      ? encodeCursor({ key: last.sort_key, id: last.id }, typedFingerprint(typed), outcome.handling)
      : null;
  const queryText = rows[0]?.keyword_query ?? null;
  const keyword = outcome.keyword === null || queryText === null ? null : keywordStems(queryText);
  return {
    items: items.map((row) => summaryFromRow(row, keyword)),
    ...reportedTotal(rows[0]?.total ?? 0),
    nextCursor,
    query: echo,
    correctedQuery: outcome.handling === 'spelling_corrected' ? outcome.keyword : null,
    ...(facets ? { facets } : {}),
  };
}

/** `GET /api/v1/search`: keyword search and filters over scholarships, one page per request. */
export function searchRoutes(db: Database, options: SearchRouteOptions): Router {
  const router = Router();

  const facetRows = async (query: SearchQuery, today: string, keyword: string | null) => {
    const fromSnapshot =
      keyword === null
        ? await options.facetSnapshot?.rows(query, today)
        : await options.keywordSearch?.facets(query, today, keyword);
    return fromSnapshot ?? db.query<FacetRow>(searchFacets(db.knex, query, today, keyword));
  };

  router.get('/api/v1/search', async function searchScholarshipsHandler(req, res: Response) {
    const { typed, query, after, handling } = pageRequest(req);
    const today = options.today();
    // Facets of the typed keyword run beside the search. A keyword that the
    // search drops or corrects gets its facets counted again afterwards.
    const earlyKeyword = handling === 'spelling_corrected' ? undefined : query.q;
    const [outcome, earlyFacets] = await Promise.all([
      runSearch(db, query, after, handling, today, options.keywordSearch),
      query.facets && earlyKeyword !== undefined ? facetRows(query, today, earlyKeyword) : null,
    ]);
    let facets: FacetRow[] | null = earlyFacets;
    if (query.facets && (facets === null || outcome.keyword !== earlyKeyword)) {
      facets = await facetRows(outcome.query, today, outcome.keyword);
    }
    res.json(responseBody(typed, outcome, facets === null ? undefined : facetsFromRows(facets)));
  });

  return router;
}
