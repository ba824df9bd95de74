import type { ServiceDefinition } from '@scholarships/service-kit';
import { Router } from 'express';
import { eligibilityConfigSchema } from './config';
import { EMPTY_PROFILE } from './eligibility/profile';
import { eligibilityRoutes } from './eligibility/routes';
import { eligibilityCandidates } from './eligibility/statements';

type EligibilityConfig = ReturnType<typeof eligibilityConfigSchema.parse>;

/** The eligibility service: its configuration, routes and hot statements. */
export const eligibilityService: ServiceDefinition<EligibilityConfig> = {
  name: 'eligibility',
  configSchema: eligibilityConfigSchema,
  createRoutes({ db }) {
    const router = Router();
    router.use(eligibilityRoutes(db));
    return router;
  },
  // Prepares the one statement of the request path. With an empty profile it
  // returns every scholarship, once per pooled connection at start-up.
  warmupStatements: (db) => [eligibilityCandidates(db.knex, EMPTY_PROFILE)],
};
