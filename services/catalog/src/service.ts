import type { ServiceDefinition } from '@scholarships/service-kit';
import { Router } from 'express';
import { catalogConfigSchema } from './config';
import { scholarshipRoutes } from './scholarships/routes';
import { scholarshipById } from './scholarships/statements';

type CatalogConfig = ReturnType<typeof catalogConfigSchema.parse>;

/** The catalog service: its configuration, routes and hot statements. */
export const catalogService: ServiceDefinition<CatalogConfig> = {
  name: 'catalog',
  configSchema: catalogConfigSchema,
  createRoutes({ db }) {
    const router = Router();
    router.use(scholarshipRoutes(db));
    return router;
  },
  warmupStatements: (db) => [scholarshipById(db.knex, '00000000-0000-0000-0000-000000000000')],
};
