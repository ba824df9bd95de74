import { allowedMethodsOf } from '@scholarships/api-contract';
import type { Registry } from '@scholarships/metrics';
import type { ServiceDefinition } from '@scholarships/service-kit';
import { Router } from 'express';
import { type CatalogConfig, catalogConfigSchema } from './config';
import { startDeadlineRollover } from './deadlines';
import { InvalidationEvents, startInvalidationRelay } from './events';
import { interactionRoutes } from './interactions';
import { catalogMetrics } from './metrics';
import { adminScholarshipRoutes, scholarshipRoutes } from './scholarships';
import { catalogStatements } from './statements';

/**
 * Builds the catalog service: its configuration, routes, hot statements, and
 * its background work, the outbox relay and the move of passed deadlines.
 * Each call has its own event state, so tests can run several catalog apps in
 * one process.
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
    // Interactions and saved lists are per user, errors included.
    privatePathPrefixes: ['/api/v1/me'],
    configSchema: catalogConfigSchema,
    createRoutes({ db, registry }) {
      const router = Router();
      router.use(scholarshipRoutes(db));
      router.use(adminScholarshipRoutes(db, eventsFor(registry)));
      router.use(interactionRoutes(db));
      return router;
    },
    warmupStatements: (db) => catalogStatements(db.knex),
    async start(deps) {
      const relay = await startInvalidationRelay(deps, eventsFor(deps.registry));
      const rollover = startDeadlineRollover({
        knex: deps.db.knex,
        logger: deps.logger,
        metrics: catalogMetrics(deps.registry),
      });
      return {
        async stop() {
          await rollover.stop();
          await relay.stop();
        },
      };
    },
  };
}

/** The catalog service that `main.ts` runs. */
export const catalogService = createCatalogService();
