import { env, serviceEnv } from '@scholarships/config';

/**
 * The catalog's environment: the variables of every service, plus
 * `REDIS_URL`, where the outbox relay publishes invalidation events. Without
 * it, writes still record their events in `catalog_outbox`, and nothing
 * publishes them.
 */
export const catalogConfigSchema = serviceEnv(8082).extend({
  REDIS_URL: env.url(['redis', 'rediss']).optional(),
});

export type CatalogConfig = ReturnType<typeof catalogConfigSchema.parse>;
