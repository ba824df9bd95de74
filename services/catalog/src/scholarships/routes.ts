import { type ScholarshipRow, scholarshipFromRow } from '@scholarships/contracts';
import type { Database } from '@scholarships/db';
import { parseInput, problems } from '@scholarships/service-kit';
import { Router } from 'express';
import { batchQuery, scholarshipIdParams } from './schemas';
import { scholarshipById, scholarshipsByIds } from './statements';

/** Weak validator from the row version, which every write increments. */
function versionTag(row: Pick<ScholarshipRow, 'id' | 'version'>): string {
  return `W/"${row.id}-${row.version}"`;
}

/** Read routes for scholarships: one by id, and a batch by ids. */
export function scholarshipRoutes(db: Database): Router {
  const router = Router();

  router.get('/api/v1/scholarships/:id', async function getScholarship(req, res) {
    const { id } = parseInput(scholarshipIdParams, req.params, 'params');
    const [row] = await db.query<ScholarshipRow>(scholarshipById(db.knex, id));
    if (!row) throw problems.notFound('Scholarship', id);
    res.setHeader('ETag', versionTag(row));
    res.json(scholarshipFromRow(row));
  });

  router.get('/api/v1/scholarships', async function getScholarshipBatch(req, res) {
    const { ids } = parseInput(batchQuery, req.query, 'query');
    const rows = await db.query<ScholarshipRow>(scholarshipsByIds(db.knex, ids));
    const byId = new Map(rows.map((row) => [row.id, row]));
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
