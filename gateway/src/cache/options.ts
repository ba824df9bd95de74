import type { Logger } from '@scholarships/logger';
import type { BreakerSettings, UpstreamBreakers } from '../breakers';
import type { Clock } from './clock';
import type { CacheMetrics } from './metrics';
import type { KeyspaceOptions } from './tiers/redis-keyspace';

/** Options of `createResponseCache`. Durations are in milliseconds, sizes in bytes. */
export interface ResponseCacheOptions {
  logger: Logger;
  /** From `createCacheMetrics(registry)`. */
  metrics: CacheMetrics;
  /** Breakers around the upstream services; the proxy layer shares them with its other calls. */
  upstreamBreakers: UpstreamBreakers;
  /** Without it, the memory tier is the only tier and invalidation comes only from this replica. */
  redisUrl?: string;
  /** Initial state of the run-time switch; `CACHE_ENABLED`. Default true. */
  enabled?: boolean;
  /** Bound of the memory tier. Default 64 MiB. */
  memoryMaxBytes?: number;
  /** Largest body stored in any tier. Default 1 MiB. */
  maxEntryBytes?: number;
  /** Timeout of each Redis operation, and of its breaker. Default 50. */
  redisTimeoutMs?: number;
  /** Redis breaker tuning; its timeout is always `redisTimeoutMs`. */
  redisBreaker?: Partial<Omit<BreakerSettings, 'timeoutMs'>>;
  /** Deadline of one origin request; used in 504 details and to bound waits for another fill. */
  upstreamTimeoutMs?: number;
  /** Lifetime of a fill lease. Default `upstreamTimeoutMs` plus one second. */
  leaseMs?: number;
  /** Redis key prefix and channel names; tests use names of their own. */
  keyspace?: KeyspaceOptions;
  /** Default `Date.now`; tests inject a clock they can move. */
  clock?: Clock;
  /** Clock difference between replicas allowed for when comparing times. Default 1000. */
  clockSkewMs?: number;
  /**
   * While the invalidation subscription is down, an entry counts as fresh only if its origin
   * request is at most this old, because invalidations may be missed meanwhile. Default 60000.
   */
  disconnectedFreshnessMs?: number;
  /** How long per-user routes skip the cache after a profile write through here. Default 10000. */
  profileWritePendingMs?: number;
  /** TTL of stored profile versions, above every per-user entry's lifetime. Default 7 days. */
  profileVersionTtlMs?: number;
  /** How long an RFC 9111 entry with a validator outlives its stale windows. Default 10 min. */
  revalidationRetentionMs?: number;
  /**
   * Time after a catalog write during which a listing (search, eligibility check) may be served
   * stale from its entry under the replaced generation while it is refreshed. 0 makes every
   * listing wait for the origin after a write. Default 30000.
   */
  catalogWriteGraceMs?: number;
  /** Refreshes of such listings that may run at once in each replica. Default 1. */
  catalogWriteRefreshConcurrency?: number;
}

export interface CacheSettings {
  enabled: boolean;
  memoryMaxBytes: number;
  maxEntryBytes: number;
  redisTimeoutMs: number;
  redisBreaker: BreakerSettings;
  upstreamTimeoutMs: number;
  leaseMs: number;
  clockSkewMs: number;
  disconnectedFreshnessMs: number;
  profileWritePendingMs: number;
  profileVersionTtlMs: number;
  revalidationRetentionMs: number;
  catalogWriteGraceMs: number;
  catalogWriteRefreshConcurrency: number;
}

const MINUTE = 60_000;

export function resolveSettings(options: ResponseCacheOptions): CacheSettings {
  const redisTimeoutMs = options.redisTimeoutMs ?? 50;
  const upstreamTimeoutMs = options.upstreamTimeoutMs ?? 5000;
  return {
    enabled: options.enabled ?? true,
    memoryMaxBytes: options.memoryMaxBytes ?? 64 * 1024 * 1024,
    maxEntryBytes: options.maxEntryBytes ?? 1024 * 1024,
    redisTimeoutMs,
    redisBreaker: {
      resetTimeoutMs: 2000,
      errorThresholdPercentage: 50,
      volumeThreshold: 5,
      rollingWindowMs: 10_000,
      ...options.redisBreaker,
      timeoutMs: redisTimeoutMs,
    },
    upstreamTimeoutMs,
    leaseMs: options.leaseMs ?? upstreamTimeoutMs + 1000,
    clockSkewMs: options.clockSkewMs ?? 1000,
    disconnectedFreshnessMs: options.disconnectedFreshnessMs ?? MINUTE,
    profileWritePendingMs: options.profileWritePendingMs ?? 10_000,
    profileVersionTtlMs: options.profileVersionTtlMs ?? 7 * 24 * 60 * MINUTE,
    revalidationRetentionMs: options.revalidationRetentionMs ?? 10 * MINUTE,
    catalogWriteGraceMs: options.catalogWriteGraceMs ?? 30_000,
    catalogWriteRefreshConcurrency: options.catalogWriteRefreshConcurrency ?? 1,
  };
}
