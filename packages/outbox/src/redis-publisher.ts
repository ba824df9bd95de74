import {
  CATALOG_GENERATION_KEY,
  INVALIDATION_CHANNEL,
  type InvalidationEvent,
  PUBLISH_EVENTS_SCRIPT,
  publishEventsArguments,
} from '@scholarships/contracts';
import type { Redis } from 'ioredis';

/** Sends a batch of events somewhere; rejects when they may not have arrived. */
export type EventPublisher = (events: readonly InvalidationEvent[]) => Promise<void>;

/**
 * Publishes events on the invalidation channel. A scholarship change also bumps the catalog
 * generation, which search and eligibility cache keys include, in the same script. No subscriber
 * can receive one without the other, and the event carries the new value.
 */
export function createRedisPublisher(redis: Redis): EventPublisher {
  return async function publishToRedis(events) {
    if (events.length === 0) return;
    const args = publishEventsArguments(CATALOG_GENERATION_KEY, INVALIDATION_CHANNEL, events);
    // Inside MULTI, Redis queues this connection's first reply before the script publishes, and it
    // writes the connections queued last first. So subscribers receive the events before this
    // service receives its reply, and so before it responds to the write. A bare EVAL reverses it.
    const results = await redis
      .multi()
      .eval(PUBLISH_EVENTS_SCRIPT, 1, ...args)
      .exec();
    const failure = results?.find(([error]) => error !== null)?.[0];
    if (!results || failure) throw failure ?? new Error('Redis MULTI was discarded');
  };
}
