import net from 'node:net';
import { createLogger } from '@scholarships/logger';
import request from 'supertest';
import type { ServiceName } from '../routes/route-table';
import { createGatewayHarness, type GatewayHarness } from '../testing/gateway-harness';
import {
  closedPortUrl,
  startUpstreamStub,
  type UpstreamStub,
  type UpstreamStubOptions,
} from '../testing/upstream-stub';
import { createDatabaseProbe, type DatabaseProbe } from './database-probe';
import { PROBE_TIMEOUT_MS } from './upstream-probe';

type StubPlan = Partial<Record<ServiceName, UpstreamStubOptions | 'down'>>;

interface Setup {
  gateway: GatewayHarness;
  stubs: UpstreamStub[];
}

const SERVICES: readonly ServiceName[] = ['search', 'catalog', 'eligibility'];

/** Starts a stub per service, or reserves a closed port for services planned as `down`. */
async function setUp(
  plan: StubPlan = {},
  databaseProbe?: DatabaseProbe,
  withCache = false,
  environment: Record<string, string> = {},
): Promise<Setup> {
  const stubs: UpstreamStub[] = [];
  const urls: Partial<Record<ServiceName, string>> = {};
  for (const service of SERVICES) {
    const planned = plan[service];
    if (planned === 'down') {
      urls[service] = await closedPortUrl();
      continue;
    }
    const stub = await startUpstreamStub(service, planned);
    stubs.push(stub);
    urls[service] = stub.url;
  }
  const gateway = createGatewayHarness({
    serviceUrls: urls as Record<ServiceName, string>,
    environment,
    ...(databaseProbe === undefined ? {} : { databaseProbe }),
    ...(withCache ? { cache: {} } : {}),
  });
  return { gateway, stubs };
}

async function tearDown(setup: Setup): Promise<void> {
  setup.gateway.close();
  await Promise.all(setup.stubs.map((stub) => stub.close()));
}

describe('health routes', () => {
  let setup: Setup | undefined;

  afterEach(async () => {
    if (setup !== undefined) await tearDown(setup);
    setup = undefined;
  });

  it('answers /healthz while services are down', async () => {
    setup = await setUp({ search: 'down', catalog: 'down', eligibility: 'down' });

    const response = await request(setup.gateway.app).get('/healthz');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('answers /readyz 200 when services are ready', async () => {
    setup = await setUp();

    const response = await request(setup.gateway.app).get('/readyz');

    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ready');
  });

  it('stays ready while a service is down', async () => {
    setup = await setUp({ catalog: 'down' });

    const readiness = await request(setup.gateway.app).get('/readyz');
    const report = await request(setup.gateway.app).get('/api/v1/health');

    expect(readiness.status).toBe(200);
    expect(report.status).toBe(503);
    expect(report.body.services.catalog.status).not.toBe('ok');
  });

  it('reports everything up with 200', async () => {
    setup = await setUp();

    const response = await request(setup.gateway.app).get('/api/v1/health');

    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body.status).toBe('ok');
    expect(response.body.gateway.status).toBe('ok');
    for (const service of SERVICES) {
      expect(response.body.services[service].status).toBe('ok');
      expect(response.body.services[service].httpStatus).toBe(200);
      expect(typeof response.body.services[service].latencyMs).toBe('number');
    }
    expect(response.body.database).toEqual({ status: 'ok', source: 'services' });
    expect(response.body.cache).toBeUndefined();
  });

  it('reports the response cache when the gateway has one', async () => {
    setup = await setUp({}, undefined, true);

    const response = await request(setup.gateway.app).get('/api/v1/health');

    expect(response.status).toBe(200);
    expect(response.body.cache).toEqual({ enabled: true, redis: 'absent', invalidation: 'local' });
  });

  it('probes once for a burst of reports', async () => {
    setup = await setUp();
    const app = setup.gateway.app;

    const responses = await Promise.all(
      Array.from({ length: 20 }, () => request(app).get('/api/v1/health')),
    );

    expect(responses.every((response) => response.status === 200)).toBe(true);
    for (const stub of setup.stubs) {
      expect(stub.readinessProbeCount()).toBe(1);
    }
  });

  it('reports a down service with 503', async () => {
    setup = await setUp({ catalog: 'down' });

    const response = await request(setup.gateway.app).get('/api/v1/health');

    expect(response.status).toBe(503);
    expect(response.body.status).toBe('failed');
    expect(response.body.gateway.status).toBe('ok');
    expect(response.body.services.catalog.status).toBe('failed');
    expect(response.body.services.catalog.error).toBe('connection refused');
    expect(response.body.services.catalog.error).not.toContain('127.0.0.1');
    expect(response.body.services.search.status).toBe('ok');
    expect(response.body.services.eligibility.status).toBe('ok');
    expect(response.body.database.status).toBe('ok');
  });

  it('reports a database failure from a service', async () => {
    setup = await setUp({
      search: {
        readiness: { status: 503, body: { status: 'not ready', checks: { database: 'failed' } } },
      },
    });

    const response = await request(setup.gateway.app).get('/api/v1/health');

    expect(response.status).toBe(503);
    expect(response.body.services.search.status).toBe('failed');
    expect(response.body.services.search.httpStatus).toBe(503);
    expect(response.body.services.search.database).toBe('failed');
    expect(response.body.database.status).toBe('failed');
    expect(response.body.database.source).toBe('services');
  });

  it('reports database unknown without reports', async () => {
    const readyWithoutDatabase = {
      readiness: { status: 200, body: { status: 'ready', checks: {} } },
    };
    setup = await setUp({
      search: readyWithoutDatabase,
      catalog: readyWithoutDatabase,
      eligibility: readyWithoutDatabase,
    });

    const response = await request(setup.gateway.app).get('/api/v1/health');

    expect(response.status).toBe(503);
    expect(response.body.database.status).toBe('unknown');
    expect(response.body.services.search.status).toBe('ok');
  });

  it('reports a hanging service as timed out', async () => {
    setup = await setUp({ eligibility: { mode: 'hang' } });

    const startedAt = Date.now();
    const response = await request(setup.gateway.app).get('/api/v1/health');
    const elapsedMs = Date.now() - startedAt;

    expect(response.status).toBe(503);
    expect(response.body.services.eligibility.status).toBe('failed');
    expect(response.body.services.eligibility.error).toBe('timed out');
    expect(response.body.services.eligibility.latencyMs).toBeGreaterThanOrEqual(
      PROBE_TIMEOUT_MS - 10,
    );
    expect(elapsedMs).toBeLessThan(PROBE_TIMEOUT_MS + 1000);
  });

  it('checks database directly when configured', async () => {
    const databaseUrl = (await closedPortUrl()).replace('http:', 'postgres:');
    const probe = createDatabaseProbe(
      `${databaseUrl}/scholarships`,
      createLogger({ service: 'test', level: 'silent' }),
    );
    try {
      setup = await setUp({}, probe);

      const response = await request(setup.gateway.app).get('/api/v1/health');

      expect(response.status).toBe(503);
      expect(response.body.database.source).toBe('direct');
      expect(response.body.database.status).toBe('failed');
      expect(response.body.database.error).toBe('connection refused');
      expect(response.body.services.search.status).toBe('ok');
    } finally {
      await probe.close();
    }
  });

  it('reports a database that never answers as timed out', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const probe = createDatabaseProbe(
      `postgres://probe@127.0.0.1:${port}/scholarships`,
      createLogger({ service: 'test', level: 'silent' }),
    );
    try {
      setup = await setUp({}, probe);

      const response = await request(setup.gateway.app).get('/api/v1/health');

      expect(response.body.database.status).toBe('failed');
      expect(response.body.database.error).toBe('timed out');
    } finally {
      silent.close();
      await probe.close();
    }
  });

  it('serves gateway metrics', async () => {
    setup = await setUp();
    await request(setup.gateway.app).get('/healthz');

    const response = await request(setup.gateway.app).get('/metrics');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.text).toContain('http_request_duration_seconds_bucket');
    expect(response.text).toContain('route="/healthz"');
  });

  it('hides metrics from clients outside the allowed subnets', async () => {
    setup = await setUp({}, undefined, false, { METRICS_ALLOWED_SUBNETS: '10.0.0.0/8' });

    const response = await request(setup.gateway.app).get('/metrics');

    expect(response.status).toBe(404);
    expect(response.text).not.toContain('http_request_duration_seconds');
  });

  it('judges metrics access by the forwarded client address', async () => {
    setup = await setUp({}, undefined, false, { TRUST_PROXY: '127.0.0.1,::1' });

    const outside = await request(setup.gateway.app)
      .get('/metrics')
      .set('X-Forwarded-For', '203.0.113.9');
    const inside = await request(setup.gateway.app)
      .get('/metrics')
      .set('X-Forwarded-For', '10.1.2.3');

    expect(outside.status).toBe(404);
    expect(inside.status).toBe(200);
    expect(inside.text).toContain('http_request_duration_seconds');
  });

  it('serves metrics to every client with any', async () => {
    setup = await setUp({}, undefined, false, {
      TRUST_PROXY: '127.0.0.1,::1',
      METRICS_ALLOWED_SUBNETS: 'any',
    });

    const response = await request(setup.gateway.app)
      .get('/metrics')
      .set('X-Forwarded-For', '203.0.113.9');

    expect(response.status).toBe(200);
  });
});
