import { randomUUID } from 'node:crypto';
import { createLogger } from '@scholarships/logger';
import { createRegistry, type Registry } from '@scholarships/metrics';
import {
  type BreakerSettings,
  createUpstreamBreakers,
  type UpstreamBreakers,
} from '../../breakers';
import { type CacheMetrics, createCacheMetrics } from '../metrics';
import type { ResponseCacheOptions } from '../options';
import type { CacheRequest, RequestIdentity } from '../request/cache-request';
import { createResponseCache, type ResponseCache } from '../response-cache';
import type { KeyspaceOptions } from '../tiers/redis-keyspace';

export const silentLogger = createLogger({ service: 'cache-test', level: 'silent' });

export const TEST_UPSTREAM_BREAKER: BreakerSettings = {
  timeoutMs: 5000,
  resetTimeoutMs: 1000,
  errorThresholdPercentage: 50,
  volumeThreshold: 3,
  rollingWindowMs: 10_000,
};

export interface CacheFixture {
  cache: ResponseCache;
  registry: Registry;
  metrics: CacheMetrics;
  breakers: UpstreamBreakers;
  close(): Promise<void>;
}

export interface FixtureOptions extends Partial<ResponseCacheOptions> {
  breakerSettings?: BreakerSettings;
}

/** Creates a cache with its own registry, metrics and breakers and a silent logger. */
export function createCacheFixture(options: FixtureOptions = {}): CacheFixture {
  const registry = createRegistry({ service: 'gateway', defaultMetrics: false });
  const metrics = createCacheMetrics(registry);
  const breakers = createUpstreamBreakers({
    settings: options.breakerSettings ?? TEST_UPSTREAM_BREAKER,
    metrics: metrics.breakers,
    services: ['search', 'catalog', 'eligibility'],
    ...(options.clock === undefined ? {} : { now: options.clock }),
  });
  const cache = createResponseCache({
    logger: silentLogger,
    metrics,
    upstreamBreakers: breakers,
    ...options,
  });
  return {
    cache,
    registry,
    metrics,
    breakers,
    async close() {
      await cache.close();
      breakers.shutdown();
    },
  };
}

/** Channel, generation key and prefix of their own, so parallel test files never meet in Redis. */
export function uniqueKeyspace(): Required<KeyspaceOptions> {
  const id = randomUUID().slice(0, 8);
  return {
    prefix: `test-cache-${id}:`,
    eventChannel: `test-invalidation-${id}`,
    generationKey: `test-generation-${id}`,
  };
}

export interface RequestOptions {
  method?: string;
  query?: string;
  headers?: Record<string, string>;
  identity?: RequestIdentity;
  body?: unknown;
}

/** Builds a CacheRequest for a path, with a JSON body when `body` is given. */
export function cacheRequest(path: string, options: RequestOptions = {}): CacheRequest {
  const body = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  const headers = {
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...options.headers,
  };
  return {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    path,
    query: options.query ?? '',
    headers,
    identity: options.identity,
    body,
    requestId: 'test-request',
  };
}

/** Reads one sample of a metric from the registry, 0 when absent. */
export async function metricValue(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const metric = await registry.getSingleMetric(name)?.get();
  const sample = metric?.values.find((value) =>
    Object.entries(labels).every(([label, expected]) => String(value.labels[label]) === expected),
  );
  return sample?.value ?? 0;
}
