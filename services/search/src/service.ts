import type { ServiceDefinition } from '@scholarships/service-kit';
import { Router } from 'express';
import { searchConfigSchema } from './config';
import { searchRoutes } from './search/routes';
import { searchWarmupStatements } from './search/warmup';

type SearchConfig = ReturnType<typeof searchConfigSchema.parse>;

/** The search service: its configuration, routes and hot statements. */
export const searchService: ServiceDefinition<SearchConfig> = {
  name: 'search',
  configSchema: searchConfigSchema,
  createRoutes({ db }) {
    const router = Router();
    router.use(searchRoutes(db));
    return router;
  },
  warmupStatements: (db) => searchWarmupStatements(db.knex),
};
