import { ConfigError } from '@scholarships/config';
import { loadGatewayConfig } from './config';

describe('loadGatewayConfig', () => {
  it('applies defaults', () => {
    const config = loadGatewayConfig({});

    expect(config.PORT).toBe(8080);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.SEARCH_URL).toBe('http://127.0.0.1:8081');
    expect(config.CATALOG_URL).toBe('http://127.0.0.1:8082');
    expect(config.ELIGIBILITY_URL).toBe('http://127.0.0.1:8083');
    expect(config.UPSTREAM_TIMEOUT_MS).toBe(5000);
    expect(config.UPSTREAM_MAX_SOCKETS).toBe(128);
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('coerces numbers and accepts optional URLs', () => {
    const config = loadGatewayConfig({
      UPSTREAM_TIMEOUT_MS: '250',
      UPSTREAM_MAX_SOCKETS: '16',
      REDIS_URL: 'redis://127.0.0.1:6379',
      DATABASE_URL: 'postgres://gateway@127.0.0.1:5432/scholarships',
    });

    expect(config.UPSTREAM_TIMEOUT_MS).toBe(250);
    expect(config.UPSTREAM_MAX_SOCKETS).toBe(16);
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.DATABASE_URL).toBe('postgres://gateway@127.0.0.1:5432/scholarships');
  });

  it('lists every invalid variable', () => {
    let caught: unknown;
    try {
      loadGatewayConfig({
        SEARCH_URL: 'https://search.internal',
        CATALOG_URL: 'http://catalog.internal/api',
        UPSTREAM_TIMEOUT_MS: '0',
        UPSTREAM_MAX_SOCKETS: 'many',
        REDIS_URL: 'http://redis.internal',
      });
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(5);
    for (const variable of [
      'SEARCH_URL',
      'CATALOG_URL',
      'UPSTREAM_TIMEOUT_MS',
      'UPSTREAM_MAX_SOCKETS',
      'REDIS_URL',
    ]) {
      expect(problems.some((problem) => problem.startsWith(`${variable}:`))).toBe(true);
    }
  });
});
