import { pageQuery, profileBody } from '@scholarships/api-contract';
import type { Database } from '@scholarships/db';
import { parseInput, type UnknownFieldHints } from '@scholarships/service-kit';
import { type Request, Router } from 'express';
import { type Clock, utcDate } from '../http';
import { findMatchPage, type MatchPageContext } from './match-page';

const QUERY_HINT = 'limit and offset are query parameters, e.g. ?limit=20&offset=20';
/** Hints for paging fields sent in the body, where the check reads only the profile. */
const PAGE_IN_QUERY_HINTS: UnknownFieldHints = { limit: QUERY_HINT, offset: QUERY_HINT };

export interface CheckRouteOptions {
  db: Database;
  now: Clock;
  context: (req: Request) => MatchPageContext;
}

/** Creates the eligibility check route, which returns the scholarships that a student profile qualifies for. */
export function checkRoutes(options: CheckRouteOptions): Router {
  const router = Router();

  router.post('/api/v1/eligibility/check', async function checkEligibility(req, res) {
    const profile = parseInput(profileBody, req.body, 'body', PAGE_IN_QUERY_HINTS);
    const { limit, offset } = parseInput(pageQuery, req.query, 'query');
    const today = utcDate(options.now());
    const page = await findMatchPage(
      options.db,
      profile,
      { limit, offset, today },
      options.context(req),
    );
    res.json({ profile, ...page });
  });

  return router;
}
