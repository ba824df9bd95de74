import { createLogger } from '@scholarships/logger';
import { createRegistry, type Registry } from '@scholarships/metrics';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import { createApp } from '../app';
import { loadGatewayConfig } from '../config';
import type { DatabaseProbe } from '../health/database-probe';
import type { MiddlewareOrder } from '../pipeline';
import { closeUpstreams, createUpstreams } from '../proxy/upstreams';
import type { ServiceName } from '../routes/route-table';

export interface GatewayHarness {
  app: Express;
  registry: Registry;
  /** Destroys the gateway's upstream connections. The caller closes its own stub services. */
  close(): void;
}

export interface HarnessOptions {
  /** Origin of each service, e.g. a stub's `url` or closedPortUrl(). */
  serviceUrls: Readonly<Record<ServiceName, string>>;
  /** Further environment variables, e.g. `{ UPSTREAM_TIMEOUT_MS: '200' }`. */
  environment?: Readonly<Record<string, string>>;
  databaseProbe?: DatabaseProbe;
  redis?: Redis;
  middlewareOrder?: () => MiddlewareOrder;
  now?: () => number;
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
  const app = createApp({
    config,
    logger: createLogger({ service: 'gateway', level: 'silent' }),
    registry,
    upstreams,
    ...(options.databaseProbe === undefined ? {} : { databaseProbe: options.databaseProbe }),
    ...(options.redis === undefined ? {} : { redis: options.redis }),
    ...(options.middlewareOrder === undefined ? {} : { middlewareOrder: options.middlewareOrder }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return { app, registry, close: () => closeUpstreams(upstreams) };
}
