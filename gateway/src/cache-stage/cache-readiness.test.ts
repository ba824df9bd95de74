import { createLogger } from '@scholarships/logger';
import { Redis } from 'ioredis';
import { createCacheFixture, uniqueKeyspace } from '../cache/testing/cache-fixture';
import { waitForCacheReady } from './cache-readiness';

const logger = createLogger({ service: 'test', level: 'silent' });

describe('waitForCacheReady', () => {
  it('returns true once the cache is ready', async () => {
    const cache = { ready: () => new Promise<void>((resolve) => setTimeout(resolve, 20)) };

    await expect(waitForCacheReady(cache, logger, 1000)).resolves.toBe(true);
  });

  it('gives up after the timeout', async () => {
    const cache = { ready: () => new Promise<void>(() => {}) };
    const startedAt = performance.now();

    await expect(waitForCacheReady(cache, logger, 50)).resolves.toBe(false);
    expect(performance.now() - startedAt).toBeLessThan(1000);
  });

  it('returns false when readiness fails', async () => {
    const cache = { ready: () => Promise.reject(new Error('redis refused')) };

    await expect(waitForCacheReady(cache, logger, 1000)).resolves.toBe(false);
  });

  it('returns false for an unreadable generation', async () => {
    const redisUrl = process.env.TEST_REDIS_URL;
    if (redisUrl === undefined) throw new Error('TEST_REDIS_URL is not set; run through jest');
    const redis = new Redis(redisUrl);
    const keyspace = uniqueKeyspace();
    // A list where the number belongs makes the read fail, as a timed-out read would.
    await redis.rpush(keyspace.generationKey, 'not a number');
    const replica = createCacheFixture({ redisUrl, keyspace, redisTimeoutMs: 2000 });
    try {
      await expect(waitForCacheReady(replica.cache, logger, 2000)).resolves.toBe(false);
    } finally {
      await replica.close();
      await redis.del(keyspace.generationKey);
      await redis.quit();
    }
  });
});
