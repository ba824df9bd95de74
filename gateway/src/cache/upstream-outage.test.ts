import { Agent } from 'node:http';
import { timeAttempts } from '../testing/timed-attempts';
import { createHttpOrigin } from './origin/http-origin';
import type { OriginTarget } from './origin/origin-response';
import {
  type CacheFixture,
  cacheRequest,
  createCacheFixture,
  uniqueKeyspace,
} from './testing/cache-fixture';
import { echoJson, type OriginServer, startOriginServer } from './testing/origin-server';
import { createTestClock, type TestClock } from './testing/test-clock';

const MINUTE = 60_000;

describe('upstream outage', () => {
  let clock: TestClock;
  let originServer: OriginServer;
  let agent: Agent;
  let origin: OriginTarget;
  let fixture: CacheFixture;

  beforeEach(async () => {
    clock = createTestClock();
    originServer = await startOriginServer();
    agent = new Agent({ keepAlive: true });
    origin = {
      service: 'search',
      fetch: createHttpOrigin({
        origin: originServer.url,
        agent,
        timeoutMs: 1000,
        maxBodyBytes: 1 << 20,
      }),
    };
    fixture = createCacheFixture({
      clock: clock.now,
      redisUrl: process.env.TEST_REDIS_URL ?? '',
      keyspace: uniqueKeyspace(),
      redisTimeoutMs: 50,
    });
    await fixture.cache.ready();
  });

  afterEach(async () => {
    await fixture.close();
    agent.destroy();
    await originServer.stop();
  });

  const search = (query: string) =>
    fixture.cache.serve(cacheRequest('/api/v1/search', { query }), origin);

  it('serves cached keys stale and answers the rest with a fast 503', async () => {
    for (const query of ['q=a', 'q=b', 'q=c']) expect((await search(query)).status).toBe(200);
    await fixture.cache.whenIdle();
    clock.advance(40 * MINUTE);
    await originServer.stop();

    const staleOnError = await search('q=a');
    const refused = [];
    for (let index = 0; index < 3; index += 1) refused.push(await search(`q=cold${index}`));
    const rejected = await timeAttempts(3, (index) => search(`q=cold-after-open${index}`));
    const staleOnBreaker = await search('q=b');

    expect(staleOnError.status).toBe(200);
    expect(staleOnError.headers['x-cache']).toBe('STALE');
    expect(staleOnError.headers['cache-status']).toContain('detail=stale-if-error');
    for (const response of refused) expect(response.status).toBe(503);
    expect(fixture.breakers.state('search')).toBe('open');
    for (const response of rejected.results) {
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toMatch(/^\d+$/);
      expect(JSON.parse(response.body.toString())).toMatchObject({ code: 'UPSTREAM_CIRCUIT_OPEN' });
    }
    expect(rejected.fastestMs).toBeLessThan(100);
    expect(staleOnBreaker.headers['x-cache']).toBe('STALE');
    expect(staleOnBreaker.headers['cache-status']).toContain('detail=circuit-open');
  });

  it('recovers through one trial request', async () => {
    await originServer.stop();
    for (let index = 0; index < 3; index += 1) await search(`q=cold${index}`);
    expect(fixture.breakers.state('search')).toBe('open');
    await originServer.start();
    // A slow trial keeps the breaker half-open while the second request arrives.
    originServer.setHandler((request, response) => {
      setTimeout(() => echoJson(request, response), 300);
    });

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const before = originServer.requests.length;
    const trial = await Promise.all([search('q=x'), search('q=y')]);

    expect(originServer.requests.length - before).toBe(1);
    expect(trial.map((response) => response.status).sort()).toEqual([200, 503]);
    expect(fixture.breakers.state('search')).toBe('closed');
  });
});
