import { startRedis } from '@scholarships/local-infra';
import request from 'supertest';
import {
  type GatewayUnderTest,
  metricValue,
  type StubServices,
  startGateway,
  startStubServices,
  testRedisUrl,
  UNIT_COST_ROUTES,
  uniqueKeyPrefix,
} from '../../testing/gateway-stack';

const BUDGET = { RATE_LIMIT_POLICIES: 'default=4/60', RATE_LIMIT_ROUTES: UNIT_COST_ROUTES };
/** Upper bound for one request while Redis is down or frozen: the 50 ms command timeout plus slack. */
const FALLBACK_LATENCY_LIMIT_MS = 500;

async function timedGet(gateway: GatewayUnderTest, path = '/api/v1/scholarships/1') {
  const startedAt = performance.now();
  const response = await request(gateway.listening.url).get(path);
  return { status: response.status, elapsedMs: performance.now() - startedAt, response };
}

async function activeBackend(gateway: GatewayUnderTest): Promise<'redis' | 'local' | undefined> {
  if ((await metricValue(gateway.harness, 'gateway_rate_limit_backend', 'backend="redis"')) === 1) {
    return 'redis';
  }
  const local = await metricValue(gateway.harness, 'gateway_rate_limit_backend', 'backend="local"');
  return local === 1 ? 'local' : undefined;
}

/** Sends requests every 100 ms until the limiter is shared again; fails after 10 s. */
async function waitForSharedLimiting(gateway: GatewayUnderTest): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    await request(gateway.listening.url).get('/healthz');
    await timedGet(gateway, '/api/v1/search');
    if ((await activeBackend(gateway)) === 'redis') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the rate limiter did not switch back to Redis within 10 s');
}

describe('shared rate limiting', () => {
  let services: StubServices;
  const gateways: GatewayUnderTest[] = [];

  beforeEach(async () => {
    services = await startStubServices();
  });

  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
    await services.close();
  });

  it('enforces one budget across two gateways', async () => {
    const keyPrefix = uniqueKeyPrefix();
    for (let index = 0; index < 2; index += 1) {
      gateways.push(
        await startGateway({ services, environment: BUDGET, redisUrl: testRedisUrl(), keyPrefix }),
      );
    }
    const [first, second] = gateways;
    if (first === undefined || second === undefined) throw new Error('expected two gateways');

    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1) {
      statuses.push((await timedGet(index % 2 === 0 ? first : second)).status);
    }

    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect(await activeBackend(first)).toBe('redis');
    expect(
      await metricValue(second.harness, 'gateway_rate_limit_rejections_total', 'backend="redis"'),
    ).toBe(1);
  });

  it('ignores rotating X-Forwarded-For values', async () => {
    const gateway = await startGateway({ services, environment: BUDGET, redisUrl: testRedisUrl() });
    gateways.push(gateway);

    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1) {
      const response = await request(gateway.listening.url)
        .get('/api/v1/scholarships/1')
        .set('X-Forwarded-For', `203.0.113.${index + 1}`);
      statuses.push(response.status);
    }

    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('falls back locally while Redis is stopped', async () => {
    const server = await startRedis();
    try {
      const gateway = await startGateway({ services, environment: BUDGET, redisUrl: server.url });
      gateways.push(gateway);
      expect((await timedGet(gateway)).status).toBe(200);
      expect(await activeBackend(gateway)).toBe('redis');

      await server.stop();
      const results = [];
      for (let index = 0; index < 6; index += 1) results.push(await timedGet(gateway));

      expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200, 429, 429]);
      for (const result of results)
        expect(result.elapsedMs).toBeLessThan(FALLBACK_LATENCY_LIMIT_MS);
      expect(await activeBackend(gateway)).toBe('local');
      expect(await metricValue(gateway.harness, 'gateway_redis_fallbacks_total')).toBe(1);

      const restarted = await startRedis({ port: server.port });
      try {
        await waitForSharedLimiting(gateway);
        expect((await timedGet(gateway)).status).toBe(200);
        // The restarted server started empty, so the key proves the request was counted there.
        expect(await gateway.redis?.exists('rl:default:127.0.0.1')).toBe(1);
      } finally {
        await restarted.stop();
      }
    } finally {
      await server.stop();
    }
  });

  it('falls back locally while Redis is frozen', async () => {
    const server = await startRedis();
    let frozen = false;
    try {
      const gateway = await startGateway({ services, environment: BUDGET, redisUrl: server.url });
      gateways.push(gateway);
      expect((await timedGet(gateway)).status).toBe(200);

      process.kill(server.pid, 'SIGSTOP');
      frozen = true;
      const results = [];
      for (let index = 0; index < 6; index += 1) results.push(await timedGet(gateway));

      expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200, 429, 429]);
      for (const result of results)
        expect(result.elapsedMs).toBeLessThan(FALLBACK_LATENCY_LIMIT_MS);
      expect(await activeBackend(gateway)).toBe('local');

      process.kill(server.pid, 'SIGCONT');
      frozen = false;
      await waitForSharedLimiting(gateway);
      await gateway.redis?.del('rl:default:127.0.0.1');
      expect((await timedGet(gateway)).status).toBe(200);
      expect(await gateway.redis?.exists('rl:default:127.0.0.1')).toBe(1);
    } finally {
      if (frozen) process.kill(server.pid, 'SIGCONT');
      await server.stop();
    }
  });
});
