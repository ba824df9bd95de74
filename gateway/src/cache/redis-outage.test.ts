import { Agent } from 'node:http';
import { type RedisServer, startRedis } from '@scholarships/local-infra';
import { createHttpOrigin } from './origin/http-origin';
import type { OriginTarget } from './origin/origin-response';
import {
  type CacheFixture,
  cacheRequest,
  createCacheFixture,
  metricValue,
  uniqueKeyspace,
} from './testing/cache-fixture';
import { type DelayProxy, startDelayProxy } from './testing/delay-proxy';
import { type OriginServer, startOriginServer } from './testing/origin-server';
import { type LoadReport, runSteadyLoad } from './testing/steady-load';

const REDIS_TIMEOUT_MS = 50;
const ORIGIN_DELAY_MS = 5;
/**
 * Room for scheduling on a loaded test machine: the load, the origin, Redis and jest share the
 * same few cores. The bound the cache promises is the Redis timeout plus the origin time.
 */
const SCHEDULING_SLACK_MS = 100;
const P99_BOUND_MS = REDIS_TIMEOUT_MS + ORIGIN_DELAY_MS + SCHEDULING_SLACK_MS;

describe('redis outages', () => {
  let redisServer: RedisServer;
  let proxy: DelayProxy;
  let originServer: OriginServer;
  let agent: Agent;
  let origin: OriginTarget;
  let fixture: CacheFixture;

  beforeAll(async () => {
    redisServer = await startRedis();
    proxy = await startDelayProxy(redisServer.port);
    originServer = await startOriginServer({ delayMs: ORIGIN_DELAY_MS });
    agent = new Agent({ keepAlive: true, maxSockets: 64 });
    origin = {
      service: 'search',
      fetch: createHttpOrigin({
        origin: originServer.url,
        agent,
        timeoutMs: 2000,
        maxBodyBytes: 1 << 20,
      }),
    };
    fixture = createCacheFixture({
      redisUrl: proxy.url,
      keyspace: uniqueKeyspace(),
      redisTimeoutMs: REDIS_TIMEOUT_MS,
      redisBreaker: { resetTimeoutMs: 300, volumeThreshold: 5, rollingWindowMs: 1000 },
    });
    await fixture.cache.ready();
  });

  afterAll(async () => {
    await fixture.close();
    agent.destroy();
    await originServer.stop();
    await proxy.close();
    await redisServer.stop();
  });

  /** Half the requests repeat 20 keys (memory hits), half use new keys (Redis, then origin). */
  function load(durationMs: number): Promise<LoadReport> {
    return runSteadyLoad({
      durationMs,
      concurrency: 8,
      maxRequests: 20_000,
      send: async (index) => {
        const query = index % 2 === 0 ? `q=hot${index % 20}` : `q=cold${index}-${Date.now()}`;
        const response = await fixture.cache.serve(
          cacheRequest('/api/v1/search', { query }),
          origin,
        );
        return response.status;
      },
    });
  }

  async function redisBreakerState(): Promise<number> {
    return metricValue(fixture.registry, 'gateway_breaker_state', { breaker: 'redis' });
  }

  /** Keeps a light load running until the Redis breaker is closed again, for at most 15 s. */
  async function expectRecovery(): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      await load(200);
      if ((await redisBreakerState()) === 0) return;
    }
    expect(await redisBreakerState()).toBe(0);
  }

  function expectWithinBound(report: LoadReport): void {
    expect(report.requests).toBeGreaterThan(100);
    expect(report.failures).toBe(0);
    expect(report.p99).toBeLessThan(P99_BOUND_MS);
  }

  it('serves every request while redis is stopped', async () => {
    await load(500);
    await redisServer.stop();
    try {
      const report = await load(2000);
      expectWithinBound(report);
      expect(await redisBreakerState()).not.toBe(0);
    } finally {
      redisServer = await startRedis({ port: redisServer.port });
    }
    await expectRecovery();
  });

  it('serves every request while redis is frozen', async () => {
    await load(500);
    process.kill(redisServer.pid, 'SIGSTOP');
    let report: LoadReport;
    try {
      report = await load(2000);
    } finally {
      process.kill(redisServer.pid, 'SIGCONT');
    }
    expectWithinBound(report);
    await expectRecovery();
  });

  it('serves every request while redis is slow', async () => {
    await load(500);
    proxy.setDelay(200);
    let report: LoadReport;
    try {
      report = await load(2000);
    } finally {
      proxy.setDelay(0);
    }
    expectWithinBound(report);
    await expectRecovery();
  });
});
