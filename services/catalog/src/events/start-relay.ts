import type { Database } from '@scholarships/db';
import type { Logger } from '@scholarships/logger';
import type { Registry } from '@scholarships/metrics';
import { startRedisOutboxRelay } from '@scholarships/outbox';
import type { BackgroundWork } from '@scholarships/service-kit';
import type { CatalogConfig } from '../config';
import { catalogMetrics } from '../metrics';
import type { InvalidationEvents } from './invalidation-events';
import { CATALOG_OUTBOX_TABLE } from './outbox-table';

export interface RelayDeps {
  config: Readonly<CatalogConfig>;
  db: Database;
  logger: Logger;
  registry: Registry;
}

/**
 * Starts the outbox relay that publishes `catalog_outbox` events to Redis,
 * and attaches it to `events` so writes can flush right away. Without
 * `REDIS_URL` nothing starts, and events stay unpublished in the table.
 */
export async function startInvalidationRelay(
  deps: RelayDeps,
  events: InvalidationEvents,
): Promise<BackgroundWork> {
  const url = deps.config.REDIS_URL;
  if (url === undefined) {
    deps.logger.info('REDIS_URL not set: invalidation events stay in catalog_outbox unpublished');
    return { stop: async () => undefined };
  }
  const metrics = catalogMetrics(deps.registry);
  const running = startRedisOutboxRelay({
    redisUrl: url,
    knex: deps.db.knex,
    connectionString: deps.config.DATABASE_URL,
    table: CATALOG_OUTBOX_TABLE,
    logger: deps.logger,
    registry: deps.registry,
    onRedisError: () => metrics.redisErrors.inc(),
  });
  events.attach(running.relay);
  return {
    async stop() {
      events.detach();
      await running.stop();
    },
  };
}
