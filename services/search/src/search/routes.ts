import type { Database } from '@scholarships/db';
import { parseInput } from '@scholarships/service-kit';
import { Router } from 'express';
import { type CursorPosition, decodeCursor, encodeCursor, queryFingerprint } from './cursor';
import { type NormalizedQuery, normalizedQuery } from './normalized-query';
import { searchQuerySchema } from './schemas';
import { searchScholarships } from './statements';
import { isPageRow, type ScholarshipSummary, type SearchRow, summaryFromRow } from './summary';

/** Body of a `GET /api/v1/search` response. */
export interface SearchResponse {
  items: ScholarshipSummary[];
  /** Number of scholarships that match the query and filters, across all pages. */
  total: number;
  /** Cursor of the next page, `null` on the last page. */
  nextCursor: string | null;
  query: NormalizedQuery;
}

/** `GET /api/v1/search`: keyword search and filters over scholarships, one page per request. */
export function searchRoutes(db: Database): Router {
  const router = Router();

  router.get('/api/v1/search', async function searchScholarshipsHandler(req, res) {
    const query = parseInput(searchQuerySchema, req.query, 'query');
    const echo = normalizedQuery(query);
    const fingerprint = queryFingerprint(echo);
    const after =
      query.cursor === null ? null : decodeCursor(query.cursor, query.sort, fingerprint);

    const rows = await db.query<SearchRow>(searchScholarships(db.knex, query, after));
    const pageRows = rows.filter(isPageRow);
    const items = pageRows.slice(0, query.limit);
    const last = items.at(-1);
    const position: CursorPosition | undefined =
      pageRows.length > query.limit && last ? { key: last.sort_key, id: last.id } : undefined;

    const body: SearchResponse = {
      items: items.map((row) => summaryFromRow(row, query.q !== null)),
      total: rows[0]?.total ?? 0,
      nextCursor: position ? encodeCursor(position, fingerprint) : null,
      query: echo,
    };
    res.json(body);
  });

  return router;
}
