import { startRedisOutboxRelay } from '@scholarships/outbox';
import type { BackgroundWork, ServiceDeps } from '@scholarships/service-kit';
import type { EligibilityConfig } from '../config';
import { eligibilityMetrics } from '../metrics';
import { ELIGIBILITY_OUTBOX_TABLE } from './outbox-table';

/**
 * Starts the outbox relay that publishes `eligibility_outbox` events to
 * Redis. A commit with events wakes it through NOTIFY, and it polls every
 * second for events missed while it was disconnected. Without `REDIS_URL`
 * nothing starts, and events stay unpublished in the table.
 */
export async function startProfileEventRelay(
  deps: ServiceDeps<EligibilityConfig>,
): Promise<BackgroundWork> {
  const url = deps.config.REDIS_URL;
  if (url === undefined) {
    deps.logger.info('REDIS_URL not set: profile events stay in eligibility_outbox unpublished');
    return { stop: async () => undefined };
  }
  const metrics = eligibilityMetrics(deps.registry);
  return startRedisOutboxRelay({
    redisUrl: url,
    knex: deps.db.knex,
    connectionString: deps.config.DATABASE_URL,
    table: ELIGIBILITY_OUTBOX_TABLE,
    logger: deps.logger,
    registry: deps.registry,
    onRedisError: () => metrics.redisErrors.inc(),
  });
}
