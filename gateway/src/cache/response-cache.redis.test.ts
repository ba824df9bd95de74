import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import {
  type CacheFixture,
  cacheRequest,
  createCacheFixture,
  type FixtureOptions,
  metricValue,
  uniqueKeyspace,
} from './testing/cache-fixture';
import { type CacheServer, startCacheServer } from './testing/cache-server';
import { echoJson, type OriginServer, startOriginServer } from './testing/origin-server';
import { publishEvents } from './testing/publish-events';
import { createScriptedOrigin, jsonResponse } from './testing/scripted-origin';
import { createTestClock } from './testing/test-clock';

const REDIS_URL = process.env.TEST_REDIS_URL ?? '';
const SCHOLARSHIP_ID = '7f0c2a4e-1111-4d2b-9a47-0e5a9d1c0b01';

let redis: Redis;

beforeAll(() => {
  redis = new Redis(REDIS_URL);
});

afterAll(async () => {
  await redis.quit();
});

/** One replica with a keyspace of its own, ready to serve. */
async function startReplica(options: FixtureOptions = {}) {
  const keyspace = uniqueKeyspace();
  const replica = createCacheFixture({
    redisUrl: REDIS_URL,
    keyspace,
    redisTimeoutMs: 2000,
    ...options,
  });
  await replica.cache.ready();
  return { keyspace, replica };
}

/** Two replicas: separate Redis clients and memory tiers, one Redis and keyspace. */
async function startReplicas(keyspace = uniqueKeyspace(), options: FixtureOptions = {}) {
  const replicas = [0, 1].map(() =>
    createCacheFixture({ redisUrl: REDIS_URL, keyspace, redisTimeoutMs: 2000, ...options }),
  );
  await Promise.all(replicas.map((replica) => replica.cache.ready()));
  return { keyspace, replicas: replicas as [CacheFixture, CacheFixture] };
}

async function keysWithPrefix(prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found;
}

/** Creates a promise that stays pending until `open` is called, to hold an origin's replies. */
function openLater(): { wait: Promise<void>; open(): void } {
  let open: () => void = () => undefined;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

async function get(server: CacheServer, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { headers });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

describe('response cache with redis', () => {
  let replicas: [CacheFixture, CacheFixture];
  let keyspace: ReturnType<typeof uniqueKeyspace>;

  beforeEach(async () => {
    ({ replicas, keyspace } = await startReplicas());
  });

  afterEach(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
  });

  it('reaches the origin once for 200 requests on two replicas', async () => {
    const origin = await startOriginServer({ delayMs: 200 });
    const servers = await Promise.all(
      replicas.map((replica) => startCacheServer(replica.cache, origin.url)),
    );
    try {
      const responses = await Promise.all(
        Array.from({ length: 200 }, (_, index) =>
          get(servers[index % 2] as CacheServer, '/api/v1/search?q=law'),
        ),
      );

      expect(origin.requests).toHaveLength(1);
      for (const response of responses) {
        expect(response.status).toBe(200);
        expect(response.body).toBe(JSON.stringify({ url: '/api/v1/search?q=law' }));
      }
      const collapsed = await Promise.all(
        replicas.map((replica) =>
          metricValue(replica.registry, 'gateway_cache_coalesced_total', {
            route: '/api/v1/search',
          }),
        ),
      );
      expect(collapsed.reduce((sum, value) => sum + value, 0)).toBe(199);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
      await origin.stop();
    }
  });

  it('serves the other replica from redis', async () => {
    const origin = createScriptedOrigin();
    const [first, second] = replicas;
    await first.cache.serve(cacheRequest('/api/v1/search', { query: 'q=law' }), origin.target);
    await first.cache.whenIdle();

    const hit = await second.cache.serve(
      cacheRequest('/api/v1/search', { query: 'q=law' }),
      origin.target,
    );
    const memoryHit = await second.cache.serve(
      cacheRequest('/api/v1/search', { query: 'q=law' }),
      origin.target,
    );

    expect(hit.headers['cache-status']).toContain('detail=redis');
    expect(memoryHit.headers['cache-status']).toContain('detail=memory');
    expect(origin.requests).toHaveLength(1);
  });

  it('stores entries with a TTL of the hard limit', async () => {
    const origin = createScriptedOrigin();
    await replicas[0].cache.serve(
      cacheRequest('/api/v1/search', { query: 'q=law' }),
      origin.target,
    );
    await replicas[0].cache.whenIdle();

    const keys = await keysWithPrefix(keyspace.prefix);
    const entryKeys = keys.filter((key) => key.endsWith(':entry'));
    expect(entryKeys).toHaveLength(1);
    const ttl = await redis.pttl(entryKeys[0] ?? '');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual((30 + 6 * 60) * 60_000);
    const value = await redis.getBuffer(entryKeys[0] ?? '');
    expect(value?.readUInt8(0)).toBe(1);
    expect(value?.subarray(value.length - 20).toString()).toContain('"count":1}');
  });

  it.each([
    ['Set-Cookie', { 'set-cookie': ['session=abc'] }],
    ['private', { 'cache-control': 'private' }],
    ['no-store', { 'cache-control': 'no-store' }],
  ])('never puts a response with %s in redis', async (_name, headers) => {
    const origin = createScriptedOrigin();
    origin.reply(jsonResponse({ secret: 'alice' }, 200, headers));
    await replicas[0].cache.serve(
      cacheRequest('/api/v1/search', { query: 'q=law' }),
      origin.target,
    );
    await replicas[0].cache.serve(
      cacheRequest('/api/v1/me/profile', { identity: { userId: 'alice', roles: [] } }),
      origin.target,
    );
    await replicas[0].cache.whenIdle();

    const keys = await keysWithPrefix(keyspace.prefix);
    expect(keys.filter((key) => key.endsWith(':entry'))).toEqual([]);
  });

  it('shows changes at once without a grace', async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    ({ replicas } = await startReplicas(keyspace, { catalogWriteGraceMs: 0 }));
    let version = 1;
    const origin = await startOriginServer();
    origin.setHandler((request, response) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        etag: `W/"${SCHOLARSHIP_ID}-${version}"`,
      });
      response.end(JSON.stringify({ url: request.url, version }));
    });
    const servers = await Promise.all(
      replicas.map((replica) => startCacheServer(replica.cache, origin.url)),
    );
    const byId = `/api/v1/scholarships/${SCHOLARSHIP_ID}`;
    try {
      for (let round = 0; round < 20; round += 1) {
        for (const server of servers) {
          await get(server, byId);
          await get(server, '/api/v1/search?q=law');
          expect((await get(server, byId)).headers.get('x-cache')).toBe('HIT');
        }

        version += 1;
        await publishEvents(redis, keyspace, [
          { type: 'scholarship.changed', scholarshipId: SCHOLARSHIP_ID, version },
        ]);

        for (const server of servers) {
          const lookup = await get(server, byId);
          const search = await get(server, '/api/v1/search?q=law');
          expect(JSON.parse(lookup.body)).toMatchObject({ version });
          expect(JSON.parse(search.body)).toMatchObject({ version });
        }
      }
    } finally {
      await Promise.all(servers.map((server) => server.close()));
      await origin.stop();
    }
  });

  it('rebuilds after missing events', async () => {
    let version = 1;
    const origin = createScriptedOrigin('catalog');
    origin.reply(() => jsonResponse({ version }));
    const byId = cacheRequest(`/api/v1/scholarships/${SCHOLARSHIP_ID}`);
    const [first] = replicas;
    await first.cache.serve(byId, origin.target);
    expect((await first.cache.serve(byId, origin.target)).headers['x-cache']).toBe('HIT');

    const name = `gateway-cache-subscriber-${first.cache.health().instance}`;
    const clients = String(await redis.client('LIST'));
    const id = /id=(\d+) .*name=(\S+)/g;
    const killed = [...clients.matchAll(id)].find((match) => match[2] === name)?.[1];
    expect(killed).toBeDefined();
    await redis.client('KILL', 'ID', killed ?? '');
    version = 2;
    await publishEvents(redis, keyspace, [
      { type: 'scholarship.changed', scholarshipId: SCHOLARSHIP_ID, version },
    ]);

    const deadline = Date.now() + 5000;
    while (first.cache.health().invalidation !== 'live' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(first.cache.health().invalidation).toBe('live');
    const after = await first.cache.serve(byId, origin.target);
    expect(JSON.parse(after.body.toString())).toEqual({ version: 2 });
  });

  it('moves both replicas to a new profile version', async () => {
    let version = 1;
    const origin = createScriptedOrigin('eligibility');
    origin.reply(() => jsonResponse({ version }));
    const alice = { identity: { userId: 'alice', roles: [] } };
    const read = (replica: CacheFixture) =>
      replica.cache.serve(cacheRequest('/api/v1/me/profile', alice), origin.target);
    for (const replica of replicas) await read(replica);

    version = 2;
    await publishEvents(redis, keyspace, [
      { type: 'profile.changed', userId: 'alice', version: 2 },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));

    for (const replica of replicas) {
      const response = await read(replica);
      expect(JSON.parse(response.body.toString())).toEqual({ version: 2 });
    }
  });

  it('skips per-user entries after a profile write', async () => {
    const origin = createScriptedOrigin('eligibility');
    const alice = { identity: { userId: 'alice', roles: [] } };
    const read = (replica: CacheFixture) =>
      replica.cache.serve(cacheRequest('/api/v1/me/profile', alice), origin.target);
    const [writer, other] = replicas;
    await publishEvents(redis, keyspace, [
      { type: 'profile.changed', userId: 'alice', version: 1 },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await read(writer);
    await read(other);

    const write = cacheRequest('/api/v1/me/profile', { ...alice, method: 'PUT', body: { gpa: 3 } });
    await writer.cache.serve(write, origin.target);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const pending = await Promise.all([read(writer), read(other)]);
    await publishEvents(redis, keyspace, [
      { type: 'profile.changed', userId: 'alice', version: 2 },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const settled = [await read(writer), await read(writer)];

    for (const response of pending) {
      expect(response.headers['x-cache']).toBe('BYPASS');
      expect(response.headers['cache-status']).toContain('detail=profile-pending');
    }
    expect(settled[0]?.headers['x-cache']).toBe('MISS');
    expect(settled[1]?.headers['x-cache']).toBe('HIT');
  });

  it('lets a later replica read the profile version from redis', async () => {
    const origin = createScriptedOrigin('eligibility');
    await publishEvents(redis, keyspace, [{ type: 'profile.changed', userId: 'bob', version: 7 }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const later = createCacheFixture({ redisUrl: REDIS_URL, keyspace, redisTimeoutMs: 2000 });
    try {
      await later.cache.ready();
      await later.cache.serve(
        cacheRequest('/api/v1/me/profile', { identity: { userId: 'bob', roles: [] } }),
        origin.target,
      );
      expect(await redis.get(`${keyspace.prefix}profile-version:bob`)).toBe('7');
    } finally {
      await later.close();
    }
  });

  it('applies an admin write on the other replica', async () => {
    const origin = await startOriginServer();
    const servers = await Promise.all(
      replicas.map((replica) => startCacheServer(replica.cache, origin.url)),
    );
    const [writer, reader] = servers as [CacheServer, CacheServer];
    const byId = `/api/v1/scholarships/${SCHOLARSHIP_ID}`;
    try {
      await get(reader, byId);
      await get(reader, '/api/v1/search?q=law');

      const write = await fetch(`${writer.url}/api/v1/admin/scholarships/${SCHOLARSHIP_ID}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const lookup = await get(reader, byId);
      const search = await get(reader, '/api/v1/search?q=law');

      expect(write.status).toBe(200);
      expect(lookup.headers.get('x-cache')).toBe('MISS');
      expect(search.headers.get('x-cache')).toBe('STALE');
      expect(search.headers.get('cache-status')).toContain('detail=catalog-changed');
      expect(await redis.get(keyspace.generationKey)).toBe('1');
    } finally {
      await Promise.all(servers.map((server) => server.close()));
      await origin.stop();
    }
  });

  it.each([
    ['an update', 'PUT', `/api/v1/admin/scholarships/${SCHOLARSHIP_ID}`, 200],
    ['a creation', 'POST', '/api/v1/admin/scholarships', 201],
  ])('moves the generation once for %s', async (_name, method, path, status) => {
    const origin = await startOriginServer();
    origin.setHandler((request, response) => {
      if (request.method === 'GET') {
        echoJson(request, response);
        return;
      }
      const event = {
        type: 'scholarship.changed' as const,
        scholarshipId: SCHOLARSHIP_ID,
        version: 2,
      };
      void publishEvents(redis, keyspace, [event]).then(() => {
        response.writeHead(status, {
          'content-type': 'application/json',
          location: `/api/v1/scholarships/${SCHOLARSHIP_ID}`,
        });
        response.end('{}');
      });
    });
    const writer = await startCacheServer(replicas[0].cache, origin.url);
    const reader = await startCacheServer(replicas[1].cache, origin.url);
    try {
      await get(reader, '/api/v1/search?q=law');
      const write = await fetch(`${writer.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });

      expect(write.status).toBe(status);
      expect(await redis.get(keyspace.generationKey)).toBe('1');
      const search = await get(reader, '/api/v1/search?q=law');
      expect(search.headers.get('cache-status')).toContain('detail=catalog-changed');
    } finally {
      await Promise.all([writer.close(), reader.close()]);
      await origin.stop();
    }
  });

  describe('unkeyed request headers', () => {
    let origin: OriginServer;
    let server: CacheServer;

    beforeEach(async () => {
      origin = await startOriginServer();
      origin.setHandler((request, response) => {
        response.writeHead(200, {
          'content-type': 'application/json',
          'cache-control': 'max-age=60',
        });
        response.end(
          JSON.stringify({
            host: request.headers['x-forwarded-host'] ?? null,
            url: request.headers['x-original-url'] ?? null,
            scheme: request.headers['x-forwarded-scheme'] ?? null,
          }),
        );
      });
      server = await startCacheServer(replicas[0].cache, origin.url);
    });

    afterEach(async () => {
      await server.close();
      await origin.stop();
    });

    it.each(['/api/v1/search?q=law', '/api/v1/extra/items'])('cannot poison %s', async (path) => {
      const poisoned = await get(server, path, {
        'x-forwarded-host': 'evil.example',
        'x-original-url': '/admin',
        'x-forwarded-scheme': 'http',
      });
      const victim = await get(server, path);

      const clean = JSON.stringify({ host: null, url: null, scheme: null });
      expect(poisoned.body).toBe(clean);
      expect(victim.body).toBe(clean);
      expect(victim.headers.get('x-cache')).toBe('HIT');
      for (const received of origin.requests) {
        expect(received.headers['x-forwarded-host']).toBeUndefined();
        expect(received.headers['x-original-url']).toBeUndefined();
        expect(received.headers['x-forwarded-scheme']).toBeUndefined();
      }
    });
  });

  it('never serves one user the entry of another', async () => {
    const origin = await startOriginServer();
    origin.setHandler((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ user: request.headers['x-internal-user-id'] ?? null }));
    });
    const servers = await Promise.all(
      replicas.map((replica) => startCacheServer(replica.cache, origin.url, 'eligibility')),
    );
    try {
      await get(servers[0] as CacheServer, '/api/v1/me/profile', { 'x-test-user': 'alice' });
      await replicas[0].cache.whenIdle();
      for (const server of servers) {
        const bob = await get(server, '/api/v1/me/profile', { 'x-test-user': 'bob' });
        const anonymous = await get(server, '/api/v1/me/profile');
        const alice = await get(server, '/api/v1/me/profile', { 'x-test-user': 'alice' });

        expect(JSON.parse(bob.body)).toEqual({ user: 'bob' });
        expect(JSON.parse(anonymous.body)).toEqual({ user: null });
        expect(anonymous.headers.get('x-cache')).toBe('BYPASS');
        expect(JSON.parse(alice.body)).toEqual({ user: 'alice' });
        expect(alice.headers.get('x-cache')).toBe('HIT');
      }
    } finally {
      await Promise.all(servers.map((server) => server.close()));
      await origin.stop();
    }
  });
});

describe('listings after a catalog write', () => {
  const search = () => cacheRequest('/api/v1/search', { query: 'q=law' });
  const batch = () => cacheRequest('/api/v1/scholarships', { query: `ids=${SCHOLARSHIP_ID}` });
  const changed = (version: number) =>
    [{ type: 'scholarship.changed', scholarshipId: SCHOLARSHIP_ID, version }] as const;
  const bodyOf = (response: { body: Buffer }) => JSON.parse(response.body.toString());

  it('serves replaced listings stale, records fresh', async () => {
    const { keyspace, replicas } = await startReplicas();
    const [first, second] = replicas;
    let version = 1;
    const searchOrigin = createScriptedOrigin('search');
    const catalogOrigin = createScriptedOrigin('catalog');
    searchOrigin.reply(() => jsonResponse({ version }));
    catalogOrigin.reply(() => jsonResponse({ version }));
    try {
      await first.cache.serve(search(), searchOrigin.target);
      await first.cache.serve(batch(), catalogOrigin.target);
      await first.cache.whenIdle();

      version = 2;
      await publishEvents(redis, keyspace, changed(version));
      const standIn = await first.cache.serve(search(), searchOrigin.target);
      const records = await first.cache.serve(batch(), catalogOrigin.target);

      expect(standIn.headers['x-cache']).toBe('STALE');
      expect(standIn.headers['cache-status']).toContain('detail=catalog-changed');
      expect(bodyOf(standIn)).toEqual({ version: 1 });
      expect(records.headers['x-cache']).toBe('MISS');
      expect(bodyOf(records)).toEqual({ version: 2 });

      await first.cache.whenIdle();
      const refreshed = await first.cache.serve(search(), searchOrigin.target);
      const onSecond = await second.cache.serve(search(), searchOrigin.target);
      expect(refreshed.headers['x-cache']).toBe('HIT');
      expect(bodyOf(refreshed)).toEqual({ version: 2 });
      expect(onSecond.headers['cache-status']).toContain('detail=redis');
      expect(bodyOf(onSecond)).toEqual({ version: 2 });
      expect(searchOrigin.requests).toHaveLength(2);
      expect(
        await metricValue(first.registry, 'gateway_cache_stale_served_total', {
          route: '/api/v1/search',
          reason: 'catalog-write',
        }),
      ).toBe(1);
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
    }
  });

  it('serves no stand-in after the cache was off', async () => {
    const { keyspace, replicas } = await startReplicas();
    const [first] = replicas;
    let version = 1;
    const origin = createScriptedOrigin('search');
    origin.reply(() => jsonResponse({ version }));
    try {
      await first.cache.serve(search(), origin.target);
      await first.cache.whenIdle();
      first.cache.setEnabled(false);

      version = 2;
      await publishEvents(redis, keyspace, changed(version));
      const whileOff = await first.cache.serve(search(), origin.target);
      first.cache.setEnabled(true);
      const afterOn = await first.cache.serve(search(), origin.target);

      expect(whileOff.headers['x-cache']).toBe('BYPASS');
      expect(bodyOf(whileOff)).toEqual({ version: 2 });
      expect(afterOn.headers['x-cache']).toBe('MISS');
      expect(bodyOf(afterOn)).toEqual({ version: 2 });
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
    }
  });

  it('uses older generations after a burst of writes', async () => {
    const { keyspace, replicas } = await startReplicas();
    let version = 1;
    const origin = createScriptedOrigin('search');
    origin.reply(() => jsonResponse({ version }));
    try {
      await replicas[0].cache.serve(search(), origin.target);
      await replicas[0].cache.whenIdle();
      // Refreshes wait, so that neither replica finds a refreshed entry.
      const { wait: held, open: release } = openLater();
      origin.reply(async () => {
        await held;
        return jsonResponse({ version });
      });

      version = 3;
      await publishEvents(redis, keyspace, changed(2));
      await publishEvents(redis, keyspace, changed(3));
      const fromMemory = await replicas[0].cache.serve(search(), origin.target);
      const fromRedis = await replicas[1].cache.serve(search(), origin.target);
      release();

      expect(fromMemory.headers['cache-status']).toContain('detail=catalog-changed');
      expect(bodyOf(fromMemory)).toEqual({ version: 1 });
      expect(fromRedis.headers['x-cache']).toBe('STALE');
      expect(bodyOf(fromRedis)).toEqual({ version: 1 });
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
    }
  });

  /**
   * Caches version 1 of the search on one replica, then writes version 2. The origin delays the
   * refresh until `release` is called.
   */
  async function writeWithHeldRefresh(options: FixtureOptions = {}) {
    const { keyspace, replica } = await startReplica(options);
    const origin = createScriptedOrigin('search');
    origin.reply(() => jsonResponse({ version: 1 }));
    const { wait: held, open: release } = openLater();
    await replica.cache.serve(search(), origin.target);
    await replica.cache.whenIdle();
    origin.reply(async () => {
      await held;
      return jsonResponse({ version: 2 });
    });
    await publishEvents(redis, keyspace, changed(2));
    return { replica, origin, release };
  }

  it('serves the stand-in while its refresh runs', async () => {
    const { replica, origin, release } = await writeWithHeldRefresh();
    try {
      const first = await replica.cache.serve(search(), origin.target);
      const second = await replica.cache.serve(search(), origin.target);
      release();

      expect(first.headers['x-cache']).toBe('STALE');
      expect(second.headers['cache-status']).toContain('detail=catalog-changed');
      expect(bodyOf(second)).toEqual({ version: 1 });
    } finally {
      release();
      await replica.close();
    }
  });

  it('ends the stand-in with its grace', async () => {
    // The refresh outlasts the grace, as a slow service's would.
    const { replica, origin, release } = await writeWithHeldRefresh({ catalogWriteGraceMs: 200 });
    try {
      const withinGrace = await replica.cache.serve(search(), origin.target);
      await sleep(400);
      const afterGrace = replica.cache.serve(search(), origin.target);
      // Time for the request to decide before the refresh may end.
      await sleep(50);
      release();

      expect(bodyOf(withinGrace)).toEqual({ version: 1 });
      expect((await afterGrace).headers['cache-status']).not.toContain('detail=catalog-changed');
      expect(bodyOf(await afterGrace)).toEqual({ version: 2 });
    } finally {
      release();
      await replica.close();
    }
  });

  it('prefers the newest generation over memory', async () => {
    const { keyspace, replicas } = await startReplicas();
    const [first, second] = replicas;
    let version = 1;
    const origin = createScriptedOrigin('search');
    origin.reply(() => jsonResponse({ version }));
    const { wait: held, open: release } = openLater();
    try {
      // The first replica keeps version 1 in memory under the first generation.
      await first.cache.serve(search(), origin.target);
      await first.cache.whenIdle();
      // After a write, only the second replica serves the key, and refreshes it to version 2.
      version = 2;
      await publishEvents(redis, keyspace, changed(2));
      await second.cache.serve(search(), origin.target);
      await second.cache.whenIdle();
      // After the next write, the first replica misses; its refresh waits.
      version = 3;
      origin.reply(async () => {
        await held;
        return jsonResponse({ version });
      });
      await publishEvents(redis, keyspace, changed(3));

      const standIn = await first.cache.serve(search(), origin.target);
      release();

      expect(standIn.headers['cache-status']).toContain('detail=catalog-changed');
      expect(bodyOf(standIn)).toEqual({ version: 2 });
    } finally {
      release();
      await Promise.all(replicas.map((replica) => replica.close()));
    }
  });

  it('shows a write in batch lookups despite another event', async () => {
    const { keyspace, replica } = await startReplica();
    const otherId = '7f0c2a4e-3333-4d2b-9a47-0e5a9d1c0b03';
    let version = 1;
    const { wait: committed, open: commit } = openLater();
    const catalog = createScriptedOrigin('catalog');
    catalog.reply(async () => {
      if (catalog.requests.at(-1)?.method !== 'PUT') return jsonResponse({ version });
      await committed;
      version = 2;
      // This write's event is not published before the response (its publishing timed out).
      return jsonResponse({ version });
    });
    try {
      await replica.cache.serve(batch(), catalog.target);
      await replica.cache.whenIdle();
      const write = replica.cache.serve(
        cacheRequest(`/api/v1/admin/scholarships/${SCHOLARSHIP_ID}`, {
          method: 'PUT',
          body: { name: 'changed' },
        }),
        catalog.target,
      );
      // Another scholarship's write moves the generation while this one is in flight.
      await publishEvents(redis, keyspace, [
        { type: 'scholarship.changed', scholarshipId: otherId, version: 5 },
      ]);
      await replica.cache.serve(batch(), catalog.target);
      commit();
      expect((await write).status).toBe(200);

      const after = await replica.cache.serve(batch(), catalog.target);
      expect(after.headers['x-cache']).toBe('MISS');
      expect(bodyOf(after)).toEqual({ version: 2 });
    } finally {
      commit();
      await replica.close();
    }
  });

  it('limits concurrent stand-in refreshes', async () => {
    const { keyspace, replica } = await startReplica({ catalogWriteRefreshConcurrency: 1 });
    const origin = createScriptedOrigin('search');
    const queries = ['q=law', 'q=art', 'q=music'];
    const request = (query: string) => cacheRequest('/api/v1/search', { query });
    try {
      for (const query of queries) await replica.cache.serve(request(query), origin.target);
      await replica.cache.whenIdle();
      const { wait: held, open: release } = openLater();
      origin.reply(async () => {
        await held;
        return jsonResponse({ refreshed: true });
      });

      await publishEvents(redis, keyspace, changed(2));
      const during = [];
      for (const query of queries)
        during.push(await replica.cache.serve(request(query), origin.target));

      expect(during.map((response) => response.headers['x-cache'])).toEqual([
        'STALE',
        'STALE',
        'STALE',
      ]);
      expect(origin.requests).toHaveLength(queries.length + 1);
      release();
      await replica.cache.whenIdle();
      const next = await replica.cache.serve(request('q=art'), origin.target);
      expect(next.headers['x-cache']).toBe('STALE');
      await replica.cache.whenIdle();
      expect(origin.requests).toHaveLength(queries.length + 2);
    } finally {
      await replica.close();
    }
  });

  it('misses once the grace ends', async () => {
    const clock = createTestClock(Date.now());
    const { keyspace, replica } = await startReplica({
      clock: clock.now,
      catalogWriteGraceMs: 1000,
    });
    let version = 1;
    const origin = createScriptedOrigin('search');
    origin.reply(() => jsonResponse({ version }));
    try {
      await replica.cache.serve(search(), origin.target);
      await replica.cache.whenIdle();

      version = 2;
      await publishEvents(redis, keyspace, changed(version));
      await replica.cache.serve(cacheRequest('/api/v1/search', { query: 'q=art' }), origin.target);
      clock.advance(1000);
      const after = await replica.cache.serve(search(), origin.target);

      expect(after.headers['x-cache']).toBe('MISS');
      expect(bodyOf(after)).toEqual({ version: 2 });
    } finally {
      await replica.close();
    }
  });
});
