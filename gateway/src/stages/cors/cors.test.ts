import request from 'supertest';
import {
  type GatewayUnderTest,
  type StubServices,
  startGateway,
  startStubServices,
} from '../../testing/gateway-stack';
import { compileOriginAllowList } from './origin-allow-list';

describe('compileOriginAllowList', () => {
  const isAllowed = compileOriginAllowList([
    'https://app.example.org',
    'https://*.example.net',
    'http://localhost:*',
  ]);

  it.each([
    'https://app.example.org',
    'https://a.example.net',
    'https://a.b.example.net',
    'http://localhost',
    'http://localhost:5173',
  ])('allows %s', (origin) => {
    expect(isAllowed(origin)).toBe(true);
  });

  it.each([
    'https://app.example.org.evil.com',
    'http://app.example.org',
    'https://example.net',
    'https://evilexample.net',
    'https://a.example.net.evil.com',
    'http://localhost.evil.com',
    'null',
  ])('rejects %s', (origin) => {
    expect(isAllowed(origin)).toBe(false);
  });

  it.each([
    '*',
    'https://app.example.org/',
    'app.example.org',
    'https://*',
    'https://*.org',
    'https://*.co.uk',
    'https://*.github.io',
  ])('refuses the entry %s', (entry) => {
    expect(() => compileOriginAllowList([entry])).toThrow();
  });

  it.each(['https://*.example.co.uk', 'https://*.team.github.io', 'https://*.app.internal'])(
    'accepts the wildcard entry %s',
    (entry) => {
      expect(() => compileOriginAllowList([entry])).not.toThrow();
    },
  );
});

describe('cors stage', () => {
  let services: StubServices;
  let gateway: GatewayUnderTest;

  beforeEach(async () => {
    services = await startStubServices();
    gateway = await startGateway({
      services,
      environment: {
        CORS_ORIGINS: 'https://app.example.org,https://*.example.net',
        CORS_CREDENTIALS: 'true',
        CORS_MAX_AGE_SECONDS: '900',
      },
    });
  });

  afterEach(async () => {
    await gateway.close();
    await services.close();
  });

  it('replies to a preflight itself', async () => {
    const response = await request(gateway.listening.url)
      .options('/api/v1/eligibility/check')
      .set('Origin', 'https://app.example.org')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization, content-type');

    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('https://app.example.org');
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    expect(response.headers['access-control-allow-methods']).toContain('POST');
    expect(response.headers['access-control-allow-headers']).toContain('Authorization');
    expect(response.headers['access-control-max-age']).toBe('900');
    expect(response.headers.vary).toBe('Origin');
    for (const stub of Object.values(services.stubs)) expect(stub.requests).toHaveLength(0);
  });

  it('adds CORS headers to proxied responses', async () => {
    const response = await request(gateway.listening.url)
      .get('/api/v1/search?q=law')
      .set('Origin', 'https://portal.example.net');

    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('https://portal.example.net');
    expect(response.headers['access-control-expose-headers']).toBe(
      'RateLimit, RateLimit-Policy, Retry-After, X-Request-Id, ETag, X-Cache, Cache-Status, Allow, ' +
        'Location, WWW-Authenticate',
    );
    expect(response.headers.vary).toBe('Origin');
  });

  it('rejects an origin outside the allow-list', async () => {
    const response = await request(gateway.listening.url)
      .get('/api/v1/search?q=law')
      .set('Origin', 'https://evil.example.com');

    expect(response.status).toBe(403);
    expect(response.body.code).toBe('CORS_ORIGIN_NOT_ALLOWED');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers.vary).toBe('Origin');
    expect(services.stubs.search.requests).toHaveLength(0);
  });

  it('rejects a preflight from an unknown origin', async () => {
    const response = await request(gateway.listening.url)
      .options('/api/v1/search')
      .set('Origin', 'https://evil.example.com')
      .set('Access-Control-Request-Method', 'GET');

    expect(response.status).toBe(403);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sets Vary on requests without Origin', async () => {
    const response = await request(gateway.listening.url).get('/api/v1/search?q=law');

    expect(response.status).toBe(200);
    expect(response.headers.vary).toBe('Origin');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets same-origin requests through', async () => {
    const host = new URL(gateway.listening.url).host;

    const response = await request(gateway.listening.url)
      .post('/api/v1/eligibility/check')
      .set('Origin', `http://${host}`)
      .send({ gpa: 3.5 });

    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows local development origins by default', async () => {
    const local = await startGateway({ services });
    try {
      const response = await request(local.listening.url)
        .get('/api/v1/search?q=law')
        .set('Origin', 'http://localhost:5173');

      expect(response.status).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe('http://localhost:5173');
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    } finally {
      await local.close();
    }
  });
});
