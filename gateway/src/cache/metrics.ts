import { Counter, Gauge, type Registry, SeriesCounter } from '@scholarships/metrics';
import type { BreakerMetrics } from '../breakers';

export type CacheTier = 'memory' | 'redis' | 'none';
export type CacheResult = 'hit' | 'miss' | 'stale' | 'bypass';
export type StaleReason = 'revalidate' | 'error' | 'breaker' | 'catalog-write';

/**
 * Every metric of the response cache and the circuit breakers. `route` is a policy's route
 * template, or a bounded label given by the caller for routes without a policy.
 */
export interface CacheMetrics {
  /** One count per response that went through the cache, by tier that served it and result. */
  requests: SeriesCounter<'route' | 'tier' | 'result'>;
  /** Responses that came from another request's origin fetch, in this replica or another. */
  coalesced: Counter<'route'>;
  /** Stale responses, by why a stale one was acceptable. */
  staleServed: Counter<'route' | 'reason'>;
  /** Entries dropped to make room; only the memory tier reports them (see the README). */
  evictions: Counter<'tier'>;
  /** Background refreshes that ended without a new entry. */
  refreshFailures: Counter<'route'>;
  breakers: BreakerMetrics;
}

/**
 * Declares the cache and breaker metrics on `registry`. Call it once per registry, because
 * prom-client rejects a second metric with the same name.
 */
export function createCacheMetrics(registry: Registry): CacheMetrics {
  const registers = [registry];
  return {
    requests: new SeriesCounter({
      name: 'gateway_cache_requests_total',
      help: 'Responses that went through the response cache, by tier and result.',
      labelNames: ['route', 'tier', 'result'],
      registers,
    }),
    coalesced: new Counter({
      name: 'gateway_cache_coalesced_total',
      help: 'Responses served from the origin fetch of another request.',
      labelNames: ['route'],
      registers,
    }),
    staleServed: new Counter({
      name: 'gateway_cache_stale_served_total',
      help: 'Stale responses served, by reason: revalidate, error, breaker or catalog-write.',
      labelNames: ['route', 'reason'],
      registers,
    }),
    evictions: new Counter({
      name: 'gateway_cache_evictions_total',
      help: 'Cache entries evicted to stay within the size limit, by tier.',
      labelNames: ['tier'],
      registers,
    }),
    refreshFailures: new Counter({
      name: 'gateway_cache_refresh_failures_total',
      help: 'Background refreshes of stale entries that failed.',
      labelNames: ['route'],
      registers,
    }),
    breakers: createBreakerMetrics(registers),
  };
}

function createBreakerMetrics(registers: Registry[]): BreakerMetrics {
  return {
    state: new Gauge({
      name: 'gateway_breaker_state',
      help: 'Circuit breaker state: 0 closed, 1 half-open, 2 open.',
      labelNames: ['breaker'],
      registers,
    }),
    events: new Counter({
      name: 'gateway_breaker_events_total',
      help: 'Circuit breaker events reported by opossum, by breaker and event.',
      labelNames: ['breaker', 'event'],
      registers,
    }),
  };
}

/** Hit counters by route and tier, taken once from `requests`, per set of metrics. */
const hitCounters = new WeakMap<CacheMetrics, Map<string, { inc(): void }>>();

/**
 * Counts one hit of `route` in `tier`. Finding a series by its labels builds its key, so the series
 * of each route and tier is taken with `labels()` once and kept.
 */
export function countHitOf(metrics: CacheMetrics, route: string, tier: CacheTier): void {
  let byKey = hitCounters.get(metrics);
  if (byKey === undefined) {
    byKey = new Map();
    hitCounters.set(metrics, byKey);
  }
  const key = `${tier} ${route}`;
  let series = byKey.get(key);
  if (series === undefined) {
    series = metrics.requests.labels({ route, tier, result: 'hit' });
    byKey.set(key, series);
  }
  series.inc();
}
