import { batchQuery, scholarshipIdParams } from '@scholarships/api-contract';
import { type ScholarshipRow, scholarshipFromRow } from '@scholarships/contracts';
import type { Database } from '@scholarships/db';
import { parseInput, problems } from '@scholarships/service-kit';
import { type Request, Router } from 'express';
import {
  conditionMatches,
  PUBLIC_READ_CACHE_CONTROL,
  parseEntityTagCondition,
  versionTag,
} from '../http';
import { scholarshipById, scholarshipsByIds } from './statements';

/**
 * RFC 9110 §13.1.2: If-None-Match compares weakly, and `*` matches any
 * current representation. A malformed field is ignored, so the full
 * response is sent.
 */
function isNotModified(req: Request, row: ScholarshipRow): boolean {
  const header = req.get('if-none-match');
  if (header === undefined) return false;
  const condition = parseEntityTagCondition(header);
  return condition !== undefined && conditionMatches(condition, row);
}

/** Read routes for scholarships: one by id, and a batch by ids. */
export function scholarshipRoutes(db: Database): Router {
  const router = Router();

  router.get('/api/v1/scholarships/:id', async function getScholarship(req, res) {
    const { id } = parseInput(scholarshipIdParams, req.params, 'params');
    const [row] = await db.query<ScholarshipRow>(scholarshipById(db.knex, id));
    if (!row) throw problems.notFound('Scholarship', id);
    // RFC 9110 §15.4.5: a 304 carries the ETag and Cache-Control a 200 would have.
    res.setHeader('ETag', versionTag(row));
    res.setHeader('Cache-Control', PUBLIC_READ_CACHE_CONTROL);
    if (isNotModified(req, row)) {
      res.status(304).end();
      return;
    }
    res.json(scholarshipFromRow(row));
  });

  router.get('/api/v1/scholarships', async function getScholarshipBatch(req, res) {
    const { ids } = parseInput(batchQuery, req.query, 'query');
    const rows = await db.query<ScholarshipRow>(scholarshipsByIds(db.knex, ids));
    const byId = new Map(rows.map((row) => [row.id, row]));
    res.setHeader('Cache-Control', PUBLIC_READ_CACHE_CONTROL);
    res.json({
      items: ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [scholarshipFromRow(row)] : [];
      }),
      missing: ids.filter((id) => !byId.has(id)),
    });
  });

  return router;
}
