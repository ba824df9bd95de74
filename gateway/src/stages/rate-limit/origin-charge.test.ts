import { uniqueKeyspace } from '../../cache/testing/cache-fixture';
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

/** Delay of every stub response, so that each origin call costs at least 6 units more. */
const SERVICE_DELAY_MS = 120;
const CHARGED = {
  RATE_LIMIT_POLICIES: 'default=100/60',
  RATE_LIMIT_ROUTES: UNIT_COST_ROUTES,
  RATE_LIMIT_ORIGIN_MS_PER_UNIT: '20',
};
const MIN_CHARGE = Math.floor(SERVICE_DELAY_MS / 20);

/**
 * Sends a GET and returns its status, X-Cache and the `r` (remaining units) of its RateLimit.
 * `client` is sent in X-Forwarded-For, which the gateway trusts with `TRUST_PROXY=1`.
 */
async function get(gateway: GatewayUnderTest, path: string, client?: string) {
  const headers: Record<string, string> = client === undefined ? {} : { 'x-forwarded-for': client };
  const response = await fetch(`${gateway.listening.url}${path}`, { headers });
  await response.arrayBuffer();
  const remaining = /;r=(\d+)/.exec(response.headers.get('ratelimit') ?? '')?.[1];
  if (remaining === undefined) throw new Error(`no RateLimit field on ${path}`);
  return {
    status: response.status,
    cache: response.headers.get('x-cache'),
    remaining: Number(remaining),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the search stub has received `count` requests; fails after 5 s. */
async function waitForRequests(services: StubServices, count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (services.stubs.search.requests.length < count) {
    if (Date.now() > deadline) throw new Error(`the search stub did not get ${count} requests`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('charging the rate limit for service time', () => {
  let services: StubServices;
  const gateways: GatewayUnderTest[] = [];

  beforeEach(async () => {
    services = await startStubServices({ delayMs: SERVICE_DELAY_MS });
  });

  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
    await services.close();
  });

  async function start(options: Omit<Parameters<typeof startGateway>[0], 'services'>) {
    const gateway = await startGateway({ services, ...options });
    gateways.push(gateway);
    await gateway.harness.gatewayCache?.cache.ready();
    return gateway;
  }

  it('charges a proxied request its service time', async () => {
    const gateway = await start({ environment: CHARGED });

    const first = await get(gateway, '/api/v1/search?q=law');
    const second = await get(gateway, '/api/v1/search?q=law');

    expect(first).toMatchObject({ status: 200, remaining: 99 });
    expect(second.status).toBe(200);
    expect(second.remaining).toBeLessThanOrEqual(99 - 1 - MIN_CHARGE);
    expect(
      await metricValue(
        gateway.harness,
        'gateway_rate_limit_origin_charged_units_total',
        'backend="local"',
      ),
    ).toBeGreaterThanOrEqual(2 * MIN_CHARGE);
  });

  it('charges only the route cost when off', async () => {
    const gateway = await start({
      environment: { ...CHARGED, RATE_LIMIT_ORIGIN_MS_PER_UNIT: '0' },
    });

    await get(gateway, '/api/v1/search?q=law');
    const second = await get(gateway, '/api/v1/search?q=law');

    expect(second.remaining).toBe(98);
  });

  it('charges a miss but not its hits', async () => {
    const gateway = await start({
      environment: { ...CHARGED, REDIS_URL: testRedisUrl() },
      cache: { keyspace: uniqueKeyspace() },
    });

    const miss = await get(gateway, '/api/v1/search?q=law');
    const firstHit = await get(gateway, '/api/v1/search?q=law');
    const secondHit = await get(gateway, '/api/v1/search?q=law');

    expect(miss).toMatchObject({ status: 200, cache: 'MISS', remaining: 99 });
    expect(firstHit.cache).toBe('HIT');
    expect(firstHit.remaining).toBeLessThanOrEqual(99 - 1 - MIN_CHARGE);
    expect(secondHit).toMatchObject({ cache: 'HIT', remaining: firstHit.remaining - 1 });
  });

  it('charges nothing for a background refresh', async () => {
    // Midday, so that the half hour below never crosses the midnight that search keys change at.
    const clock = { now: Date.UTC(2026, 0, 15, 12, 0, 0) };
    const gateway = await start({
      environment: { ...CHARGED, REDIS_URL: testRedisUrl() },
      cache: { clock: () => clock.now, keyspace: uniqueKeyspace() },
    });
    await get(gateway, '/api/v1/search?q=law');
    // Past the 30 minutes of a search, within its minute of stale-while-revalidate.
    clock.now += 30 * 60_000 + 10_000;

    const stale = await get(gateway, '/api/v1/search?q=law');
    await waitForRequests(services, 2);
    await new Promise((resolve) => setTimeout(resolve, SERVICE_DELAY_MS));
    const after = await get(gateway, '/api/v1/search?q=law');

    expect(stale.cache).toBe('STALE');
    expect(after.cache).toBe('HIT');
    expect(after.remaining).toBeGreaterThanOrEqual(stale.remaining - 1);
  });

  it('charges past an empty bucket', async () => {
    const gateway = await start({
      environment: { ...CHARGED, RATE_LIMIT_POLICIES: 'default=4/60' },
    });

    const first = await get(gateway, '/api/v1/search?q=law');
    const rejected = await fetch(`${gateway.listening.url}/api/v1/search?q=law`);

    expect(first.remaining).toBe(3);
    expect(rejected.status).toBe(429);
    // 1 unit and at least 6 charged of 4 per 60 s: the next unit fits after 60 s at the earliest.
    expect(Number(rejected.headers.get('retry-after'))).toBeGreaterThanOrEqual(60);
  });

  it('bounds the debt of a charge', async () => {
    const gateway = await start({
      environment: {
        ...CHARGED,
        RATE_LIMIT_POLICIES: 'default=1/1',
        RATE_LIMIT_ORIGIN_MS_PER_UNIT: '1',
      },
    });

    await get(gateway, '/api/v1/search?q=law');
    const rejected = await fetch(`${gateway.listening.url}/api/v1/search?q=law`);

    // Over 120 units charged, but the debt stops 30 windows of 1 s past an empty bucket.
    expect(rejected.status).toBe(429);
    expect(Number(rejected.headers.get('retry-after'))).toBeGreaterThanOrEqual(30);
    expect(Number(rejected.headers.get('retry-after'))).toBeLessThanOrEqual(31);
  });

  describe('with one pooled socket per service', () => {
    const QUEUED = { ...CHARGED, TRUST_PROXY: '1', UPSTREAM_MAX_SOCKETS: '1' };

    /** Returns the units charged to a client whose search waited for another's socket. */
    async function chargeOfQueuedClient(gateway: GatewayUnderTest): Promise<number> {
      const first = get(gateway, '/api/v1/search?q=first', '198.51.100.1');
      await sleep(SERVICE_DELAY_MS / 8);
      const queued = await get(gateway, '/api/v1/search?q=second', '198.51.100.2');
      await first;
      const after = await get(gateway, '/api/v1/scholarships/1', '198.51.100.2');
      return queued.remaining - 1 - after.remaining;
    }

    it('charges no pool wait through the proxy', async () => {
      const gateway = await start({ environment: QUEUED });

      const charged = await chargeOfQueuedClient(gateway);

      expect(charged).toBeGreaterThanOrEqual(MIN_CHARGE);
      expect(charged).toBeLessThanOrEqual(MIN_CHARGE + 2);
    });

    it('charges no pool wait through the cache', async () => {
      const gateway = await start({
        environment: { ...QUEUED, REDIS_URL: testRedisUrl() },
        cache: { keyspace: uniqueKeyspace() },
      });

      const charged = await chargeOfQueuedClient(gateway);

      expect(charged).toBeGreaterThanOrEqual(MIN_CHARGE);
      expect(charged).toBeLessThanOrEqual(MIN_CHARGE + 2);
    });
  });

  it('charges a client until it leaves', async () => {
    const gateway = await start({ environment: { ...CHARGED, TRUST_PROXY: '1' } });
    const controller = new AbortController();
    const leaving = fetch(`${gateway.listening.url}/api/v1/search?q=law`, {
      headers: { 'x-forwarded-for': '198.51.100.3' },
      signal: controller.signal,
    });
    await waitForRequests(services, 1);
    await sleep(SERVICE_DELAY_MS - 40);
    controller.abort();
    await leaving.catch(() => undefined);

    const after = await get(gateway, '/api/v1/scholarships/1', '198.51.100.3');

    // Its search cost 1, this request 1, and the 80 ms or more until it left at least 4 more.
    expect(after.remaining).toBeLessThanOrEqual(100 - 2 - 4);
  });

  it('charges the bucket shared through Redis', async () => {
    const keyPrefix = uniqueKeyPrefix();
    const first = await start({ environment: CHARGED, redisUrl: testRedisUrl(), keyPrefix });
    const second = await start({ environment: CHARGED, redisUrl: testRedisUrl(), keyPrefix });

    await get(first, '/api/v1/search?q=law');
    // The charge reaches Redis after the response, so the next request waits a moment for it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const elsewhere = await get(second, '/api/v1/scholarships/1');

    expect(elsewhere.remaining).toBeLessThanOrEqual(99 - 1 - MIN_CHARGE);
    expect(
      await metricValue(
        first.harness,
        'gateway_rate_limit_origin_charged_units_total',
        'backend="redis"',
      ),
    ).toBeGreaterThanOrEqual(MIN_CHARGE);
  });
});
