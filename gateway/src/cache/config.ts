import { env } from '@scholarships/config';
import type { ResponseCacheOptions } from './options';

/**
 * Environment variables of the response cache, to spread into the gateway's config schema.
 * Durations are milliseconds, sizes bytes.
 */
export const cacheConfigShape = {
  /** `false` turns the whole layer off, and every response then carries `X-Cache: BYPASS`. */
  CACHE_ENABLED: env.boolean(true),
  /** Bound of the in-process tier of each replica. */
  CACHE_MEMORY_MAX_BYTES: env.integer(64 * 1024 * 1024, { min: 1024, max: 2 ** 40 }),
  /** Largest response body stored. */
  CACHE_MAX_ENTRY_BYTES: env.integer(1024 * 1024, { min: 1, max: 2 ** 30 }),
  /** Timeout of each Redis operation of the cache and of the Redis breaker. */
  CACHE_REDIS_TIMEOUT_MS: env.integer(50, { min: 1, max: 10_000 }),
  /** Time the Redis breaker stays open before one trial command. */
  CACHE_REDIS_BREAKER_RESET_MS: env.integer(2000, { min: 10, max: 600_000 }),
  /**
   * After a catalog write, how long search and eligibility-check entries of the replaced
   * generation may be served stale while they are refreshed. 0 turns this off.
   */
  CACHE_CATALOG_WRITE_GRACE_MS: env.integer(30_000, { min: 0, max: 3_600_000 }),
  /** Refreshes of such entries that may run at once in each gateway replica. */
  CACHE_CATALOG_WRITE_REFRESHES: env.integer(1, { min: 1, max: 1000 }),
};

export interface CacheConfig {
  CACHE_ENABLED: boolean;
  CACHE_MEMORY_MAX_BYTES: number;
  CACHE_MAX_ENTRY_BYTES: number;
  CACHE_REDIS_TIMEOUT_MS: number;
  CACHE_REDIS_BREAKER_RESET_MS: number;
  CACHE_CATALOG_WRITE_GRACE_MS: number;
  CACHE_CATALOG_WRITE_REFRESHES: number;
}

/** Maps the environment variables to cache options. */
export function cacheOptionsFromConfig(
  config: CacheConfig,
): Pick<
  ResponseCacheOptions,
  | 'enabled'
  | 'memoryMaxBytes'
  | 'maxEntryBytes'
  | 'redisTimeoutMs'
  | 'redisBreaker'
  | 'catalogWriteGraceMs'
  | 'catalogWriteRefreshConcurrency'
> {
  return {
    enabled: config.CACHE_ENABLED,
    memoryMaxBytes: config.CACHE_MEMORY_MAX_BYTES,
    maxEntryBytes: config.CACHE_MAX_ENTRY_BYTES,
    redisTimeoutMs: config.CACHE_REDIS_TIMEOUT_MS,
    redisBreaker: { resetTimeoutMs: config.CACHE_REDIS_BREAKER_RESET_MS },
    catalogWriteGraceMs: config.CACHE_CATALOG_WRITE_GRACE_MS,
    catalogWriteRefreshConcurrency: config.CACHE_CATALOG_WRITE_REFRESHES,
  };
}
