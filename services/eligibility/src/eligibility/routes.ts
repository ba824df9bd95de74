import type { Database } from '@scholarships/db';
import { parseInput } from '@scholarships/service-kit';
import { Router } from 'express';
import type { CandidateRow } from './candidate';
import { matchCandidates } from './match';
import { pageQuery, profileBody } from './schemas';
import { eligibilityCandidates } from './statements';

export interface EligibilityRouteOptions {
  /** Today's date as ISO `YYYY-MM-DD`, which separates upcoming deadlines from past ones. */
  today?: () => string;
}

/** Today's date in UTC, because stored deadlines are dates without a time zone. */
function todayInUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Creates the eligibility check route, which returns the scholarships that a student profile qualifies for. */
export function eligibilityRoutes(db: Database, options: EligibilityRouteOptions = {}): Router {
  const today = options.today ?? todayInUtc;
  const router = Router();

  router.post('/api/v1/eligibility/check', async function checkEligibility(req, res) {
    const profile = parseInput(profileBody, req.body, 'body');
    const { limit, offset } = parseInput(pageQuery, req.query, 'query');
    const rows = await db.query<CandidateRow>(eligibilityCandidates(db.knex, profile));
    const matches = matchCandidates(profile, rows, today());
    const end = offset + limit;
    res.json({
      profile,
      total: matches.length,
      limit,
      offset,
      nextOffset: end < matches.length ? end : null,
      items: matches.slice(offset, end),
    });
  });

  return router;
}
