import { randomBytes } from 'node:crypto';
import { createLogger } from '@scholarships/logger';
import type { Redis } from 'ioredis';
import { createRedisClient } from '../redis';
import {
  type GatewayUnderTest,
  type StubServices,
  startGateway,
  startStubServices,
  testRedisUrl,
  waitUntilReady,
} from '../testing/gateway-stack';
import { adminAuthorization } from '../testing/test-tokens';
import type { RolloutKeyspace } from './redis-switch-store';
import { firstStage, type RolloutState, readRollout, writeRollout } from './testing/rollout-client';

/** The time every replica must follow a change within, in milliseconds. */
const FOLLOW_LIMIT_MS = 1000;

interface Replica {
  gateway: GatewayUnderTest;
  redis: Redis;
  url: string;
}

interface Setup {
  services: StubServices;
  replicas: [Replica, Replica];
  keyspace: RolloutKeyspace;
  /** A client of the test itself, for writing the hash behind the gateways' backs. */
  redis: Redis;
}

async function startReplica(services: StubServices, keyspace: RolloutKeyspace): Promise<Replica> {
  const logger = createLogger({ service: 'test', level: 'silent' });
  const redis = createRedisClient(testRedisUrl(), logger, { commandTimeoutMs: 200 });
  await waitUntilReady(redis);
  const id = randomBytes(6).toString('hex');
  const gateway = await startGateway({
    services,
    environment: { REDIS_URL: testRedisUrl() },
    cache: {
      keyspace: { prefix: `shared-${id}:`, eventChannel: `ev-${id}`, generationKey: `g-${id}` },
    },
    rollout: { redis, keyspace },
  });
  await gateway.harness.parts.rollout.switches.ready();
  return { gateway, redis, url: gateway.listening.url };
}

async function setUp(): Promise<Setup> {
  const services = await startStubServices();
  const id = randomBytes(6).toString('hex');
  const keyspace = { hashKey: `rollout-test-${id}`, channel: `rollout-test-${id}:changed` };
  const replicas: [Replica, Replica] = [
    await startReplica(services, keyspace),
    await startReplica(services, keyspace),
  ];
  const redis = createRedisClient(
    testRedisUrl(),
    createLogger({ service: 'test', level: 'silent' }),
    {
      commandTimeoutMs: 500,
    },
  );
  await waitUntilReady(redis);
  return { services, replicas, keyspace, redis };
}

async function tearDown(setup: Setup): Promise<void> {
  for (const replica of setup.replicas) {
    await replica.gateway.close();
    replica.redis.disconnect();
  }
  await setup.redis.del(setup.keyspace.hashKey);
  setup.redis.disconnect();
  await setup.services.close();
}

/** Polls `origin` until `matches` holds; returns the milliseconds it took, or Infinity. */
async function timeUntil(
  origin: string,
  matches: (state: RolloutState) => boolean,
  limitMs = 3000,
): Promise<number> {
  const startedAt = performance.now();
  while (performance.now() - startedAt < limitMs) {
    if (matches(await readRollout(origin))) return performance.now() - startedAt;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Number.POSITIVE_INFINITY;
}

describe('rollout switches shared through Redis', () => {
  let setup: Setup;
  afterEach(async () => tearDown(setup));

  it('reaches both replicas within a second', async () => {
    setup = await setUp();
    const [first, second] = setup.replicas;
    const written = await writeRollout(first.url, { rolloutPercent: 0, middlewareOrder: 'legacy' });
    expect(await written.json()).toMatchObject({ scope: 'shared', propagation: 'shared' });

    const matches = (state: RolloutState) =>
      state.rolloutPercent === 0 && state.middlewareOrder === 'legacy';
    expect(await timeUntil(first.url, matches)).toBeLessThan(FOLLOW_LIMIT_MS);
    expect(await timeUntil(second.url, matches)).toBeLessThan(FOLLOW_LIMIT_MS);
    for (const replica of setup.replicas) {
      const response = await fetch(`${replica.url}/api/v1/search?q=shared`);
      expect(firstStage(response)).toBe('cors');
      expect(response.headers.get('x-cache')).toBe('BYPASS');
    }
  });

  it('follows a change whose message was lost', async () => {
    setup = await setUp();
    // Written without a message, so only the periodic read can carry it.
    await setup.redis.hset(setup.keyspace.hashKey, { rolloutPercent: '30' });
    for (const replica of setup.replicas) {
      const elapsed = await timeUntil(replica.url, (state) => state.rolloutPercent === 30);
      expect(elapsed).toBeLessThan(FOLLOW_LIMIT_MS);
    }
  });

  it('shares the cache switch', async () => {
    setup = await setUp();
    const [first, second] = setup.replicas;
    const response = await fetch(`${first.url}/api/v1/admin/gateway/cache`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: await adminAuthorization() },
      body: JSON.stringify({ enabled: false }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ enabled: false, scope: 'shared' });

    const elapsed = await timeUntil(second.url, (state) => !state.cacheEnabled);
    expect(elapsed).toBeLessThan(FOLLOW_LIMIT_MS);
    expect(second.gateway.harness.gatewayCache?.cache.isEnabled()).toBe(false);
    const search = await fetch(`${second.url}/api/v1/search?q=switched`);
    expect(search.headers.get('x-cache')).toBe('BYPASS');
  });

  it('keeps environment defaults for fields Redis lacks or garbles', async () => {
    setup = await setUp();
    await setup.redis.hset(setup.keyspace.hashKey, {
      rolloutPercent: 'lots',
      middlewareOrder: 'legacy',
    });
    const [first] = setup.replicas;
    const elapsed = await timeUntil(first.url, (state) => state.middlewareOrder === 'legacy');
    expect(elapsed).toBeLessThan(FOLLOW_LIMIT_MS);
    const state = await readRollout(first.url);
    expect(state.rolloutPercent).toBe(100);
    expect(state.cacheEnabled).toBe(true);
  });
});
