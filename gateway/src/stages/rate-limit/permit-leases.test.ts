import { createLogger } from '@scholarships/logger';
import { createRegistry } from '@scholarships/metrics';
import { Redis } from 'ioredis';
import { createGatewayMetrics } from '../../metrics';
import { uniqueKeyPrefix, waitUntilReady } from '../../testing/gateway-stack';
import { gcraParameters } from './gcra';
import { LimiterBackend } from './limiter-backend';
import { LocalLimiter } from './local-limiter';
import { LEASE_LIFETIME_MS, leaseSize, PermitLeases, type Reservation } from './permit-leases';
import { RedisLimiter } from './redis-limiter';

const allowed = (granted: number, remaining: number): Reservation => ({
  outcome: { allowed: true, remaining, resetMs: 1000, retryAfterMs: 0 },
  granted,
});

describe('leaseSize', () => {
  it('scales with the quota, capped', () => {
    expect(leaseSize(gcraParameters(12, 60))).toBe(0);
    expect(leaseSize(gcraParameters(600, 60))).toBe(6);
    expect(leaseSize(gcraParameters(10_000_000, 60))).toBe(256);
  });
});

describe('PermitLeases', () => {
  const parameters = gcraParameters(600, 60);

  it('spends reserved units, then reserves again', async () => {
    const leases = new PermitLeases(() => 0);
    expect(leases.spend('client', 1, parameters)).toBeUndefined();

    const first = await leases.reserve('client', 1, async () => allowed(4, 100));

    expect(first).toMatchObject({ allowed: true, remaining: 103 });
    expect([1, 2, 3].map(() => leases.spend('client', 1, parameters)?.remaining)).toEqual([
      102, 101, 100,
    ]);
    expect(leases.spend('client', 1, parameters)).toBeUndefined();
  });

  it('drops an expired lease', async () => {
    let now = 0;
    const leases = new PermitLeases(() => now);
    await leases.reserve('client', 1, async () => allowed(5, 10));
    now = LEASE_LIFETIME_MS;
    expect(leases.spend('client', 1, parameters)).toBeUndefined();
  });

  it('drains a charge from the lease and reports the shared bucket after it', async () => {
    const leases = new PermitLeases(() => 0);
    await leases.reserve('client', 1, async () => allowed(6, 100));

    expect(leases.drain('client', 2)).toBe(2);
    leases.noteShared('client', 40, 1000);
    expect(leases.spend('client', 1, parameters)?.remaining).toBe(42);
    expect(leases.drain('client', 5)).toBe(2);
    expect(leases.drain('other', 5)).toBe(0);
    expect(leases.spend('client', 1, parameters)).toBeUndefined();
  });

  it('keeps nothing from a rejected reservation', async () => {
    const leases = new PermitLeases(() => 0);
    const rejected: Reservation = {
      outcome: { allowed: false, remaining: 0, resetMs: 60_000, retryAfterMs: 100 },
      granted: 0,
    };
    expect(await leases.reserve('client', 1, async () => rejected)).toMatchObject({
      allowed: false,
    });
    expect(leases.spend('client', 1, parameters)).toBeUndefined();
  });
});

describe('a failed reservation', () => {
  it('sends its waiters to the local limiter', async () => {
    const metrics = createGatewayMetrics(
      createRegistry({ service: 'gateway', defaultMetrics: false }),
    );
    let reservations = 0;
    // Each reservation times out after 50 ms, as a frozen Redis does.
    const frozen = {
      isConnected: () => true,
      reserve: async () => {
        reservations += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error('rate-limit command timed out');
      },
      ping: async () => {},
    } as unknown as RedisLimiter;
    const backend = new LimiterBackend({
      shared: frozen,
      local: new LocalLimiter(Date.now),
      logger: createLogger({ service: 'test', level: 'silent' }),
      now: Date.now,
      probeIntervalMs: 60_000,
      metrics: {
        backend: metrics.rateLimitBackend,
        fallbacks: metrics.redisFallbacks,
        charged: metrics.rateLimitOriginCharges,
      },
    });
    const parameters = gcraParameters(600, 60);

    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => backend.consume('rl:default:frozen', 1, parameters)),
    );

    // One deadline in all, not one more per waiter.
    expect(reservations).toBe(1);
    expect(outcomes.every((outcome) => outcome.allowed && outcome.backend === 'local')).toBe(true);
  });
});

describe('leases on the shared Redis bucket', () => {
  let redis: Redis;

  beforeAll(async () => {
    const url = process.env.TEST_REDIS_URL;
    if (url === undefined) throw new Error('TEST_REDIS_URL is not set; run the tests through jest');
    redis = new Redis(url, { keyPrefix: uniqueKeyPrefix() });
    await waitUntilReady(redis);
  });

  afterAll(() => redis.disconnect());

  function replica(): LimiterBackend {
    const metrics = createGatewayMetrics(
      createRegistry({ service: 'gateway', defaultMetrics: false }),
    );
    return new LimiterBackend({
      shared: new RedisLimiter(redis, 50),
      local: new LocalLimiter(Date.now),
      logger: createLogger({ service: 'test', level: 'silent' }),
      now: Date.now,
      probeIntervalMs: 500,
      metrics: {
        backend: metrics.rateLimitBackend,
        fallbacks: metrics.redisFallbacks,
        charged: metrics.rateLimitOriginCharges,
      },
    });
  }

  it('keeps two replicas within the quota', async () => {
    const quota = 1000;
    const parameters = gcraParameters(quota, 3600);
    const replicas = [replica(), replica()];
    const key = 'rl:default:client-a';
    let admitted = 0;
    for (let round = 0; round < 600; round += 1) {
      const outcomes = await Promise.all(
        replicas.map((backend) => backend.consume(key, 1, parameters)),
      );
      admitted += outcomes.filter((outcome) => outcome.allowed).length;
    }
    expect(replicas.map((backend) => backend.activeBackend)).toEqual(['redis', 'redis']);
    expect(admitted).toBeLessThanOrEqual(quota);
    // Each replica keeps under one and a half leases once it reserves ahead.
    expect(admitted).toBeGreaterThanOrEqual(quota - 3 * leaseSize(parameters));
  });

  it('sends one round trip per lease', async () => {
    const parameters = gcraParameters(100_000, 60);
    const backend = replica();
    const before = await evalCalls(redis);
    const requests = Array.from({ length: 330 }, () =>
      backend.consume('rl:default:client-b', 1, parameters),
    );
    const outcomes = await Promise.all(requests);
    const roundTrips = (await evalCalls(redis)) - before;

    expect(outcomes.every((outcome) => outcome.allowed && outcome.backend === 'redis')).toBe(true);
    expect(roundTrips).toBeLessThanOrEqual(Math.ceil(330 / (1 + leaseSize(parameters))) + 1);
  });

  it('reserves the next lease early', async () => {
    const parameters = gcraParameters(100_000, 60);
    const extra = leaseSize(parameters);
    const backend = replica();
    const key = 'rl:default:steady';
    // The first request reserves a lease. Spending it down to under half starts the next one.
    for (let request = 0; request <= extra / 2 + 1; request += 1) {
      await backend.consume(key, 1, parameters);
    }
    const reserved = await evalCalls(redis);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Units of both leases are spent without another round trip.
    const outcomes = [];
    for (let request = 0; request < extra; request += 1) {
      outcomes.push(backend.consume(key, 1, parameters));
    }
    expect(outcomes.every((outcome) => !(outcome instanceof Promise))).toBe(true);
    expect(await evalCalls(redis)).toBeLessThanOrEqual(reserved + 1);
  });

  it('spends leftover units of a costly request', async () => {
    const backend = replica();
    // 600 units an hour: a lease of 6 extra units, and no refill worth a unit during the test.
    const parameters = gcraParameters(600, 3600);
    let remaining = 600;
    for (let request = 0; request < 25; request += 1) {
      const outcome = await backend.consume('rl:default:costly', 10, parameters);
      expect(outcome.allowed).toBe(true);
      remaining = outcome.remaining;
    }
    expect(remaining).toBeGreaterThanOrEqual(600 - 25 * 10 - leaseSize(parameters));
  });
});

/** Scripts Redis has run so far, from INFO commandstats. */
async function evalCalls(redis: Redis): Promise<number> {
  const stats = await redis.info('commandstats');
  let calls = 0;
  for (const match of stats.matchAll(/cmdstat_eval(?:sha)?:calls=(\d+)/g)) {
    calls += Number(match[1]);
  }
  return calls;
}
