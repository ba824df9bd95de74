/**
 * Events that tell gateways which cached responses are stale. Services
 * record them in an outbox table in the same transaction as the write, and
 * a relay publishes them on the Redis channel below.
 */
export const INVALIDATION_CHANNEL = 'cache:invalidation';

/** Redis key holding the catalog generation, part of search and eligibility cache keys. */
export const CATALOG_GENERATION_KEY = 'cache:catalog-generation';

export type InvalidationEvent =
  | { type: 'scholarship.changed'; scholarshipId: string; version: number }
  | { type: 'scholarship.deleted'; scholarshipId: string }
  | { type: 'profile.changed'; userId: string; version: number };
