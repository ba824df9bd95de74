import {
  type InvalidationEvent,
  PUBLISH_EVENTS_SCRIPT,
  publishEventsArguments,
} from '@scholarships/contracts';
import type { Redis } from 'ioredis';
import type { KeyspaceOptions } from '../tiers/redis-keyspace';

/**
 * Publishes events as the outbox's Redis publisher does (packages/outbox/src/
 * redis-publisher.ts), with the same script inside MULTI: a scholarship event increments the
 * catalog generation and carries the new value. Channel and generation key come from the test's
 * own keyspace.
 */
export async function publishEvents(
  redis: Redis,
  keyspace: Required<KeyspaceOptions>,
  events: readonly InvalidationEvent[],
): Promise<void> {
  const args = publishEventsArguments(keyspace.generationKey, keyspace.eventChannel, events);
  const results = await redis
    .multi()
    .eval(PUBLISH_EVENTS_SCRIPT, 1, ...args)
    .exec();
  const failure = results?.find(([error]) => error !== null)?.[0];
  if (!results || failure) throw failure ?? new Error('Redis MULTI was discarded');
}
