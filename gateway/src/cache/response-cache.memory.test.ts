import { DeadlineExceededError } from '../network-failure';
import type { CacheResponse } from './response/cache-response';
import { hitResponse } from './serve/fresh-hit';
import {
  type CacheFixture,
  cacheRequest,
  createCacheFixture,
  metricValue,
} from './testing/cache-fixture';
import { createScriptedOrigin, jsonResponse, type ScriptedOrigin } from './testing/scripted-origin';
import { createTestClock, type TestClock } from './testing/test-clock';

const MINUTE = 60_000;
const SCHOLARSHIP_ID = '7f0c2a4e-1111-4d2b-9a47-0e5a9d1c0b01';
const SCHOLARSHIP_PATH = `/api/v1/scholarships/${SCHOLARSHIP_ID}`;
const ALICE = { userId: 'alice', roles: [] };
const BOB = { userId: 'bob', roles: [] };

function bodyOf(response: CacheResponse): unknown {
  return JSON.parse(response.body.toString('utf8'));
}

describe('response cache in memory', () => {
  let clock: TestClock;
  let fixture: CacheFixture;
  let origin: ScriptedOrigin;

  beforeEach(() => {
    clock = createTestClock();
    fixture = createCacheFixture({ clock: clock.now });
    origin = createScriptedOrigin('search');
  });

  afterEach(() => fixture.close());

  const serve = (path: string, options: Parameters<typeof cacheRequest>[1] = {}) =>
    fixture.cache.serve(cacheRequest(path, options), origin.target);

  describe('hits and misses', () => {
    it('misses, then hits memory', async () => {
      const first = await serve('/api/v1/search', { query: 'q=law' });
      const second = await serve('/api/v1/search', { query: 'q=law' });

      expect(first.headers['x-cache']).toBe('MISS');
      expect(first.headers['cache-status']).toBe(
        'scholarships-gateway; fwd=uri-miss; fwd-status=200; ttl=1800; stored',
      );
      expect(second.headers['x-cache']).toBe('HIT');
      expect(second.headers['cache-status']).toBe(
        'scholarships-gateway; hit; ttl=1800; detail=memory',
      );
      expect(second.body.equals(first.body)).toBe(true);
      expect(origin.requests).toHaveLength(1);
    });

    it('reports Age 0 and remaining ttl for a policy hit', async () => {
      await serve('/api/v1/search', { query: 'q=law' });
      clock.advance(90_000);

      const hit = await serve('/api/v1/search', { query: 'q=law' });

      // Events keep the entry current, so caches after the gateway count the origin's max-age
      // from now rather than from when the gateway stored it.
      expect(hit.headers.age).toBe('0');
      expect(hit.headers['cache-status']).toContain('ttl=1710');
    });

    /** Stores a search response whose origin sent the clock's time as `Date`, which it returns. */
    async function storeDated(): Promise<string> {
      const storedDate = new Date(clock.now()).toUTCString();
      origin.reply(jsonResponse({ count: 1 }, 200, { date: storedDate }));
      await serve('/api/v1/search', { query: 'q=law' });
      return storedDate;
    }

    it('sends the answer time as Date on a policy hit', async () => {
      await storeDated();
      clock.advance(11_000);

      const hit = await serve('/api/v1/search', { query: 'q=law' });

      // A cache after the gateway takes the larger of Age and its own time minus Date as the age.
      expect(hit.headers.age).toBe('0');
      expect(hit.headers.date).toBe(new Date(clock.now()).toUTCString());
    });

    it('keeps the stored Date on a stale policy answer', async () => {
      const storedDate = await storeDated();
      clock.advance(1_810_000);

      const stale = await serve('/api/v1/search', { query: 'q=law' });

      expect(stale.headers['x-cache']).toBe('STALE');
      expect(stale.headers.date).toBe(storedDate);
    });

    it('reports the real Age of a stale policy entry', async () => {
      await serve('/api/v1/search', { query: 'q=law' });
      clock.advance(1_810_000);

      const stale = await serve('/api/v1/search', { query: 'q=law' });

      expect(stale.headers['x-cache']).toBe('STALE');
      expect(stale.headers.age).toBe('1810');
    });

    it('adds a strong ETag and answers 304', async () => {
      const first = await serve('/api/v1/search', { query: 'q=law' });
      const etag = String(first.headers.etag);

      const revalidated = await serve('/api/v1/search', {
        query: 'q=law',
        headers: { 'if-none-match': `W/${etag}` },
      });

      expect(etag).toMatch(/^"[\w-]{22}"$/);
      expect(revalidated.status).toBe(304);
      expect(revalidated.body).toHaveLength(0);
      expect(revalidated.headers.etag).toBe(etag);
      expect(revalidated.headers['x-cache']).toBe('HIT');
    });

    it('keeps the origin ETag', async () => {
      origin.reply(jsonResponse({ id: SCHOLARSHIP_ID }, 200, { etag: 'W/"x-3"' }));
      const first = await serve(SCHOLARSHIP_PATH);
      expect(first.headers.etag).toBe('W/"x-3"');
    });

    it('answers HEAD from a GET entry', async () => {
      const get = await serve('/api/v1/search', { query: 'q=law' });
      const head = await serve('/api/v1/search', { method: 'HEAD', query: 'q=law' });

      expect(head.headers['x-cache']).toBe('HIT');
      expect(head.body).toHaveLength(0);
      expect(head.headers['content-length']).toBe(String(get.body.length));
      expect(origin.requests).toHaveLength(1);
    });

    it('sends the GET length on a HEAD miss', async () => {
      const head = await serve('/api/v1/search', { method: 'HEAD', query: 'q=law' });
      const get = await serve('/api/v1/search', { query: 'q=law' });

      expect(head.headers['x-cache']).toBe('MISS');
      expect(head.body).toHaveLength(0);
      expect(head.headers['content-length']).toBe(String(get.body.length));
    });

    it('shares one entry across equal queries', async () => {
      await serve('/api/v1/search', { query: 'state=tx,ca&q=law' });
      const hit = await serve('/api/v1/search', { query: 'q=%20law&state=CA&state=TX&limit=20' });

      expect(hit.headers['x-cache']).toBe('HIT');
      expect(origin.requests).toHaveLength(1);
    });

    it('forwards the query as received', async () => {
      await serve('/api/v1/search', { query: 'state=tx,ca&q=law' });
      expect(origin.requests[0]?.query).toBe('state=tx,ca&q=law');
    });

    it('bypasses unknown parameters', async () => {
      origin.reply(jsonResponse({ code: 'VALIDATION_FAILED' }, 400));

      const response = await serve('/api/v1/search', { query: 'q=law&utm_source=mail' });

      expect(response.status).toBe(400);
      expect(response.headers['x-cache']).toBe('BYPASS');
      expect(response.headers['cache-status']).toBe(
        'scholarships-gateway; fwd=bypass; fwd-status=400; detail=unknown-parameter',
      );
      expect(origin.requests[0]?.query).toBe('q=law&utm_source=mail');
    });

    it('ignores the query of scholarship lookups', async () => {
      await serve(SCHOLARSHIP_PATH, { query: 'cb=1' });
      const hit = await serve(
        SCHOLARSHIP_PATH.toUpperCase().replace('/API/V1/SCHOLARSHIPS', '/api/v1/scholarships'),
        { query: 'utm_source=x' },
      );

      expect(hit.headers['x-cache']).toBe('HIT');
      expect(origin.requests).toHaveLength(1);
    });

    it('stores no 404', async () => {
      origin.reply(jsonResponse({ code: 'NOT_FOUND', requestId: 'first' }, 404));
      await serve(SCHOLARSHIP_PATH);
      const second = await serve(SCHOLARSHIP_PATH);

      expect(second.headers['x-cache']).toBe('MISS');
      expect(second.headers['cache-status']).toContain('detail=status');
      expect(origin.requests).toHaveLength(2);
    });

    it('counts requests by tier and result', async () => {
      await serve('/api/v1/search', { query: 'q=law' });
      await serve('/api/v1/search', { query: 'q=law' });
      const labels = { route: '/api/v1/search', tier: 'memory', result: 'hit' };
      expect(await metricValue(fixture.registry, 'gateway_cache_requests_total', labels)).toBe(1);
      const miss = { route: '/api/v1/search', tier: 'none', result: 'miss' };
      expect(await metricValue(fixture.registry, 'gateway_cache_requests_total', miss)).toBe(1);
    });
  });

  describe('coalescing', () => {
    it('makes one origin request for 200 concurrent misses', async () => {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      origin.reply(async () => {
        await gate;
        return jsonResponse({ items: [] });
      });

      const pending = Array.from({ length: 200 }, () =>
        serve('/api/v1/search', { query: 'q=law' }),
      );
      await new Promise((resolve) => setImmediate(resolve));
      release();
      const responses = await Promise.all(pending);

      expect(origin.requests).toHaveLength(1);
      for (const response of responses) expect(response.status).toBe(200);
      expect(
        responses.filter((response) => response.headers['cache-status']?.includes('collapsed')),
      ).toHaveLength(199);
      expect(
        await metricValue(fixture.registry, 'gateway_cache_coalesced_total', {
          route: '/api/v1/search',
        }),
      ).toBe(199);
    });

    it('does not share responses with Set-Cookie', async () => {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      origin.reply(async () => {
        await gate;
        return jsonResponse({}, 200, { 'set-cookie': ['session=abc'] });
      });

      const pending = Array.from({ length: 3 }, () => serve('/api/v1/search', { query: 'q=law' }));
      await new Promise((resolve) => setImmediate(resolve));
      release();
      const responses = await Promise.all(pending);

      expect(origin.requests).toHaveLength(3);
      for (const response of responses) expect(response.headers['x-cache']).toBe('MISS');
    });
  });

  describe('stale while revalidate', () => {
    it('serves stale and refreshes once in the background', async () => {
      await serve('/api/v1/search', { query: 'q=law' });
      clock.advance(30 * MINUTE + 1000);
      origin.reply(jsonResponse({ refreshed: true }));

      const stale = await Promise.all(
        [1, 2, 3].map(() => serve('/api/v1/search', { query: 'q=law' })),
      );
      await fixture.cache.whenIdle();
      const fresh = await serve('/api/v1/search', { query: 'q=law' });

      for (const response of stale) {
        expect(response.headers['x-cache']).toBe('STALE');
        expect(response.headers['cache-status']).toBe(
          'scholarships-gateway; hit; ttl=-1; detail=stale-while-revalidate',
        );
        expect(bodyOf(response)).toMatchObject({ count: 1 });
      }
      expect(origin.requests).toHaveLength(2);
      expect(fresh.headers['x-cache']).toBe('HIT');
      expect(bodyOf(fresh)).toEqual({ refreshed: true });
      const labels = { route: '/api/v1/search', reason: 'revalidate' };
      expect(await metricValue(fixture.registry, 'gateway_cache_stale_served_total', labels)).toBe(
        3,
      );
    });

    it('counts a failed refresh and keeps the entry', async () => {
      await serve('/api/v1/search', { query: 'q=law' });
      clock.advance(30 * MINUTE + 1000);
      origin.reply(new Error('connect ECONNREFUSED'));

      const stale = await serve('/api/v1/search', { query: 'q=law' });
      await fixture.cache.whenIdle();
      const again = await serve('/api/v1/search', { query: 'q=law' });
      await fixture.cache.whenIdle();

      expect(stale.headers['x-cache']).toBe('STALE');
      expect(again.headers['x-cache']).toBe('STALE');
      const labels = { route: '/api/v1/search' };
      expect(
        await metricValue(fixture.registry, 'gateway_cache_refresh_failures_total', labels),
      ).toBe(2);
    });

    it('revalidates with the origin ETag', async () => {
      origin.reply(jsonResponse({ id: SCHOLARSHIP_ID }, 200, { etag: 'W/"x-3"' }));
      await serve(SCHOLARSHIP_PATH);
      clock.advance(30 * MINUTE + 1000);
      origin.reply({ status: 304, headers: { etag: 'W/"x-3"' }, body: Buffer.alloc(0) });

      await serve(SCHOLARSHIP_PATH);
      await fixture.cache.whenIdle();
      const hit = await serve(SCHOLARSHIP_PATH);

      expect(origin.requests[1]?.headers['if-none-match']).toBe('W/"x-3"');
      expect(hit.headers['x-cache']).toBe('HIT');
      expect(hit.headers['cache-status']).toContain('ttl=1800');
      expect(bodyOf(hit)).toEqual({ id: SCHOLARSHIP_ID });
    });
  });

  describe('stale if error', () => {
    beforeEach(async () => {
      await serve('/api/v1/search', { query: 'q=law' });
      clock.advance(40 * MINUTE);
    });

    it('serves stale when the origin answers 5xx', async () => {
      origin.reply(jsonResponse({ code: 'DATABASE_UNAVAILABLE' }, 503));

      const response = await serve('/api/v1/search', { query: 'q=law' });

      expect(response.status).toBe(200);
      expect(response.headers['x-cache']).toBe('STALE');
      expect(response.headers['cache-status']).toBe(
        'scholarships-gateway; fwd=stale; fwd-status=503; ttl=-600; detail=stale-if-error',
      );
      const labels = { route: '/api/v1/search', reason: 'error' };
      expect(await metricValue(fixture.registry, 'gateway_cache_stale_served_total', labels)).toBe(
        1,
      );
    });

    it('serves stale on a network error', async () => {
      origin.reply(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
      const response = await serve('/api/v1/search', { query: 'q=law' });
      expect(response.headers['x-cache']).toBe('STALE');
    });

    it('passes the 5xx on past the hard limit', async () => {
      clock.advance(6 * 60 * MINUTE);
      origin.reply(jsonResponse({ code: 'DATABASE_UNAVAILABLE' }, 503));

      const response = await serve('/api/v1/search', { query: 'q=law' });

      expect(response.status).toBe(503);
      expect(response.headers['x-cache']).toBe('MISS');
    });

    it('serves stale while the breaker is open', async () => {
      origin.reply(jsonResponse({}, 500));
      for (let index = 0; index < 3; index += 1)
        await serve('/api/v1/search', { query: `q=other${index}` });
      const response = await serve('/api/v1/search', { query: 'q=law' });

      expect(fixture.breakers.state('search')).toBe('open');
      expect(response.headers['x-cache']).toBe('STALE');
      expect(response.headers['cache-status']).toBe(
        'scholarships-gateway; hit; ttl=-600; detail=circuit-open',
      );
      const labels = { route: '/api/v1/search', reason: 'breaker' };
      expect(await metricValue(fixture.registry, 'gateway_cache_stale_served_total', labels)).toBe(
        1,
      );
    });
  });

  describe('origin failures without an entry', () => {
    it('answers 503 with Retry-After while the breaker is open', async () => {
      origin.reply(jsonResponse({}, 500));
      for (let index = 0; index < 3; index += 1)
        await serve('/api/v1/search', { query: `q=other${index}` });
      const before = origin.requests.length;

      const response = await serve('/api/v1/search', { query: 'q=cold' });

      expect(origin.requests).toHaveLength(before);
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(response.headers['content-type']).toBe('application/problem+json');
      expect(bodyOf(response)).toMatchObject({
        code: 'UPSTREAM_CIRCUIT_OPEN',
        requestId: 'test-request',
      });
    });

    it('answers 503 when the service refuses connections', async () => {
      origin.reply(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
      const response = await serve('/api/v1/search', { query: 'q=cold' });
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(bodyOf(response)).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    });

    it('answers 504 on a timeout', async () => {
      origin.reply(new DeadlineExceededError('origin response', 250));
      const response = await serve('/api/v1/search', { query: 'q=cold' });
      expect(response.status).toBe(504);
      expect(bodyOf(response)).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    });
  });

  describe('what is stored', () => {
    it.each([
      ['Set-Cookie', { 'set-cookie': ['session=abc'] }, 'set-cookie'],
      ['private', { 'cache-control': 'private' }, 'private'],
      ['no-store', { 'cache-control': 'no-store' }, 'no-store'],
      ['Vary: *', { vary: '*' }, 'vary-any'],
      ['gzip', { 'content-encoding': 'gzip' }, 'content-encoding'],
    ])('never stores a response with %s', async (_name, headers, detail) => {
      origin.reply(jsonResponse({ secret: true }, 200, headers));

      const first = await serve('/api/v1/search', { query: 'q=law' });
      const second = await serve('/api/v1/search', { query: 'q=law' });

      expect(first.headers['cache-status']).toContain(`detail=${detail}`);
      expect(second.headers['x-cache']).toBe('MISS');
      expect(origin.requests).toHaveLength(2);
    });

    it('answers 304 to a validator of an unstored response', async () => {
      origin.reply(jsonResponse({ version: 1 }, 200, { 'cache-control': 'no-store', etag: '"1"' }));

      const current = await serve('/api/v1/search', {
        query: 'q=law',
        headers: { 'if-none-match': 'W/"1"' },
      });
      const stale = await serve('/api/v1/search', {
        query: 'q=law',
        headers: { 'if-none-match': '"0"' },
      });

      expect(current.status).toBe(304);
      expect(current.body).toHaveLength(0);
      expect(current.headers.etag).toBe('"1"');
      expect(current.headers['cache-control']).toBe('no-store');
      expect(current.headers['x-cache']).toBe('MISS');
      expect(stale.status).toBe(200);
      expect(bodyOf(stale)).toEqual({ version: 1 });
    });

    it('passes a response that sets a cookie whole', async () => {
      origin.reply(jsonResponse({}, 200, { etag: '"1"', 'set-cookie': ['session=abc'] }));

      const response = await serve('/api/v1/search', {
        query: 'q=law',
        headers: { 'if-none-match': '"1"' },
      });

      expect(response.status).toBe(200);
      expect(response.headers['set-cookie']).toEqual(['session=abc']);
    });

    it('passes Set-Cookie to its own client', async () => {
      origin.reply(jsonResponse({}, 200, { 'set-cookie': ['session=abc'] }));
      const response = await serve('/api/v1/search', { query: 'q=law' });
      expect(response.headers['set-cookie']).toEqual(['session=abc']);
    });
  });

  describe('credentials', () => {
    it('fills shared entries without credentials', async () => {
      await serve('/api/v1/search', {
        query: 'q=law',
        identity: ALICE,
        headers: { authorization: 'Bearer token', cookie: 'a=b' },
      });

      const fill = origin.requests[0];
      expect(fill?.identity).toBeUndefined();
      expect(fill?.headers.authorization).toBeUndefined();
      expect(fill?.headers.cookie).toBeUndefined();
    });

    it('serves the shared entry to signed-in users', async () => {
      await serve('/api/v1/search', { query: 'q=law' });
      const hit = await serve('/api/v1/search', { query: 'q=law', identity: ALICE });
      expect(hit.headers['x-cache']).toBe('HIT');
    });

    it('forwards with credentials when the anonymous fill is refused', async () => {
      origin.reply(() => {
        const signedIn = origin.requests.at(-1)?.identity !== undefined;
        return jsonResponse({ signedIn }, signedIn ? 200 : 401);
      });

      const response = await serve('/api/v1/search', { query: 'q=law', identity: ALICE });

      expect(response.status).toBe(200);
      expect(response.headers['x-cache']).toBe('BYPASS');
      expect(origin.requests.at(-1)?.identity).toEqual(ALICE);
    });

    it('keeps per-user entries per user', async () => {
      origin.reply(() => jsonResponse({ user: origin.requests.at(-1)?.identity?.userId }));
      const alice = await serve('/api/v1/me/profile', { identity: ALICE });
      const bob = await serve('/api/v1/me/profile', { identity: BOB });
      const aliceAgain = await serve('/api/v1/me/profile', { identity: ALICE });

      expect(bodyOf(alice)).toEqual({ user: 'alice' });
      expect(bodyOf(bob)).toEqual({ user: 'bob' });
      expect(bob.headers['x-cache']).toBe('MISS');
      expect(aliceAgain.headers['x-cache']).toBe('HIT');
      expect(aliceAgain.headers['cache-control']).toBe('private');
      expect(bodyOf(aliceAgain)).toEqual({ user: 'alice' });
    });

    it('bypasses per-user routes for anonymous clients', async () => {
      await serve('/api/v1/me/profile', { identity: ALICE });
      const anonymous = await serve('/api/v1/me/profile');

      expect(anonymous.headers['x-cache']).toBe('BYPASS');
      expect(anonymous.headers['cache-status']).toContain('detail=anonymous');
      expect(origin.requests.at(-1)?.identity).toBeUndefined();
    });

    it('drops unkeyed headers from fills', async () => {
      await serve('/api/v1/search', {
        query: 'q=law',
        headers: { accept: 'text/html', 'accept-language': 'fr', 'x-debug': '1' },
      });
      expect(Object.keys(origin.requests[0]?.headers ?? {})).toEqual(['traceparent']);
    });

    it('continues the client trace in fills with a new span', async () => {
      const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
      await serve('/api/v1/search', { query: 'q=trace', headers: { traceparent: incoming } });
      const sent = origin.requests[0]?.headers.traceparent ?? '';
      expect(sent.startsWith('00-4bf92f3577b34da6a3ce929d0e0e4736-')).toBe(true);
      expect(sent).not.toBe(incoming);
    });
  });

  describe('POST computations', () => {
    const check = '/api/v1/eligibility/check';

    it('hits for an equal profile', async () => {
      await serve(check, { body: { gpa: 3.5, state: 'TX', gender: null } });
      const hit = await serve(check, { body: { state: 'TX', gpa: 3.5 } });

      expect(hit.headers['x-cache']).toBe('HIT');
      expect(origin.requests).toHaveLength(1);
      expect(origin.requests[0]?.headers['content-type']).toBe('application/json');
      expect(origin.requests[0]?.body?.toString()).toBe('{"gpa":3.5,"state":"TX","gender":null}');
    });

    it('misses for another page', async () => {
      await serve(check, { body: { gpa: 3.5 } });
      const other = await serve(check, { body: { gpa: 3.5 }, query: 'offset=50' });
      expect(other.headers['x-cache']).toBe('MISS');
    });

    it('bypasses a body that is not JSON', async () => {
      const response = await fixture.cache.serve(
        { ...cacheRequest(check, { body: {} }), headers: { 'content-type': 'text/plain' } },
        origin.target,
      );
      expect(response.headers['cache-status']).toContain('detail=body-media-type');
    });

    it('ends freshness at midnight UTC', async () => {
      clock.set(Date.UTC(2026, 2, 1, 23, 0, 0));
      const first = await serve(check, { body: { gpa: 3.5 } });
      clock.set(Date.UTC(2026, 2, 2, 0, 0, 1));
      const nextDay = await serve(check, { body: { gpa: 3.5 } });

      expect(first.headers['cache-status']).toContain('ttl=3600');
      expect(nextDay.headers['x-cache']).toBe('MISS');
    });
  });

  describe('writes through this gateway', () => {
    it('drops a scholarship after an admin update', async () => {
      await serve(SCHOLARSHIP_PATH);
      await serve('/api/v1/search', { query: 'q=law' });

      const write = await serve(`/api/v1/admin/scholarships/${SCHOLARSHIP_ID}`, {
        method: 'PUT',
        body: {},
      });
      const lookup = await serve(SCHOLARSHIP_PATH);
      const search = await serve('/api/v1/search', { query: 'q=law' });

      expect(write.headers['x-cache']).toBe('BYPASS');
      expect(write.headers['cache-status']).toContain('fwd=method');
      expect(lookup.headers['x-cache']).toBe('MISS');
      expect(search.headers['x-cache']).toBe('MISS');
    });

    it('keeps entries after a failed admin update', async () => {
      await serve(SCHOLARSHIP_PATH);
      origin.reply(jsonResponse({ code: 'VALIDATION_FAILED' }, 400));
      await serve(`/api/v1/admin/scholarships/${SCHOLARSHIP_ID}`, { method: 'PATCH', body: {} });
      origin.reply(jsonResponse({}));

      const lookup = await serve(SCHOLARSHIP_PATH);

      expect(lookup.headers['x-cache']).toBe('HIT');
    });

    it('keeps entries after an update that changed nothing', async () => {
      const tag = `W/"${SCHOLARSHIP_ID}-4"`;
      await serve(SCHOLARSHIP_PATH);
      await serve('/api/v1/search', { query: 'q=law' });
      origin.reply(jsonResponse({ version: 4 }, 200, { etag: tag }));
      await serve(`/api/v1/admin/scholarships/${SCHOLARSHIP_ID}`, {
        method: 'PATCH',
        body: {},
        headers: { 'if-match': tag },
      });
      origin.reply(jsonResponse({}));

      const lookup = await serve(SCHOLARSHIP_PATH);
      const search = await serve('/api/v1/search', { query: 'q=law' });

      expect(lookup.headers['x-cache']).toBe('HIT');
      expect(search.headers['x-cache']).toBe('HIT');
    });

    it('drops entries after an update that moved the version', async () => {
      await serve(SCHOLARSHIP_PATH);
      origin.reply(jsonResponse({ version: 5 }, 200, { etag: `W/"${SCHOLARSHIP_ID}-5"` }));
      await serve(`/api/v1/admin/scholarships/${SCHOLARSHIP_ID}`, {
        method: 'PATCH',
        body: {},
        headers: { 'if-match': `W/"${SCHOLARSHIP_ID}-4"` },
      });
      origin.reply(jsonResponse({}));

      const lookup = await serve(SCHOLARSHIP_PATH);

      expect(lookup.headers['x-cache']).toBe('MISS');
    });

    it('moves a user past their entries after a profile write', async () => {
      await serve('/api/v1/me/profile', { identity: ALICE });
      await serve('/api/v1/me/profile', { identity: BOB });

      await serve('/api/v1/me/profile', { method: 'PUT', identity: ALICE, body: { gpa: 3 } });
      const alice = await serve('/api/v1/me/profile', { identity: ALICE });
      const bob = await serve('/api/v1/me/profile', { identity: BOB });

      expect(alice.headers['x-cache']).toBe('MISS');
      expect(bob.headers['x-cache']).toBe('HIT');
    });
  });

  describe('late stores', () => {
    it('drops a fill that predates an invalidation', async () => {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      origin.reply(async () => {
        await gate;
        return jsonResponse({ version: 1 });
      });
      const pending = serve(SCHOLARSHIP_PATH);
      await new Promise((resolve) => setImmediate(resolve));

      await fixture.cache.invalidate({ scholarshipId: SCHOLARSHIP_ID });
      release();
      const old = await pending;
      origin.reply(jsonResponse({ version: 2 }));
      const next = await serve(SCHOLARSHIP_PATH);

      expect(old.headers['cache-status']).toContain('detail=invalidated');
      expect(next.headers['x-cache']).toBe('MISS');
      expect(bodyOf(next)).toEqual({ version: 2 });
    });
  });

  describe('memory bound', () => {
    it('evicts and counts past its size', async () => {
      const small = createCacheFixture({ clock: clock.now, memoryMaxBytes: 4096 });
      try {
        origin.reply(() => jsonResponse({ padding: 'x'.repeat(1000) }));
        for (let index = 0; index < 10; index += 1) {
          await small.cache.serve(
            cacheRequest('/api/v1/search', { query: `q=k${index}` }),
            origin.target,
          );
        }
        const first = await small.cache.serve(
          cacheRequest('/api/v1/search', { query: 'q=k0' }),
          origin.target,
        );

        expect(first.headers['x-cache']).toBe('MISS');
        const evicted = await metricValue(small.registry, 'gateway_cache_evictions_total', {
          tier: 'memory',
        });
        expect(evicted).toBeGreaterThanOrEqual(7);
      } finally {
        await small.close();
      }
    });
  });

  describe('run-time switch', () => {
    it('bypasses everything while off', async () => {
      await serve('/api/v1/search', { query: 'q=law' });
      fixture.cache.setEnabled(false);

      const off = await serve('/api/v1/search', { query: 'q=law' });
      fixture.cache.setEnabled(true);
      const on = await serve('/api/v1/search', { query: 'q=law' });

      expect(off.headers['x-cache']).toBe('BYPASS');
      expect(off.headers['cache-status']).toContain('detail=disabled');
      expect(on.headers['x-cache']).toBe('HIT');
      expect(origin.requests).toHaveLength(2);
    });
  });

  describe('lookup without an origin', () => {
    it('returns fresh hits only', async () => {
      const request = cacheRequest('/api/v1/search', { query: 'q=law' });
      expect(await fixture.cache.lookup(request)).toBeUndefined();
      await fixture.cache.serve(request, origin.target);

      const hit = await fixture.cache.lookup(request);
      expect(hit?.tier).toBe('memory');
      expect(hit === undefined ? undefined : hitResponse(hit, request).headers['x-cache']).toBe(
        'HIT',
      );
      clock.advance(31 * MINUTE);
      expect(await fixture.cache.lookup(request)).toBeUndefined();
    });
  });
});
