import { CATALOG_GENERATION_KEY, INVALIDATION_CHANNEL } from '@scholarships/contracts';

/**
 * Names of everything the cache keeps in Redis. The per-key names share a hash tag (`{hash}`),
 * so one script can touch all of them on a Redis Cluster too.
 */
export interface RedisKeyspace {
  entry(hash: string): string;
  lease(hash: string): string;
  waiters(hash: string): string;
  profile(userId: string): string;
  /** Channel on which a lease holder publishes the hash it filled. */
  fillChannel: string;
  /** Channel for invalidations that one gateway replica sends the others. */
  gatewayChannel: string;
  /** Channel of the services' invalidation events. */
  eventChannel: string;
  generationKey: string;
}

export interface KeyspaceOptions {
  /** Prefix of the cache's own keys and channels; default `cache:`. */
  prefix?: string;
  /** Default: INVALIDATION_CHANNEL from the contracts. Tests use channels of their own. */
  eventChannel?: string;
  /** Default: CATALOG_GENERATION_KEY from the contracts. */
  generationKey?: string;
}

export function createKeyspace(options: KeyspaceOptions = {}): RedisKeyspace {
  const prefix = options.prefix ?? 'cache:';
  return {
    entry: (hash) => `${prefix}{${hash}}:entry`,
    lease: (hash) => `${prefix}{${hash}}:lease`,
    waiters: (hash) => `${prefix}{${hash}}:waiters`,
    profile: (userId) => `${prefix}profile-version:${userId}`,
    fillChannel: `${prefix}filled`,
    gatewayChannel: `${prefix}gateway-invalidation`,
    eventChannel: options.eventChannel ?? INVALIDATION_CHANNEL,
    generationKey: options.generationKey ?? CATALOG_GENERATION_KEY,
  };
}
