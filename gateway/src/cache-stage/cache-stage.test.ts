import { uniqueKeyspace } from '../cache/testing/cache-fixture';
import {
  type GatewayUnderTest,
  type StubServices,
  startGateway,
  startStubServices,
  testRedisUrl,
} from '../testing/gateway-stack';
import { adminAuthorization, signTestToken } from '../testing/test-tokens';
import { timeAttempts } from '../testing/timed-attempts';

const SCHOLARSHIP = '6f1c2a4e-8b3d-4c5e-9f10-1a2b3c4d5e6f';
const OTHER_SCHOLARSHIP = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

interface Setup {
  services: StubServices;
  gateway: GatewayUnderTest;
  url: string;
  clock: { now: number };
}

async function setUp(environment: Record<string, string> = {}): Promise<Setup> {
  const services = await startStubServices();
  const clock = { now: Date.now() };
  const gateway = await startGateway({
    services,
    environment: { REDIS_URL: testRedisUrl(), ...environment },
    cache: { clock: () => clock.now, keyspace: uniqueKeyspace() },
  });
  await gateway.harness.gatewayCache?.cache.ready();
  return { services, gateway, url: gateway.listening.url, clock };
}

async function tearDown(setup: Setup): Promise<void> {
  await setup.gateway.close();
  await setup.services.close().catch(() => undefined);
}

function get(setup: Setup, path: string, headers: Record<string, string> = {}) {
  return fetch(`${setup.url}${path}`, { headers });
}

function requestsTo(setup: Setup, service: 'search' | 'catalog', path: string): number {
  return setup.services.stubs[service].requests.filter((request) => request.url === path).length;
}

describe('response cache in the gateway pipeline', () => {
  let setup: Setup;
  afterEach(async () => tearDown(setup));

  it('passes the origin length on a HEAD miss', async () => {
    setup = await setUp();
    const head = await fetch(`${setup.url}/api/v1/search?q=law`, { method: 'HEAD' });

    expect(head.headers.get('x-cache')).toBe('MISS');
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    expect(await head.text()).toBe('');
  });

  it('serves a repeated search from cache', async () => {
    setup = await setUp();
    const first = await get(setup, '/api/v1/search?q=law');
    const firstBody = await first.text();
    const second = await get(setup, '/api/v1/search?q=law');

    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(second.status).toBe(200);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.headers.get('cache-status')).toContain('hit');
    expect(second.headers.get('etag')).toBeTruthy();
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    expect(second.headers.get('content-security-policy')).toBeTruthy();
    expect(await second.text()).toBe(firstBody);
    expect(requestsTo(setup, 'search', '/api/v1/search?q=law')).toBe(1);

    const revalidated = await get(setup, '/api/v1/search?q=law', {
      'if-none-match': second.headers.get('etag') ?? '',
    });
    expect(revalidated.status).toBe(304);
  });

  it('forwards every request with X-Cache: BYPASS when CACHE_ENABLED is false', async () => {
    setup = await setUp({ CACHE_ENABLED: 'false' });
    const first = await get(setup, '/api/v1/search?q=law');
    const second = await get(setup, '/api/v1/search?q=law');

    expect(first.headers.get('x-cache')).toBe('BYPASS');
    expect(second.headers.get('x-cache')).toBe('BYPASS');
    expect(requestsTo(setup, 'search', '/api/v1/search?q=law')).toBe(2);
  });

  it('switches the cache off at run time for admins only', async () => {
    setup = await setUp();
    const student = `Bearer ${await signTestToken({ sub: 'student-1' })}`;
    const body = JSON.stringify({ enabled: false });
    const json = { 'content-type': 'application/json' };
    const refused = await fetch(`${setup.url}/api/v1/admin/gateway/cache`, {
      method: 'PUT',
      headers: { ...json, authorization: student },
      body,
    });
    expect(refused.status).toBe(403);

    const admin = await adminAuthorization();
    const switched = await fetch(`${setup.url}/api/v1/admin/gateway/cache`, {
      method: 'PUT',
      headers: { ...json, authorization: admin },
      body,
    });
    expect(switched.status).toBe(200);
    expect(await switched.json()).toMatchObject({ enabled: false });
    const state = await get(setup, '/api/v1/admin/gateway/cache', { authorization: admin });
    expect(await state.json()).toMatchObject({ enabled: false, redis: 'closed' });

    await get(setup, '/api/v1/search?q=law');
    const bypassed = await get(setup, '/api/v1/search?q=law');
    expect(bypassed.headers.get('x-cache')).toBe('BYPASS');
    expect(requestsTo(setup, 'search', '/api/v1/search?q=law')).toBe(2);
    expect(setup.services.stubs.catalog.requests).toHaveLength(0);
  });

  it('rejects a switch body without a boolean with a 400 naming the field', async () => {
    setup = await setUp();
    const response = await fetch(`${setup.url}/api/v1/admin/gateway/cache`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: await adminAuthorization() },
      body: JSON.stringify({ enabled: 'no' }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('body.enabled');
    expect(setup.gateway.harness.gatewayCache?.cache.isEnabled()).toBe(true);
  });

  it('drops an entry after an admin write', async () => {
    setup = await setUp();
    const path = `/api/v1/scholarships/${SCHOLARSHIP}`;
    await get(setup, path);
    expect((await get(setup, path)).headers.get('x-cache')).toBe('HIT');

    const write = await fetch(`${setup.url}/api/v1/admin/scholarships/${SCHOLARSHIP}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: await adminAuthorization() },
      body: JSON.stringify({ title: 'Renamed' }),
    });
    expect(write.status).toBe(200);

    const after = await get(setup, path);
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(requestsTo(setup, 'catalog', path)).toBe(2);
  });

  it('serves stale or fails fast when upstream down', async () => {
    setup = await setUp();
    const cached = `/api/v1/scholarships/${SCHOLARSHIP}`;
    expect((await get(setup, cached)).headers.get('x-cache')).toBe('MISS');
    await setup.services.stubs.catalog.close();
    setup.clock.now += 31 * 60_000;

    const stale = await get(setup, cached);
    expect(stale.status).toBe(200);
    expect(stale.headers.get('x-cache')).toBe('STALE');

    const uncached = `/api/v1/scholarships/${OTHER_SCHOLARSHIP}`;
    for (let attempt = 0; attempt < 10; attempt += 1) {
      if ((await get(setup, uncached)).status === 503) break;
    }
    // A gateway that waited for the stopped service would make all three slow.
    const { results, fastestMs } = await timeAttempts(3, () => get(setup, uncached));
    for (const refused of results) {
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    }
    expect(fastestMs).toBeLessThan(100);
  });

  it("never serves one user's /me/profile to another user", async () => {
    setup = await setUp();
    const userA = { authorization: `Bearer ${await signTestToken({ sub: 'user-a' })}` };
    const userB = { authorization: `Bearer ${await signTestToken({ sub: 'user-b' })}` };
    await get(setup, '/api/v1/me/profile', userA);
    const againA = await get(setup, '/api/v1/me/profile', userA);
    const forB = await get(setup, '/api/v1/me/profile', userB);

    expect(againA.headers.get('x-cache')).toBe('HIT');
    expect(againA.headers.get('cache-control')).toContain('private');
    expect(forB.headers.get('x-cache')).toBe('MISS');
    const echoed = (await forB.json()) as { headers: Record<string, string> };
    expect(echoed.headers['x-internal-user-id']).toBe('user-b');
  });
});
