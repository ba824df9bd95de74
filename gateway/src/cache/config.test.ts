import { ConfigError, loadConfig } from '@scholarships/config';
import { z } from 'zod';
import { cacheConfigShape, cacheOptionsFromConfig } from './config';

const schema = z.object(cacheConfigShape);

describe('cache configuration', () => {
  it('has defaults', () => {
    expect(cacheOptionsFromConfig(loadConfig(schema, {}))).toEqual({
      enabled: true,
      memoryMaxBytes: 64 * 1024 * 1024,
      maxEntryBytes: 1024 * 1024,
      redisTimeoutMs: 50,
      redisBreaker: { resetTimeoutMs: 2000 },
      catalogWriteGraceMs: 30_000,
      catalogWriteRefreshConcurrency: 1,
    });
  });

  it('turns the write grace off', () => {
    const config = loadConfig(schema, { CACHE_CATALOG_WRITE_GRACE_MS: '0' });
    expect(cacheOptionsFromConfig(config).catalogWriteGraceMs).toBe(0);
  });

  it('turns the cache off', () => {
    expect(cacheOptionsFromConfig(loadConfig(schema, { CACHE_ENABLED: 'false' })).enabled).toBe(
      false,
    );
  });

  it('rejects a zero Redis timeout', () => {
    expect(() => loadConfig(schema, { CACHE_REDIS_TIMEOUT_MS: '0' })).toThrow(ConfigError);
  });
});
