import {
  CATALOG_GENERATION_KEY,
  INVALIDATION_CHANNEL,
  type InvalidationEvent,
} from '@scholarships/contracts';
import type { Redis } from 'ioredis';

/** Sends a batch of events somewhere; rejects when they may not have arrived. */
export type EventPublisher = (events: readonly InvalidationEvent[]) => Promise<void>;

/**
 * Publishes events on the invalidation channel. A scholarship change also
 * bumps the catalog generation, which search and eligibility cache keys
 * include, in the same MULTI so no subscriber sees one without the other.
 */
export function createRedisPublisher(redis: Redis): EventPublisher {
  return async function publishToRedis(events) {
    const transaction = redis.multi();
    if (events.some((event) => event.type !== 'profile.changed')) {
      transaction.incr(CATALOG_GENERATION_KEY);
    }
    for (const event of events) transaction.publish(INVALIDATION_CHANNEL, JSON.stringify(event));
    const results = await transaction.exec();
    const failure = results?.find(([error]) => error !== null)?.[0];
    if (!results || failure) throw failure ?? new Error('Redis MULTI was discarded');
  };
}
