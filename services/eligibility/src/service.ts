import { allowedMethodsOf } from '@scholarships/api-contract';
import type { ServiceDefinition } from '@scholarships/service-kit';
import { type EligibilityConfig, eligibilityConfigSchema } from './config';
import { startProfileEventRelay } from './events';
import { utcDate } from './http';
import { eligibilityRoutes } from './routes';
import { hotStatements } from './statements';

/** The eligibility service: its configuration, routes, hot statements and outbox relay. */
export const eligibilityService: ServiceDefinition<EligibilityConfig> = {
  name: 'eligibility',
  allowedMethods: allowedMethodsOf('eligibility'),
  // The stored profile and the matches are per user, errors included.
  privatePathPrefixes: ['/api/v1/me'],
  configSchema: eligibilityConfigSchema,
  createRoutes: ({ db, registry }) => eligibilityRoutes({ db, registry }),
  // Prepares every statement of the request path on each pooled connection
  // at start-up. The match page runs for a profile that states nothing.
  warmupStatements: (db) => hotStatements(db.knex, utcDate(new Date())),
  start: startProfileEventRelay,
};
