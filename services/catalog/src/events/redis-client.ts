import type { Logger } from '@scholarships/logger';
import { Redis } from 'ioredis';
import type { CatalogMetrics } from '../metrics';

/** Maximum wait between reconnection attempts, in milliseconds. */
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * Creates the ioredis client of the outbox relay. It fails fast rather than
 * queueing, because an unpublished event is safe in the outbox table and
 * the relay retries it: no offline queue, no retry of a command after a
 * reconnect, a 1-second command timeout (which also covers a Redis that
 * stopped responding on an open connection), and reconnection forever with
 * a delay capped at 2 seconds.
 *
 * Every connection error is counted; one warning is logged per outage, and
 * one info line when the connection is back.
 */
export function createEventRedisClient(
  url: string,
  logger: Logger,
  metrics: CatalogMetrics,
): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 1_000,
    connectTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 6), MAX_RECONNECT_DELAY_MS),
  });
  let healthy = true;
  client.on('error', function onRedisError(error: Error) {
    metrics.redisErrors.inc();
    if (!healthy) return;
    healthy = false;
    logger.warn({ err: error }, 'redis connection for invalidation events failed');
  });
  client.on('ready', function onRedisReady() {
    if (healthy) return;
    healthy = true;
    logger.info('redis connection for invalidation events restored');
  });
  return client;
}
