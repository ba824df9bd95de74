import type { RequestListener } from 'node:http';
import { createLogger, type Logger } from '@scholarships/logger';
import { createRegistry, type Registry } from '@scholarships/metrics';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import { createGatewayHandler } from '../app';
import { createGatewayCache, type GatewayCache } from '../cache-stage';
import { loadGatewayConfig } from '../config';
import type { DatabaseProbe } from '../health/database-probe';
import { createGatewayMetrics } from '../metrics';
import type { MiddlewareOrder, PipelineParts } from '../pipeline';
import { closeUpstreams, createUpstreams } from '../proxy/upstreams';
import { createRollout, type RolloutOptions } from '../rollout';
import type { ServiceName } from '../routes/route-table';

export interface GatewayHarness {
  /** The Express app alone. */
  app: Express;
  /** Request handler of the server: the cache-hit path in front of the app when the cache is wired. */
  handler: RequestListener;
  /** Metrics and edge stages the app and the cache-hit path share. */
  parts: PipelineParts;
  registry: Registry;
  /** The response cache, when `cache` was given. */
  gatewayCache?: GatewayCache;
  /**
   * Closes the cache and destroys the gateway's upstream connections. The caller closes its own
   * stub services.
   */
  close(): Promise<void>;
}

export interface HarnessCacheOptions {
  /** Clock of the cache and its breakers, so a test can make entries stale. */
  clock?: () => number;
  /** Redis key prefix and channels, so tests sharing the harness Redis keep apart. */
  keyspace?: { prefix: string; eventChannel: string; generationKey: string };
}

export interface HarnessOptions {
  /** Origin of each service, e.g. a stub's `url` or closedPortUrl(). */
  serviceUrls: Readonly<Record<ServiceName, string>>;
  /** Further environment variables, e.g. `{ UPSTREAM_TIMEOUT_MS: '200' }`. */
  environment?: Readonly<Record<string, string>>;
  databaseProbe?: DatabaseProbe;
  redis?: Redis;
  middlewareOrder?: () => MiddlewareOrder;
  /**
   * Creates the rollout with these options, e.g. a Redis client to share the switches, and closes
   * it with the harness. Without it the app's own rollout keeps the switches in memory.
   */
  rollout?: Pick<RolloutOptions, 'redis' | 'keyspace' | 'clock' | 'syncIntervalMs'>;
  now?: () => number;
  /**
   * Wires the response cache; without it requests are proxied as before. The cache uses Redis
   * when the environment sets REDIS_URL.
   */
  cache?: HarnessCacheOptions;
  /** Logger of the gateway, for a test that reads its lines. Default: a silent one. */
  logger?: Logger;
}

/**
 * A fixed 32-byte secret, so harness gateways never create the development secret file; tests
 * sign their tokens with it through signTestToken.
 */
export const TEST_JWT_SECRET = 'test-secret-for-gateway-harness-0123456789';

/** Builds a gateway app from a real config, a fresh registry and a silent logger. */
export function createGatewayHarness(options: HarnessOptions): GatewayHarness {
  const config = loadGatewayConfig({
    SEARCH_URL: options.serviceUrls.search,
    CATALOG_URL: options.serviceUrls.catalog,
    ELIGIBILITY_URL: options.serviceUrls.eligibility,
    JWT_SECRET: TEST_JWT_SECRET,
    ...options.environment,
  });
  const registry = createRegistry({ service: 'gateway', defaultMetrics: false });
  const upstreams = createUpstreams(config);
  const logger = options.logger ?? createLogger({ service: 'gateway', level: 'silent' });
  const metrics = createGatewayMetrics(registry);
  const gatewayCache =
    options.cache === undefined
      ? undefined
      : createGatewayCache({ config, logger, metrics, upstreams, ...options.cache });
  const rollout =
    options.rollout === undefined
      ? undefined
      : createRollout({ config, logger, metrics: metrics.rollout, ...options.rollout });
  const { app, handler, parts } = createGatewayHandler({
    config,
    logger,
    registry,
    upstreams,
    metrics,
    ...(gatewayCache === undefined ? {} : { gatewayCache }),
    ...(rollout === undefined ? {} : { rollout }),
    ...(options.databaseProbe === undefined ? {} : { databaseProbe: options.databaseProbe }),
    ...(options.redis === undefined ? {} : { redis: options.redis }),
    ...(options.middlewareOrder === undefined ? {} : { middlewareOrder: options.middlewareOrder }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return {
    app,
    handler,
    parts,
    registry,
    ...(gatewayCache === undefined ? {} : { gatewayCache }),
    async close() {
      await rollout?.close();
      await gatewayCache?.close();
      closeUpstreams(upstreams);
    },
  };
}
