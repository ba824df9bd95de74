import type { Knex } from '@scholarships/db';
import type { Logger } from '@scholarships/logger';
import type { Registry } from '@scholarships/metrics';
import { Redis } from 'ioredis';
import { type OutboxRelay, startOutboxRelay } from './outbox-relay';
import { createRedisPublisher } from './redis-publisher';

/** Maximum wait between reconnection attempts, in milliseconds. */
const MAX_RECONNECT_DELAY_MS = 2_000;

export interface RedisOutboxRelayOptions {
  redisUrl: string;
  knex: Knex;
  /** Used for the relay's dedicated `LISTEN` connection. */
  connectionString: string;
  table: string;
  logger: Logger;
  registry: Registry;
  /** Called for every Redis connection error, e.g. to count it. */
  onRedisError?: (error: Error) => void;
}

export interface RedisOutboxRelay {
  relay: OutboxRelay;
  stop(): Promise<void>;
}

/**
 * Creates the ioredis client of an outbox relay. It fails fast rather than
 * queueing, because an unpublished event is safe in the outbox table and the
 * relay retries it. So it has no offline queue, no retry after a reconnect and
 * a 1-second command timeout, and it reconnects forever at most 2 seconds
 * apart. One warning is logged per outage and one info line when it ends.
 */
export function createPublisherRedis(
  url: string,
  logger: Logger,
  onError: (error: Error) => void = () => undefined,
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
    onError(error);
    if (!connected) return;
    connected = false;
    logger.warn({ err: error }, 'redis connection for invalidation events failed');
  });
  client.on('ready', function onRedisReady() {
    if (connected) return;
    connected = true;
    logger.info('redis connection for invalidation events restored');
  });
  return client;
}

/** Starts an outbox relay that publishes the table's events to Redis, with its own client. */
export function startRedisOutboxRelay(options: RedisOutboxRelayOptions): RedisOutboxRelay {
  const redis = createPublisherRedis(options.redisUrl, options.logger, options.onRedisError);
  const relay = startOutboxRelay({
    knex: options.knex,
    connectionString: options.connectionString,
    table: options.table,
    publish: createRedisPublisher(redis),
    logger: options.logger,
    registry: options.registry,
  });
  return {
    relay,
    async stop() {
      await relay.stop();
      redis.disconnect();
    },
  };
}
