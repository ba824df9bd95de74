import type { Database } from '@scholarships/db';
import type { Registry } from '@scholarships/metrics';
import { type Request, Router } from 'express';
import { analysisRoutes } from './analysis';
import { checkRoutes } from './eligibility/routes';
import { type Clock, systemClock } from './http';
import { eligibilityMetrics } from './metrics';
import { profileRoutes } from './profiles';

export interface EligibilityRouteOptions {
  db: Database;
  registry: Registry;
  /** Current time, whose UTC date is "today" for deadlines. Default: the system clock. */
  now?: Clock;
}

/** Creates every route of the eligibility service: check, analysis, profile and matches. */
export function eligibilityRoutes(options: EligibilityRouteOptions): Router {
  const { db } = options;
  const now = options.now ?? systemClock;
  const metrics = eligibilityMetrics(options.registry);
  const context = (req: Request) => ({ log: req.log, metrics });
  const router = Router();
  router.use(checkRoutes({ db, now, context }));
  router.use(analysisRoutes({ db, now }));
  router.use(profileRoutes({ db, now, context }));
  return router;
}
