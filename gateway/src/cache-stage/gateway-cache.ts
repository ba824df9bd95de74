import type { Logger } from '@scholarships/logger';
import { type BreakerSettings, createUpstreamBreakers, type UpstreamBreakers } from '../breakers';
import {
  cacheOptionsFromConfig,
  createHttpOrigin,
  createResponseCache,
  type FetchOrigin,
  type ResponseCache,
  type ResponseCacheOptions,
} from '../cache';
import type { GatewayConfig } from '../config';
import type { GatewayMetrics } from '../metrics';
import type { Upstreams } from '../proxy/upstreams';
import { SERVICE_NAMES, type ServiceName } from '../routes/route-table';
import { measuredOrigin } from './measured-origin';

/**
 * Breakers around the services. The origin fetch enforces its own deadline, so opossum times
 * nothing. Five calls in a 10 s window with more than half failing open it for 5 s. So do two
 * timed-out calls in a row while nothing else succeeded, because with the 5 s upstream timeout a
 * hung service fails at most two sequential requests in a window, short of the five calls.
 */
export const UPSTREAM_BREAKER_SETTINGS: BreakerSettings = {
  timeoutMs: false,
  resetTimeoutMs: 5000,
  errorThresholdPercentage: 50,
  volumeThreshold: 5,
  rollingWindowMs: 10_000,
  consecutiveTimeoutsToOpen: 2,
};

/**
 * Largest response body the buffered origin fetch reads, in bytes. It is above the largest
 * stored entry because requests that skip the cache, writes included, are forwarded through it.
 */
export const ORIGIN_MAX_BODY_BYTES = 16 * 1024 * 1024;

/** The response cache with its breakers and one buffered origin per service. */
export interface GatewayCache {
  cache: ResponseCache;
  breakers: UpstreamBreakers;
  origins: Readonly<Record<ServiceName, FetchOrigin>>;
  /** Stops the cache's Redis connections and the breakers' timers. */
  close(): Promise<void>;
}

export interface GatewayCacheOptions {
  config: GatewayConfig;
  logger: Logger;
  /** The gateway's metrics; the cache's are declared with them (`metrics.cache`). */
  metrics: GatewayMetrics;
  upstreams: Upstreams;
  /** Milliseconds since the epoch; tests move it to make entries stale. */
  clock?: () => number;
  /** Redis key prefix and channels; tests that share a Redis use names of their own. */
  keyspace?: ResponseCacheOptions['keyspace'];
}

/** Creates the cache with its own Redis connections when REDIS_URL is set. */
export function createGatewayCache(options: GatewayCacheOptions): GatewayCache {
  const { config, logger, metrics, clock } = options;
  const breakers = createUpstreamBreakers({
    settings: UPSTREAM_BREAKER_SETTINGS,
    metrics: metrics.cache.breakers,
    services: SERVICE_NAMES,
    ...(clock === undefined ? {} : { now: clock }),
  });
  const cache = createResponseCache({
    logger,
    metrics: metrics.cache,
    upstreamBreakers: breakers,
    upstreamTimeoutMs: config.UPSTREAM_TIMEOUT_MS,
    ...cacheOptionsFromConfig(config),
    ...(config.REDIS_URL === undefined ? {} : { redisUrl: config.REDIS_URL }),
    ...(clock === undefined ? {} : { clock }),
    ...(options.keyspace === undefined ? {} : { keyspace: options.keyspace }),
  });
  return {
    cache,
    breakers,
    origins: createOrigins(options.upstreams, config.UPSTREAM_TIMEOUT_MS, metrics),
    async close() {
      await cache.close();
      breakers.shutdown();
    },
  };
}

function createOrigins(
  upstreams: Upstreams,
  timeoutMs: number,
  metrics: GatewayMetrics,
): Record<ServiceName, FetchOrigin> {
  const entries = SERVICE_NAMES.map((service) => {
    const upstream = upstreams[service];
    const fetch = createHttpOrigin({
      origin: upstream.origin,
      agent: upstream.agent,
      timeoutMs,
      maxBodyBytes: ORIGIN_MAX_BODY_BYTES,
      ...(upstream.identitySecret === undefined ? {} : { identitySecret: upstream.identitySecret }),
    });
    return [service, measuredOrigin(fetch, service, metrics)] as const;
  });
  return Object.fromEntries(entries) as Record<ServiceName, FetchOrigin>;
}
