import { allowedMethodsOf } from '@scholarships/api-contract';
import type { Registry } from '@scholarships/metrics';
import type { ServiceDefinition } from '@scholarships/service-kit';
import { Router } from 'express';
import { type CatalogConfig, catalogConfigSchema } from './config';
import { InvalidationEvents, startInvalidationRelay } from './events';
import { interactionRoutes } from './interactions';
import { catalogMetrics } from './metrics';
import { adminScholarshipRoutes, scholarshipRoutes } from './scholarships';
import { catalogStatements } from './statements';

/**
 * Builds the catalog service: its configuration, routes, hot statements, and
 * the outbox relay as background work. Each call has its own event state,
 * so tests can run several catalog apps in one process.
 */
export function createCatalogService(): ServiceDefinition<CatalogConfig> {
  let events: InvalidationEvents | undefined;
  const eventsFor = (registry: Registry) => {
    events ??= new InvalidationEvents(catalogMetrics(registry));
    return events;
  };
  return {
    name: 'catalog',
    allowedMethods: allowedMethodsOf('catalog'),
    configSchema: catalogConfigSchema,
    createRoutes({ db, registry }) {
      const router = Router();
      router.use(scholarshipRoutes(db));
      router.use(adminScholarshipRoutes(db, eventsFor(registry)));
      router.use(interactionRoutes(db));
      return router;
    },
    warmupStatements: (db) => catalogStatements(db.knex),
    start: (deps) => startInvalidationRelay(deps, eventsFor(deps.registry)),
  };
}

/** The catalog service that `main.ts` runs. */
export const catalogService = createCatalogService();
