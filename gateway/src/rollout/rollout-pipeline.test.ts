import { randomBytes } from 'node:crypto';
import { sendRawHttp } from '@scholarships/local-infra';
import { createLogger } from '@scholarships/logger';
import {
  type GatewayUnderTest,
  metricValue,
  type StubServices,
  startGateway,
  startStubServices,
  testRedisUrl,
  UNIT_COST_ROUTES,
} from '../testing/gateway-stack';
import { adminAuthorization, signTestToken } from '../testing/test-tokens';
import { assignVariant } from './assignment';
import { firstStage, readRollout, stageOrder, writeRollout } from './testing/rollout-client';

/** Enough budget that no request of these tests meets the rate limit. */
const WIDE_RATE_LIMIT = {
  RATE_LIMIT_POLICIES: 'default=100000/60',
  RATE_LIMIT_ROUTES: UNIT_COST_ROUTES,
};

function uniqueCacheKeyspace() {
  const id = randomBytes(6).toString('hex');
  return { prefix: `rollout-${id}:`, eventChannel: `events-${id}`, generationKey: `gen-${id}` };
}

interface Setup {
  services: StubServices;
  gateway: GatewayUnderTest;
  url: string;
}

async function setUp(
  environment: Record<string, string> = {},
  logger?: ReturnType<typeof createLogger>,
): Promise<Setup> {
  const services = await startStubServices();
  const gateway = await startGateway({
    services,
    environment: { REDIS_URL: testRedisUrl(), ...WIDE_RATE_LIMIT, ...environment },
    cache: { keyspace: uniqueCacheKeyspace() },
    ...(logger === undefined ? {} : { logger }),
  });
  await gateway.harness.gatewayCache?.cache.ready();
  return { services, gateway, url: gateway.listening.url };
}

function searchesReceived(setup: Setup, path: string): number {
  return setup.services.stubs.search.requests.filter((request) => request.url === path).length;
}

describe('rollout arms in the gateway pipeline', () => {
  let setup: Setup;
  afterEach(async () => {
    await setup.gateway.close();
    await setup.services.close();
  });

  it('serves baseline requests uncached in the legacy order', async () => {
    setup = await setUp();
    const path = '/api/v1/search?q=nursing';
    expect((await fetch(`${setup.url}${path}`)).headers.get('x-cache')).toBe('MISS');
    const hit = await fetch(`${setup.url}${path}`);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(stageOrder(hit)).toEqual(['ratelimit', 'cors', 'auth', 'waf']);

    expect((await writeRollout(setup.url, { rolloutPercent: 0 })).status).toBe(200);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const baseline = await fetch(`${setup.url}${path}`);
      expect(baseline.status).toBe(200);
      expect(baseline.headers.get('x-cache')).toBe('BYPASS');
      expect(baseline.headers.get('cache-status')).toContain('detail=rollout-baseline');
      expect(stageOrder(baseline)).toEqual(['cors', 'waf', 'auth', 'ratelimit']);
    }
    expect(searchesReceived(setup, path)).toBe(4);

    const other = '/api/v1/search?q=law';
    await fetch(`${setup.url}${other}`);
    await fetch(`${setup.url}${other}`);
    expect(searchesReceived(setup, other)).toBe(2);
    const baselineCount = await metricValue(
      setup.gateway.harness,
      'gateway_rollout_requests_total',
      'variant="baseline",status_class="2xx"',
    );
    expect(baselineCount).toBe(5);
  });

  it('assigns clients stably at 10, 50 and 100 %', async () => {
    // One trusted proxy hop, so each test client gets its own address from X-Forwarded-For.
    setup = await setUp({ TRUST_PROXY: '1' });
    const clients = Array.from({ length: 60 }, (_, index) => `198.51.100.${index + 1}`);
    for (const percent of [10, 50, 100]) {
      expect((await writeRollout(setup.url, { rolloutPercent: percent })).status).toBe(200);
      for (const [index, address] of clients.entries()) {
        const expected = assignVariant(`ip:${address}`, percent);
        const expectedStage = expected === 'optimized' ? 'ratelimit' : 'cors';
        for (let repeat = 0; repeat < 2; repeat += 1) {
          const response = await fetch(`${setup.url}/api/v1/search?q=client${index}`, {
            headers: { 'x-forwarded-for': address },
          });
          expect(response.status).toBe(200);
          expect(firstStage(response)).toBe(expectedStage);
        }
      }
    }
    const optimizedAt10 = clients.filter((ip) => assignVariant(`ip:${ip}`, 10) === 'optimized');
    const optimizedAt50 = clients.filter((ip) => assignVariant(`ip:${ip}`, 50) === 'optimized');
    expect(optimizedAt10.length).toBeLessThan(optimizedAt50.length);
    expect(optimizedAt10.every((ip) => optimizedAt50.includes(ip))).toBe(true);
  });

  it('keeps a signed-in client on its address arm whatever its token says', async () => {
    setup = await setUp();
    await writeRollout(setup.url, { rolloutPercent: 50 });
    const expected = assignVariant('ip:127.0.0.1', 50) === 'optimized' ? 'ratelimit' : 'cors';
    for (const sub of ['user-1', 'user-2', 'user-3', 'user-4']) {
      const token = await signTestToken({ sub });
      const response = await fetch(`${setup.url}/api/v1/search?q=${sub}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(firstStage(response)).toBe(expected);
    }
  });

  it('runs the optimized order the switch selects', async () => {
    setup = await setUp();
    await writeRollout(setup.url, { middlewareOrder: 'legacy', cacheEnabled: false });
    const response = await fetch(`${setup.url}/api/v1/search?q=order`);
    expect(stageOrder(response)).toEqual(['cors', 'waf', 'auth', 'ratelimit']);
    expect(response.headers.get('x-cache')).toBe('BYPASS');
    expect(response.headers.get('cache-status')).toContain('detail=disabled');
    expect(setup.gateway.harness.gatewayCache?.cache.isEnabled()).toBe(false);
    const order = await metricValue(
      setup.gateway.harness,
      'gateway_rollout_middleware_order',
      'order="legacy"',
    );
    expect(order).toBe(1);
  });
});

describe('rollout admin route', () => {
  let setup: Setup;
  afterEach(async () => {
    await setup.gateway.close();
    await setup.services.close();
  });

  it('rejects anonymous and non-admin callers', async () => {
    setup = await setUp();
    const url = `${setup.url}/api/v1/admin/gateway/rollout`;
    const body = JSON.stringify({ rolloutPercent: 0 });
    const json = { 'content-type': 'application/json' };
    const anonymous = await fetch(url, { method: 'PUT', headers: json, body });
    expect(anonymous.status).toBe(401);
    const student = `Bearer ${await signTestToken({ sub: 'student-1' })}`;
    const refused = await fetch(url, {
      method: 'PUT',
      headers: { ...json, authorization: student },
      body,
    });
    expect(refused.status).toBe(403);
    const read = await fetch(url, { headers: { authorization: student } });
    expect(read.status).toBe(403);
    expect((await readRollout(setup.url)).rolloutPercent).toBe(100);
  });

  it('refuses the switch route behind a "#" target', async () => {
    // With a looser WAF, only the access rules and the route's own role check keep such a target
    // from the switches. A server started by service-kit rejects the target before either runs.
    setup = await setUp({ WAF_SCORE_THRESHOLD: '6' });
    const target = '/api/v1/admin/gateway/rollout#/../../../../../x';
    const body = '{"rolloutPercent":37}';
    const reply = await sendRawHttp(
      setup.url,
      `PUT ${target} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );

    expect(reply.startsWith('HTTP/1.1 401')).toBe(true);
    expect((await readRollout(setup.url)).rolloutPercent).toBe(100);
  });

  it('logs which admin changed the switches', async () => {
    const lines: { msg: string; admin?: string }[] = [];
    const destination = { write: (line: string) => lines.push(JSON.parse(line)) };
    setup = await setUp({}, createLogger({ service: 'gateway', level: 'info', destination }));

    await writeRollout(setup.url, { rolloutPercent: 40 });

    const change = lines.find(
      (line) => line.msg === 'rollout switches changed by an admin request',
    );
    expect(change?.admin).toBe('admin-1');
  });

  it.each([
    [{ rolloutPercent: 101 }, 'body.rolloutPercent'],
    [{ rolloutPercent: -1 }, 'body.rolloutPercent'],
    [{ rolloutPercent: 12.5 }, 'body.rolloutPercent'],
    [{ rolloutPercent: '50' }, 'body.rolloutPercent'],
    [{ middlewareOrder: 'fastest' }, 'body.middlewareOrder'],
    [{ cacheEnabled: 'no' }, 'body.cacheEnabled'],
    [{ rolloutPercent: 10, color: 'blue' }, 'body.color'],
    [{}, 'body'],
    [[], 'body'],
  ])('rejects the body %j naming %s', async (body, field) => {
    setup = await setUp();
    const response = await writeRollout(setup.url, body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((error) => error.field)).toContain(field);
    const state = await readRollout(setup.url);
    expect(state.rolloutPercent).toBe(100);
    expect(state.middlewareOrder).toBe('default');
  });

  it.each([
    [{ rolloutPercent: 101 }, 'must be a whole number from 0 to 100'],
    [{ rolloutPercent: '50' }, 'must be a whole number from 0 to 100'],
    [{ middlewareOrder: 'fastest' }, 'must be default or legacy'],
    [{ cacheEnabled: 'no' }, 'must be true or false'],
    [[], 'must be a JSON object sent with Content-Type: application/json'],
  ])('explains what the body %j should hold', async (body, message) => {
    setup = await setUp();
    const response = await writeRollout(setup.url, body);
    const problem = (await response.json()) as { errors: { message: string }[] };
    expect(problem.errors.map((error) => error.message)).toEqual([message]);
  });

  it('rejects a body that is not JSON', async () => {
    setup = await setUp();
    const response = await fetch(`${setup.url}/api/v1/admin/gateway/rollout`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: await adminAuthorization() },
      body: '{"rolloutPercent":',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('returns the switches and where they apply', async () => {
    setup = await setUp({ ROLLOUT_PERCENT: '25' });
    const state = await readRollout(setup.url);
    expect(state).toEqual({
      cacheEnabled: true,
      middlewareOrder: 'default',
      rolloutPercent: 25,
      scope: 'replica',
      guard: { enabled: true, holding: false, trip: null },
    });
    const changed = await writeRollout(setup.url, { rolloutPercent: 50 });
    expect(await changed.json()).toMatchObject({ rolloutPercent: 50, propagation: 'replica' });
  });
});
