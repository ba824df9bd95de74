import { analysisBody } from '@scholarships/api-contract';
import type { Database } from '@scholarships/db';
import { parseInput } from '@scholarships/service-kit';
import { Router } from 'express';
import { analysisCacheControl, type Clock, eligibilityProblems, utcDate } from '../http';
import { type AnalyzedScholarship, analyzeScholarship } from './analyze';
import { scholarshipForAnalysis } from './scholarship-statement';

export interface AnalysisRouteOptions {
  db: Database;
  now: Clock;
}

/**
 * `POST /api/v1/eligibility/analysis`: how well one profile fits one
 * scholarship. The response depends only on the profile, the scholarship at
 * its version, and the date in `computedFor`, so shared caches may keep it
 * until that date ends.
 */
export function analysisRoutes(options: AnalysisRouteOptions): Router {
  const { db } = options;
  const router = Router();

  router.post('/api/v1/eligibility/analysis', async function analyzeEligibility(req, res) {
    const { scholarshipId, profile } = parseInput(analysisBody, req.body, 'body');
    const now = options.now();
    const [scholarship] = await db.query<AnalyzedScholarship>(
      scholarshipForAnalysis(db.knex, scholarshipId),
    );
    if (!scholarship) throw eligibilityProblems.scholarshipNotFound(scholarshipId);
    res.setHeader('Cache-Control', analysisCacheControl(now));
    res.json(analyzeScholarship(profile, scholarship, utcDate(now)));
  });

  return router;
}
