import type { InvalidationEvent } from '@scholarships/contracts';
import type { Redis } from 'ioredis';
import type { KeyspaceOptions } from '../tiers/redis-keyspace';

/**
 * Publishes events the way the outbox's Redis publisher does (packages/outbox/src/
 * redis-publisher.ts): a scholarship event increments the catalog generation in the same MULTI
 * as the PUBLISH. Channel and generation key come from the test's own keyspace.
 */
export async function publishEvents(
  redis: Redis,
  keyspace: Required<KeyspaceOptions>,
  events: readonly InvalidationEvent[],
): Promise<void> {
  const transaction = redis.multi();
  if (events.some((event) => event.type !== 'profile.changed')) {
    transaction.incr(keyspace.generationKey);
  }
  for (const event of events) transaction.publish(keyspace.eventChannel, JSON.stringify(event));
  const results = await transaction.exec();
  const failure = results?.find(([error]) => error !== null)?.[0];
  if (!results || failure) throw failure ?? new Error('Redis MULTI was discarded');
}
