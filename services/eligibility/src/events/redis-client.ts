import type { Logger } from '@scholarships/logger';
import { Redis } from 'ioredis';
import type { EligibilityMetrics } from '../metrics';

/** Maximum delay between reconnection attempts, in milliseconds. */
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * Creates the ioredis client of the outbox relay. Commands fail at once
 * while Redis is away instead of queueing (no offline queue, no retry, a
 * 1-second command timeout), because an unpublished event waits safely in
 * the outbox table until the relay's next attempt. The client reconnects
 * forever, at most 2 seconds apart. Errors are counted; one warning is
 * logged per outage and one line when it ends.
 */
export function createEventRedisClient(
  url: string,
  logger: Logger,
  metrics: EligibilityMetrics,
): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 1_000,
    connectTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 6), MAX_RECONNECT_DELAY_MS),
  });
  let connected = true;
  client.on('error', function onRedisError(error: Error) {
    metrics.redisErrors.inc();
    if (!connected) return;
    connected = false;
    logger.warn({ err: error }, 'redis connection for profile events failed');
  });
  client.on('ready', function onRedisReady() {
    if (connected) return;
    connected = true;
    logger.info('redis connection for profile events restored');
  });
  return client;
}
