import { connect } from 'node:net';
import request from 'supertest';
import type { MiddlewareOrder } from './pipeline';
import {
  type GatewayUnderTest,
  metricValue,
  type StubServices,
  startGateway,
  startStubServices,
  UNIT_COST_ROUTES,
} from './testing/gateway-stack';
import { startUpstreamStub } from './testing/upstream-stub';

const ORIGIN = 'http://localhost:3000';
const ATTACK = encodeURIComponent("' OR '1'='1' --");
const ONE_REQUEST_BUDGET = {
  RATE_LIMIT_POLICIES: 'default=1/60',
  RATE_LIMIT_ROUTES: UNIT_COST_ROUTES,
};

describe('edge stage order', () => {
  let services: StubServices;
  let gateway: GatewayUnderTest | undefined;

  beforeEach(async () => {
    services = await startStubServices();
  });

  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
    await services.close();
  });

  async function start(order: MiddlewareOrder, environment: Record<string, string> = {}) {
    gateway = await startGateway({
      services,
      environment: { ...environment, MIDDLEWARE_ORDER: order },
    });
    return gateway;
  }

  it.each<[MiddlewareOrder, number]>([
    ['default', 429],
    ['legacy', 401],
  ])('answers a limited anonymous request in %s order with %i', async (order, status) => {
    const started = await start(order, ONE_REQUEST_BUDGET);
    // The first request spends the budget in the default order; legacy rejects it in auth first.
    await request(started.listening.url).get('/api/v1/search?q=law');

    const response = await request(started.listening.url)
      .get('/api/v1/me/profile')
      .set('Origin', ORIGIN);

    expect(response.status).toBe(status);
    expect(response.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(response.headers.vary).toBe('Origin');
  });

  it.each<MiddlewareOrder>(['default', 'legacy'])(
    'answers a preflight in %s order without auth',
    async (order) => {
      const started = await start(order);

      const response = await request(started.listening.url)
        .options('/api/v1/me/profile')
        .set('Origin', ORIGIN)
        .set('Access-Control-Request-Method', 'PUT')
        .set('Access-Control-Request-Headers', 'authorization');

      expect(response.status).toBe(204);
      expect(response.headers['server-timing']).not.toContain('auth;');
      const text = await started.harness.registry.metrics();
      expect(text).not.toMatch(/gateway_stage_duration_seconds_count\{[^}]*stage="auth"/);
      expect(text).not.toContain('gateway_auth_failures_total{');
      expect(services.stubs.eligibility.requests).toHaveLength(0);
    },
  );

  it.each<[MiddlewareOrder, string, number]>([
    ['default', '/api/v1/me/profile', 401],
    ['default', '/api/v1/search', 403],
    ['legacy', '/api/v1/me/profile', 403],
    ['legacy', '/api/v1/search', 403],
  ])('answers an anonymous attack in %s order on %s with %i', async (order, path, status) => {
    const started = await start(order);

    const response = await request(started.listening.url)
      .get(`${path}?q=${ATTACK}`)
      .set('Origin', ORIGIN);

    expect(response.status).toBe(status);
    expect(response.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(response.headers['access-control-expose-headers']).toContain('RateLimit');
  });

  it('switches order at run time without a restart', async () => {
    let order: MiddlewareOrder = 'default';
    gateway = await startGateway({
      services,
      environment: ONE_REQUEST_BUDGET,
      middlewareOrder: () => order,
    });
    await request(gateway.listening.url).get('/api/v1/search?q=law');

    expect((await request(gateway.listening.url).get('/api/v1/me/profile')).status).toBe(429);
    order = 'legacy';
    expect((await request(gateway.listening.url).get('/api/v1/me/profile')).status).toBe(401);
  });

  it('reports every stage in Server-Timing', async () => {
    const started = await start('default');

    const response = await request(started.listening.url).get('/api/v1/search?q=law');

    expect(response.status).toBe(200);
    expect(response.headers['server-timing']).toMatch(
      /^ratelimit;dur=\d+\.\d{3}, cors;dur=\d+\.\d{3}, auth;dur=\d+\.\d{3}, waf;dur=\d+\.\d{3}$/,
    );
    expect(response.headers.ratelimit).toMatch(/^"default";r=\d+;t=\d+$/);
    expect(response.headers['ratelimit-policy']).toBe('"default";q=600;w=60');
    expect(
      await metricValue(started.harness, 'gateway_stage_duration_seconds_count', 'stage="waf"'),
    ).toBe(1);
  });

  it('records rejections by stage and reason', async () => {
    const started = await start('default');

    await request(started.listening.url).get('/api/v1/me/profile');

    expect(
      await metricValue(
        started.harness,
        'gateway_stage_rejections_total',
        'stage="auth",reason="missing_token"',
      ),
    ).toBe(1);
  });
});

describe('gateway-owned response headers', () => {
  it('replaces service copies and joins list headers', async () => {
    const services = await startStubServices();
    const search = await startUpstreamStub('search', {
      responseHeaders: {
        'x-frame-options': 'ALLOWALL',
        'x-content-type-options': 'none',
        'referrer-policy': 'unsafe-url',
        'x-xss-protection': '1',
        'access-control-allow-origin': '*',
        vary: 'Accept-Encoding',
        'server-timing': 'db;dur=3',
      },
    });
    const gateway = await startGateway({
      services: { ...services, urls: { ...services.urls, search: search.url } },
    });
    try {
      const response = await request(gateway.listening.url)
        .get('/api/v1/search?q=law')
        .set('Origin', ORIGIN);

      expect(response.status).toBe(200);
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBeUndefined();
      expect(response.headers['x-xss-protection']).toBeUndefined();
      expect(response.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(response.headers.vary).toBe('Origin, Accept-Encoding');
      expect(response.headers['server-timing']).toMatch(/^ratelimit;.*waf;dur=[\d.]+, db;dur=3$/);
    } finally {
      await gateway.close();
      await search.close();
      await services.close();
    }
  });
});

describe('absolute-form request targets', () => {
  /** Sends one request line with an absolute-form target over a raw socket to 127.0.0.1. */
  function sendAbsoluteForm(origin: string, target: string): Promise<string> {
    const { port } = new URL(origin);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      });
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString('latin1');
      });
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
    });
  }

  it('applies the access rules of the routed path', async () => {
    const services = await startStubServices();
    const gateway = await startGateway({ services });
    try {
      const response = await sendAbsoluteForm(
        gateway.listening.url,
        'http://api.example.org/api/v1/me/profile',
      );

      expect(response.startsWith('HTTP/1.1 401 ')).toBe(true);
      expect(services.stubs.eligibility.requests).toHaveLength(0);
    } finally {
      await gateway.close();
      await services.close();
    }
  });
});
