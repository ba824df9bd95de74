import { randomBytes } from 'node:crypto';
import { createLogger } from '@scholarships/logger';
import type { Redis } from 'ioredis';
import type { MiddlewareOrder } from '../pipeline';
import { createRedisClient } from '../redis';
import type { ServiceName } from '../routes/route-table';
import {
  createGatewayHarness,
  type GatewayHarness,
  type HarnessCacheOptions,
  type HarnessOptions,
} from './gateway-harness';
import { type ListeningApp, listenApp } from './listen-app';
import { startUpstreamStub, type UpstreamStub, type UpstreamStubOptions } from './upstream-stub';

/** Costs of 1 for every route, so that a small test quota is valid for every route. */
export const UNIT_COST_ROUTES =
  'eligibility-check=1,eligibility-read=1,search=1,me-write=1,admin-write=1';

export interface StubServices {
  stubs: Record<ServiceName, UpstreamStub>;
  urls: Record<ServiceName, string>;
  close(): Promise<void>;
}

export async function startStubServices(options: UpstreamStubOptions = {}): Promise<StubServices> {
  const [search, catalog, eligibility] = await Promise.all([
    startUpstreamStub('search', options),
    startUpstreamStub('catalog', options),
    startUpstreamStub('eligibility', options),
  ]);
  const stubs = { search, catalog, eligibility };
  return {
    stubs,
    urls: { search: search.url, catalog: catalog.url, eligibility: eligibility.url },
    close: async () => {
      await Promise.all(Object.values(stubs).map((stub) => stub.close()));
    },
  };
}

export interface GatewayUnderTest {
  harness: GatewayHarness;
  listening: ListeningApp;
  redis: Redis | undefined;
  close(): Promise<void>;
}

export interface GatewayUnderTestOptions {
  services: StubServices;
  environment?: Record<string, string>;
  /** Redis URL for the rate limiter; each gateway gets its own client. */
  redisUrl?: string;
  /** Prefix of every Redis key, so that tests sharing a server keep apart. */
  keyPrefix?: string;
  middlewareOrder?: () => MiddlewareOrder;
  /** Wires the response cache (see HarnessOptions.cache). */
  cache?: HarnessCacheOptions;
  /** Creates the rollout with these options (see HarnessOptions.rollout). */
  rollout?: HarnessOptions['rollout'];
  /** Logger of the gateway (see HarnessOptions.logger). */
  logger?: HarnessOptions['logger'];
}

/** Starts a gateway app on an ephemeral port, with its own ioredis client when a URL is given. */
export async function startGateway(options: GatewayUnderTestOptions): Promise<GatewayUnderTest> {
  const redis =
    options.redisUrl === undefined
      ? undefined
      : createRedisClient(options.redisUrl, createLogger({ service: 'test', level: 'silent' }), {
          commandTimeoutMs: 50,
          overrides: {
            keyPrefix: options.keyPrefix ?? uniqueKeyPrefix(),
            // disconnect() arms a timer of this length for the socket to close. After the test
            // server stopped, it ran its full default 2 s and kept Jest from exiting.
            disconnectTimeout: 100,
          },
        });
  let harness: GatewayHarness;
  try {
    if (redis !== undefined) await waitUntilReady(redis);
    harness = createGatewayHarness({
      serviceUrls: options.services.urls,
      environment: options.environment ?? {},
      ...(redis === undefined ? {} : { redis }),
      ...(options.middlewareOrder === undefined
        ? {}
        : { middlewareOrder: options.middlewareOrder }),
      ...(options.cache === undefined ? {} : { cache: options.cache }),
      ...(options.rollout === undefined ? {} : { rollout: options.rollout }),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    });
  } catch (error) {
    redis?.disconnect();
    throw error;
  }
  const listening = await listenApp(harness.handler);
  return {
    harness,
    listening,
    redis,
    close: async () => {
      await listening.close();
      await harness.close();
      redis?.disconnect();
    },
  };
}

/** Returns the URL of the Redis server that jest's global set-up started for every test file. */
export function testRedisUrl(): string {
  const url = process.env.TEST_REDIS_URL;
  if (url === undefined) throw new Error('TEST_REDIS_URL is not set; run the tests through jest');
  return url;
}

export function uniqueKeyPrefix(): string {
  return `test-${randomBytes(6).toString('hex')}:`;
}

/** Resolves once the client is connected, or rejects after 5 s. */
export async function waitUntilReady(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Redis did not become ready in 5 s')), 5_000);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Returns the value of the first series of `name` whose labels include `label`, or undefined. */
export async function metricValue(
  harness: GatewayHarness,
  name: string,
  label = '',
): Promise<number | undefined> {
  const text = await harness.registry.metrics();
  const line = text
    .split('\n')
    .find((candidate) => candidate.startsWith(`${name}{`) && candidate.includes(label));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}
