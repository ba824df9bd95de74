import { createLogger } from '@scholarships/logger';
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
});
