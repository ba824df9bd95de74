import request from 'supertest';
import type { ServiceName } from '../routes/route-table';
import { createGatewayHarness, type GatewayHarness } from '../testing/gateway-harness';
import { type ListeningApp, listenApp } from '../testing/listen-app';
import { sendRequest } from '../testing/send-request';
import { adminAuthorization } from '../testing/test-tokens';
import { closedPortUrl, startUpstreamStub, type UpstreamStub } from '../testing/upstream-stub';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';
const TRACEPARENT_PATTERN = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

interface Services {
  stubs: Record<ServiceName, UpstreamStub>;
  urls: Record<ServiceName, string>;
}

async function startServices(): Promise<Services> {
  const [search, catalog, eligibility] = await Promise.all([
    startUpstreamStub('search'),
    startUpstreamStub('catalog'),
    startUpstreamStub('eligibility'),
  ]);
  return {
    stubs: { search, catalog, eligibility },
    urls: { search: search.url, catalog: catalog.url, eligibility: eligibility.url },
  };
}

async function closeServices(services: Services): Promise<void> {
  await Promise.all(Object.values(services.stubs).map((stub) => stub.close()));
}

function onlyRequest(stub: UpstreamStub) {
  expect(stub.requests).toHaveLength(1);
  const [recorded] = stub.requests;
  if (recorded === undefined) throw new Error(`${stub.name} received no request`);
  return recorded;
}

describe('proxy routing', () => {
  let services: Services;
  let gateway: GatewayHarness;

  beforeEach(async () => {
    services = await startServices();
    gateway = createGatewayHarness({ serviceUrls: services.urls });
  });

  afterEach(async () => {
    gateway.close();
    await closeServices(services);
  });

  it.each<[string, ServiceName]>([
    ['/api/v1/search?q=nursing%20scholarship&state=CA&state=NY&empty=&name=%C3%A9', 'search'],
    ['/api/v1/scholarships', 'catalog'],
    ['/api/v1/scholarships/7f0c2a4e-1111-4d2b-9a47-0e5a9d1c0b01?fields=name,award', 'catalog'],
    ['/api/v1/scholarships/42/extra/segments', 'catalog'],
    ['/api/v1/admin/scholarships/42/history', 'catalog'],
    ['/api/v1/me/saved?since=2024-01-01T00:00:00Z', 'catalog'],
    ['/api/v1/me/interactions/abc', 'catalog'],
    ['/api/v1/eligibility/abc?explain=true', 'eligibility'],
    ['/api/v1/me/profile', 'eligibility'],
    ['/api/v1/me/matches?limit=20&cursor=eyJpZCI6MX0%3D', 'eligibility'],
  ])('forwards %s to %s unchanged', async (path, service) => {
    const response = await request(gateway.app)
      .get(path)
      .set('Authorization', await adminAuthorization());

    expect(response.status).toBe(200);
    expect(response.body.service).toBe(service);
    expect(response.body.url).toBe(path);
    expect(onlyRequest(services.stubs[service]).url).toBe(path);
    for (const [name, stub] of Object.entries(services.stubs)) {
      if (name !== service) expect(stub.requests).toHaveLength(0);
    }
  });

  it.each(['POST', 'PUT', 'PATCH'])('forwards %s with its body', async (method) => {
    const response = await request(gateway.app)
      [
        // A path under a catalog prefix that no published route defines, so every method reaches it.
        method.toLowerCase() as 'post'
      ]('/api/v1/me/saved/abc/notes')
      .set('Authorization', await adminAuthorization())
      .set('Content-Type', 'application/json')
      .send('{"note":"apply by May"}');

    expect(response.status).toBe(200);
    const recorded = onlyRequest(services.stubs.catalog);
    expect(recorded.method).toBe(method);
    expect(recorded.body.toString('utf8')).toBe('{"note":"apply by May"}');
  });

  it('refuses a DELETE with a body', async () => {
    const response = await request(gateway.app)
      .delete('/api/v1/me/saved/abc/notes')
      .set('Authorization', await adminAuthorization())
      .set('Content-Type', 'application/json')
      .send('{"note":"apply by May"}');

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('UNEXPECTED_BODY');
    expect(services.stubs.catalog.requests).toHaveLength(0);
  });

  it('forwards HEAD without a body', async () => {
    const response = await request(gateway.app).head('/api/v1/scholarships/1');

    expect(response.status).toBe(200);
    expect(onlyRequest(services.stubs.catalog).method).toBe('HEAD');
  });

  it.each(['/api/v1/searches', '/api/v1/unknown', '/API/v1/search', '/nowhere'])(
    'answers %s with a 404 problem',
    async (path) => {
      const response = await request(gateway.app).get(path);

      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.code).toBe('ROUTE_NOT_FOUND');
      for (const stub of Object.values(services.stubs)) expect(stub.requests).toHaveLength(0);
    },
  );

  it('rejects invalid percent-encoding with 400', async () => {
    const response = await request(gateway.app).get('/api/v1/scholarships/%E0%A4%A');

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('INVALID_PATH');
    expect(services.stubs.catalog.requests).toHaveLength(0);
  });
});

describe('proxy request bodies', () => {
  let services: Services;
  let gateway: GatewayHarness;
  let listening: ListeningApp;

  beforeEach(async () => {
    services = await startServices();
    gateway = createGatewayHarness({
      serviceUrls: services.urls,
      environment: { UPSTREAM_MAX_SOCKETS: '1' },
    });
    listening = await listenApp(gateway.app);
  });

  afterEach(async () => {
    await listening.close();
    gateway.close();
    await closeServices(services);
  });

  it('forwards a JSON body byte for byte', async () => {
    // A large integer, a duplicate key and odd spacing: any parse and re-serialise changes these.
    const body = '{"n": 12345678901234567890, "n":1,  "name":"caf\u00e9"}\n';

    const response = await request(gateway.app)
      .post('/api/v1/eligibility')
      .set('Content-Type', 'application/json')
      .send(body);

    expect(response.status).toBe(200);
    const recorded = onlyRequest(services.stubs.eligibility);
    expect(recorded.body.equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(recorded.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(recorded.headers['content-type']).toBe('application/json');
  });

  it('forwards a chunked body intact', async () => {
    const chunks = ['{"gpa": 3.9', '5, "state": "AZ"}'];

    const response = await sendRequest(listening.url, {
      method: 'PUT',
      path: '/api/v1/me/profile',
      headers: { 'content-type': 'application/json', authorization: await adminAuthorization() },
      bodyChunks: chunks,
    });

    expect(response.statusCode).toBe(200);
    const recorded = onlyRequest(services.stubs.eligibility);
    expect(recorded.body.toString('utf8')).toBe(chunks.join(''));
    expect(recorded.headers['transfer-encoding']).toBe('chunked');
  });

  it('keeps Content-Length named in Connection', async () => {
    // Without the field, the body of a request with Content-Length would go on chunked, or
    // unframed on a method that Node.js does not chunk.
    const body = '{"i":1}';

    const response = await sendRequest(listening.url, {
      method: 'POST',
      path: '/api/v1/me/saved/abc/notes',
      headers: {
        authorization: await adminAuthorization(),
        connection: 'content-length',
        'content-type': 'application/json',
        'content-length': String(body.length),
      },
      bodyChunks: [body],
    });

    expect(response.statusCode).toBe(200);
    const recorded = onlyRequest(services.stubs.catalog);
    expect(recorded.headers['content-length']).toBe(String(body.length));
    expect(recorded.body.toString('utf8')).toBe(body);
  });

  it('sets headers on queued requests', async () => {
    // With one socket per service, four of these wait in the agent's queue with their bodies.
    const bodies = ['{"i":1}', '{"i":2}', '{"i":3}', '{"i":4}', '{"i":5}'];
    const authorization = await adminAuthorization();

    const responses = await Promise.all(
      bodies.map((body, index) =>
        request(listening.url)
          .post('/api/v1/me/interactions')
          .set('Authorization', authorization)
          .set('Content-Type', 'application/json')
          .set('X-Request-Id', `queued-${index}`)
          .send(body),
      ),
    );

    for (const response of responses) expect(response.status).toBe(200);
    const received = services.stubs.catalog.requests;
    expect(received.map((recorded) => recorded.body.toString('utf8')).sort()).toEqual(bodies);
    for (const recorded of received) {
      expect(recorded.headers['x-request-id']).toMatch(/^queued-\d$/);
      expect(recorded.headers.traceparent).toMatch(TRACEPARENT_PATTERN);
    }
  });
});

describe('proxy headers', () => {
  let services: Services;
  let gateway: GatewayHarness;
  let listening: ListeningApp;

  beforeEach(async () => {
    services = await startServices();
    gateway = createGatewayHarness({ serviceUrls: services.urls });
    listening = await listenApp(gateway.app);
  });

  afterEach(async () => {
    await listening.close();
    gateway.close();
    await closeServices(services);
  });

  it('strips hop-by-hop request headers', async () => {
    const response = await sendRequest(listening.url, {
      path: '/api/v1/search?q=law',
      headers: {
        connection: 'keep-alive, x-client-hop',
        'x-client-hop': 'listed in Connection',
        'keep-alive': 'timeout=5',
        'proxy-connection': 'keep-alive',
        te: 'trailers',
        upgrade: 'websocket',
        'x-end-to-end': 'kept',
      },
    });

    expect(response.statusCode).toBe(200);
    const { headers } = onlyRequest(services.stubs.search);
    expect(headers['x-client-hop']).toBeUndefined();
    expect(headers['keep-alive']).toBeUndefined();
    expect(headers['proxy-connection']).toBeUndefined();
    expect(headers.te).toBeUndefined();
    expect(headers.upgrade).toBeUndefined();
    expect(headers.connection).toBe('keep-alive');
    expect(headers['x-end-to-end']).toBe('kept');
  });

  it('strips hop-by-hop response headers', async () => {
    const response = await request(gateway.app).get('/api/v1/search');

    expect(response.status).toBe(200);
    expect(response.headers['x-upstream-hop']).toBeUndefined();
    expect(response.headers['keep-alive']).toBeUndefined();
    expect(response.headers['x-upstream-service']).toBe('search');
  });

  it('propagates and echoes X-Request-Id', async () => {
    const response = await request(gateway.app)
      .get('/api/v1/scholarships/1')
      .set('X-Request-Id', 'client-req-42');

    expect(response.headers['x-request-id']).toBe('client-req-42');
    expect(onlyRequest(services.stubs.catalog).headers['x-request-id']).toBe('client-req-42');
  });

  it('replaces an invalid X-Request-Id', async () => {
    const response = await request(gateway.app)
      .get('/api/v1/scholarships/1')
      .set('X-Request-Id', 'not a valid id');

    const forwarded = onlyRequest(services.stubs.catalog).headers['x-request-id'];
    expect(forwarded).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['x-request-id']).toBe(forwarded);
  });

  it('creates X-Request-Id when missing', async () => {
    const response = await request(gateway.app)
      .get('/api/v1/me/profile')
      .set('Authorization', await adminAuthorization());

    const forwarded = onlyRequest(services.stubs.eligibility).headers['x-request-id'];
    expect(forwarded).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['x-request-id']).toBe(forwarded);
  });

  it('keeps the trace id of traceparent', async () => {
    await request(gateway.app)
      .get('/api/v1/search')
      .set('traceparent', `00-${TRACE_ID}-${PARENT_ID}-01`)
      .set('tracestate', 'vendor=abc');

    const { headers } = onlyRequest(services.stubs.search);
    const match = TRACEPARENT_PATTERN.exec(String(headers.traceparent));
    expect(match?.[1]).toBe(TRACE_ID);
    expect(match?.[2]).not.toBe(PARENT_ID);
    expect(match?.[3]).toBe('01');
    expect(headers.tracestate).toBe('vendor=abc');
  });

  it('starts a trace for invalid traceparent', async () => {
    await request(gateway.app)
      .get('/api/v1/search')
      .set('traceparent', `00-${'0'.repeat(32)}-${PARENT_ID}-01`)
      .set('tracestate', 'vendor=abc');

    const { headers } = onlyRequest(services.stubs.search);
    const match = TRACEPARENT_PATTERN.exec(String(headers.traceparent));
    expect(match).not.toBeNull();
    expect(match?.[1]).not.toBe('0'.repeat(32));
    expect(headers.tracestate).toBeUndefined();
  });

  it('sets X-Forwarded headers from the connection', async () => {
    await request(listening.url)
      .get('/api/v1/search')
      .set('X-Forwarded-For', '203.0.113.9')
      .set('X-Forwarded-Host', 'attacker.example')
      .set('X-Forwarded-Proto', 'https')
      .set('Forwarded', 'for=203.0.113.9');

    const { headers } = onlyRequest(services.stubs.search);
    const gatewayHost = new URL(listening.url).host;
    expect(headers['x-forwarded-for']).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    expect(headers['x-forwarded-proto']).toBe('http');
    expect(headers['x-forwarded-host']).toBe(gatewayHost);
    expect(headers.forwarded).toBeUndefined();
    expect(headers.host).toBe(new URL(services.urls.search).host);
  });

  it('marks proxied responses as cache bypasses', async () => {
    const response = await request(gateway.app).get('/api/v1/search');

    expect(response.headers['x-cache']).toBe('BYPASS');
    expect(response.headers['cache-status']).toBe(
      'scholarships-gateway; fwd=bypass; fwd-status=200; detail=streamed',
    );
  });

  it('sets security headers on proxied responses', async () => {
    const response = await request(gateway.app).get('/api/v1/search');

    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBe(
      "default-src 'none';frame-ancestors 'none'",
    );
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});

describe('proxy upstream failures', () => {
  it('answers 503 fast when down', async () => {
    const services = await startServices();
    const gateway = createGatewayHarness({
      serviceUrls: { ...services.urls, catalog: await closedPortUrl() },
    });
    try {
      const startedAt = Date.now();
      const response = await request(gateway.app)
        .get('/api/v1/scholarships/1')
        .set('X-Request-Id', 'down-1');
      const elapsedMs = Date.now() - startedAt;

      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(response.body.detail).toContain('catalog');
      expect(response.body.detail).toContain('connection refused');
      expect(response.body.requestId).toBe('down-1');
      expect(elapsedMs).toBeLessThan(1000);
      const metrics = await gateway.registry.metrics();
      expect(metrics).toMatch(
        /gateway_upstream_failures_total\{[^}]*upstream="catalog",reason="connection_refused"[^}]*\} 1/,
      );
    } finally {
      gateway.close();
      await closeServices(services);
    }
  });

  it('answers 504 when service hangs', async () => {
    const services = await startServices();
    const hanging = await startUpstreamStub('eligibility', { mode: 'hang' });
    const gateway = createGatewayHarness({
      serviceUrls: { ...services.urls, eligibility: hanging.url },
      environment: { UPSTREAM_TIMEOUT_MS: '200' },
    });
    try {
      const startedAt = Date.now();
      const response = await request(gateway.app).post('/api/v1/eligibility').send({ id: 1 });
      const elapsedMs = Date.now() - startedAt;

      expect(response.status).toBe(504);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.code).toBe('UPSTREAM_TIMEOUT');
      expect(response.body.detail).toContain('eligibility');
      expect(response.body.detail).toContain('200 ms');
      expect(elapsedMs).toBeGreaterThanOrEqual(190);
      expect(elapsedMs).toBeLessThan(2000);
      expect(hanging.requests).toHaveLength(1);
      const metrics = await gateway.registry.metrics();
      expect(metrics).toMatch(
        /gateway_upstream_duration_seconds_count\{[^}]*upstream="eligibility",status_code="504"[^}]*\} 1/,
      );
    } finally {
      gateway.close();
      await hanging.close();
      await closeServices(services);
    }
  });
});

describe('proxy keep-alive', () => {
  let services: Services;
  let gateway: GatewayHarness;
  let listening: ListeningApp;

  beforeEach(async () => {
    services = await startServices();
    gateway = createGatewayHarness({ serviceUrls: services.urls });
    listening = await listenApp(gateway.app);
  });

  afterEach(async () => {
    await listening.close();
    gateway.close();
    await closeServices(services);
  });

  it('reuses one upstream connection', async () => {
    for (let index = 0; index < 5; index += 1) {
      const response = await request(listening.url).get(`/api/v1/scholarships/${index}`);
      expect(response.status).toBe(200);
    }

    expect(services.stubs.catalog.requests).toHaveLength(5);
    expect(services.stubs.catalog.connectionCount()).toBe(1);
  });

  it('reuses connection after Connection: close', async () => {
    for (let index = 0; index < 3; index += 1) {
      const response = await sendRequest(listening.url, {
        path: '/api/v1/search',
        headers: { connection: 'close' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers.connection).toBe('close');
    }

    expect(services.stubs.search.requests).toHaveLength(3);
    expect(services.stubs.search.connectionCount()).toBe(1);
  });
});
