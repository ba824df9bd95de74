import { generateKeyPairSync } from 'node:crypto';
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

  it('limits the upstream timeout with an identity secret', () => {
    const secret = 'identity-secret-of-at-least-32-bytes';
    const load = (timeoutMs: string, identitySecret?: string) =>
      loadGatewayConfig({
        UPSTREAM_TIMEOUT_MS: timeoutMs,
        ...(identitySecret === undefined ? {} : { INTERNAL_IDENTITY_SECRET: identitySecret }),
      });

    expect(load('60000', secret).UPSTREAM_TIMEOUT_MS).toBe(60_000);
    expect(load('120000').UPSTREAM_TIMEOUT_MS).toBe(120_000);
    expect(() => load('60001', secret)).toThrow(/UPSTREAM_TIMEOUT_MS: must be at most 60000/);
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

  it('lists problems of combinations beside those of single variables', () => {
    let caught: unknown;
    try {
      loadGatewayConfig({
        CACHE_ENABLED: 'maybe',
        JWT_SECRET: 'short',
        RATE_LIMIT_POLICIES: 'default=abc',
        HEADERS_TIMEOUT_MS: '5000',
        REQUEST_TIMEOUT_MS: '1000',
        SEARCH_URL: 'nourl',
      });
    } catch (error) {
      caught = error;
    }

    const variables = (caught as ConfigError).problems.map((problem) => problem.split(':')[0]);
    expect(variables.sort()).toEqual([
      'CACHE_ENABLED',
      'JWT_SECRET',
      'RATE_LIMIT_POLICIES',
      'REQUEST_TIMEOUT_MS',
      'SEARCH_URL',
    ]);
  });

  it('rejects invalid metrics subnets', () => {
    for (const value of ['10.0.0.0/33', 'metrics.internal', ',']) {
      expect(() => loadGatewayConfig({ METRICS_ALLOWED_SUBNETS: value })).toThrow(
        /METRICS_ALLOWED_SUBNETS/,
      );
    }
    expect(loadGatewayConfig({ METRICS_ALLOWED_SUBNETS: 'ANY' }).METRICS_ALLOWED_SUBNETS).toEqual({
      kind: 'any',
    });
  });

  it('applies edge stage defaults', () => {
    const config = loadGatewayConfig({});

    expect(config.MIDDLEWARE_ORDER).toBe('default');
    expect(config.TRUST_PROXY).toEqual({ kind: 'none' });
    expect(config.CORS_ORIGINS).toEqual([
      'http://localhost:*',
      'http://127.0.0.1:*',
      'http://[::1]:*',
    ]);
    expect(config.CORS_CREDENTIALS).toBe(false);
    expect(config.JWT_CLOCK_SKEW_SECONDS).toBe(30);
    expect(config.JWT_ALGORITHMS).toEqual([]);
    expect(config.RATE_LIMIT_REDIS_TIMEOUT_MS).toBe(50);
    expect(config.WAF_MAX_BODY_BYTES).toBe(102_400);
    expect(config.WAF_SCORE_THRESHOLD).toBe(5);
  });

  it('turns escaped newlines of a PEM key into line breaks', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString().trim();

    const config = loadGatewayConfig({ JWT_PUBLIC_KEY: pem.replace(/\n/g, '\\n') });

    expect(config.JWT_PUBLIC_KEY).toBe(pem);
  });

  it.each<[Record<string, string>, string]>([
    [{ TRUST_PROXY: '0.0.0.0/0' }, 'TRUST_PROXY'],
    [{ MIDDLEWARE_ORDER: 'random' }, 'MIDDLEWARE_ORDER'],
    [{ CORS_ORIGINS: 'https://app.example.org/path' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
    [{ JWT_SECRET: 'too-short' }, 'JWT_SECRET'],
    [{ JWT_SECRET: 'x'.repeat(40), JWT_JWKS_URL: 'https://id.example.org/jwks' }, 'JWT_SECRET'],
    [{ JWT_SECRET: 'x'.repeat(40), JWT_ALGORITHMS: 'RS256' }, 'JWT_ALGORITHMS'],
    [{ JWT_JWKS_URL: 'https://id.example.org/jwks', JWT_ALGORITHMS: 'HS256' }, 'JWT_ALGORITHMS'],
    [{ JWT_ALGORITHMS: 'none' }, 'JWT_ALGORITHMS'],
    [{ JWT_PUBLIC_KEY: '-----BEGIN PRIVATE KEY-----\nabc' }, 'JWT_PUBLIC_KEY'],
    [{ RATE_LIMIT_POLICIES: 'default=ten/60' }, 'RATE_LIMIT_POLICIES'],
    [{ RATE_LIMIT_ROUTES: 'search=1@missing' }, 'RATE_LIMIT_ROUTES'],
    [{ RATE_LIMIT_POLICIES: 'default=5/60' }, 'RATE_LIMIT_ROUTES'],
  ])('rejects %j naming %s', (environment, variable) => {
    let caught: unknown;
    try {
      loadGatewayConfig(environment);
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems.some((problem) => problem.startsWith(`${variable}:`))).toBe(true);
  });
});
