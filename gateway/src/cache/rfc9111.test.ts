import type { CacheResponse } from './response/cache-response';
import { type CacheFixture, cacheRequest, createCacheFixture } from './testing/cache-fixture';
import { createScriptedOrigin, jsonResponse, type ScriptedOrigin } from './testing/scripted-origin';
import { createTestClock, type TestClock } from './testing/test-clock';

const PATH = '/api/v1/extra/items';
const httpDate = (milliseconds: number) => new Date(milliseconds).toUTCString();

describe('routes without a policy (RFC 9111)', () => {
  let clock: TestClock;
  let fixture: CacheFixture;
  let origin: ScriptedOrigin;

  beforeEach(() => {
    clock = createTestClock();
    fixture = createCacheFixture({ clock: clock.now });
    origin = createScriptedOrigin('extra');
  });

  afterEach(() => fixture.close());

  const get = (headers: Record<string, string> = {}, query = '') =>
    fixture.cache.serve(cacheRequest(PATH, { headers, query }), origin.target);

  const replyWith = (headers: Record<string, string>, status = 200) => {
    origin.reply(() =>
      jsonResponse({ count: origin.requests.length }, status, {
        date: httpDate(clock.now()),
        ...headers,
      }),
    );
  };

  const xCache = (response: CacheResponse) => response.headers['x-cache'];

  describe('freshness', () => {
    it('stores for max-age', async () => {
      replyWith({ 'cache-control': 'max-age=60' });
      await get();
      clock.advance(59_000);
      const fresh = await get();
      clock.advance(2000);
      const expired = await get();

      expect(xCache(fresh)).toBe('HIT');
      expect(xCache(expired)).toBe('MISS');
      expect(origin.requests).toHaveLength(2);
    });

    it('prefers s-maxage (§5.2.2.10)', async () => {
      replyWith({ 'cache-control': 'max-age=600, s-maxage=10' });
      await get();
      clock.advance(11_000);
      expect(xCache(await get())).toBe('MISS');
    });

    it('uses Expires minus Date (§4.2.1)', async () => {
      replyWith({ expires: httpDate(clock.now() + 30_000) });
      await get();
      clock.advance(29_000);
      expect(xCache(await get())).toBe('HIT');
      clock.advance(2000);
      expect(xCache(await get())).toBe('MISS');
    });

    it('stores nothing without explicit freshness (§4.2.2)', async () => {
      replyWith({ 'last-modified': httpDate(clock.now() - 86_400_000) });
      const first = await get();
      expect(first.headers['cache-status']).toContain('detail=no-freshness');
      expect(xCache(await get())).toBe('MISS');
    });

    it('replays the stored Date with the real Age', async () => {
      replyWith({ 'cache-control': 'max-age=60' });
      const stored = await get();
      clock.advance(20_000);
      const hit = await get();

      expect(xCache(hit)).toBe('HIT');
      expect(hit.headers.age).toBe('20');
      expect(hit.headers.date).toBe(stored.headers.date);
    });

    it('counts the origin Age (§4.2.3)', async () => {
      replyWith({ 'cache-control': 'max-age=100', age: '90' });
      await get();
      clock.advance(5000);
      const hit = await get();
      clock.advance(6000);

      expect(hit.headers.age).toBe('95');
      expect(xCache(await get())).toBe('MISS');
    });
  });

  describe('Vary (§4.1)', () => {
    it('keys on the nominated headers', async () => {
      replyWith({ 'cache-control': 'max-age=60', vary: 'Accept-Language' });
      await get({ 'accept-language': 'en' });
      const same = await get({ 'accept-language': 'en', 'x-other': '1' });
      const other = await get({ 'accept-language': 'fr' });

      expect(xCache(same)).toBe('HIT');
      expect(xCache(other)).toBe('MISS');
      expect(other.headers['cache-status']).toContain('fwd=vary-miss');
    });

    it('never stores Vary: *', async () => {
      replyWith({ 'cache-control': 'max-age=60', vary: '*' });
      await get();
      expect(xCache(await get())).toBe('MISS');
    });
  });

  describe('validation', () => {
    it('revalidates a stale entry with 304 (§4.3)', async () => {
      replyWith({ 'cache-control': 'max-age=10', etag: '"v1"' });
      const first = await get();
      clock.advance(11_000);
      origin.reply({
        status: 304,
        headers: { etag: '"v1"', 'cache-control': 'max-age=20' },
        body: Buffer.alloc(0),
      });

      const revalidated = await get();
      clock.advance(15_000);
      const hit = await get();

      expect(origin.requests[1]?.headers['if-none-match']).toBe('"v1"');
      expect(revalidated.status).toBe(200);
      expect(revalidated.body.equals(first.body)).toBe(true);
      expect(xCache(revalidated)).toBe('HIT');
      expect(revalidated.headers['cache-status']).toBe(
        'scholarships-gateway; fwd=stale; fwd-status=304; ttl=20; stored',
      );
      expect(xCache(hit)).toBe('HIT');
    });

    it('validates no-cache responses each time (§5.2.2.4)', async () => {
      replyWith({ 'cache-control': 'max-age=60, no-cache', etag: '"v1"' });
      await get();
      origin.reply({ status: 304, headers: { etag: '"v1"' }, body: Buffer.alloc(0) });
      const second = await get();

      expect(origin.requests).toHaveLength(2);
      expect(origin.requests[1]?.headers['if-none-match']).toBe('"v1"');
      expect(xCache(second)).toBe('HIT');
    });

    it('validates when the client sends no-cache (§5.2.1.4)', async () => {
      replyWith({ 'cache-control': 'max-age=60', etag: '"v1"' });
      await get();
      const forced = await get({ 'cache-control': 'no-cache' });

      expect(origin.requests).toHaveLength(2);
      expect(forced.headers['cache-status']).toContain('fwd=request');
    });

    it('does not forward client validators on a fill', async () => {
      replyWith({ 'cache-control': 'max-age=60', etag: '"v1"' });
      const response = await get({ 'if-none-match': '"v1"' });

      expect(origin.requests[0]?.headers['if-none-match']).toBeUndefined();
      expect(response.status).toBe(304);
    });
  });

  describe('stale responses (§4.2.4)', () => {
    it('serves stale-if-error when the origin allows it', async () => {
      replyWith({ 'cache-control': 'max-age=10, stale-if-error=60' });
      await get();
      clock.advance(30_000);
      origin.reply(jsonResponse({}, 503));
      expect(xCache(await get())).toBe('STALE');
    });

    it('serves no stale without permission', async () => {
      replyWith({ 'cache-control': 'max-age=10' });
      await get();
      clock.advance(30_000);
      origin.reply(jsonResponse({}, 503));
      expect((await get()).status).toBe(503);
    });

    it('serves no stale under must-revalidate', async () => {
      replyWith({ 'cache-control': 'max-age=10, must-revalidate, stale-if-error=60' });
      await get();
      clock.advance(30_000);
      origin.reply(jsonResponse({}, 503));
      expect((await get()).status).toBe(503);
    });

    it('serves stale-while-revalidate when allowed', async () => {
      replyWith({ 'cache-control': 'max-age=10, stale-while-revalidate=30' });
      await get();
      clock.advance(20_000);
      const stale = await get();
      await fixture.cache.whenIdle();

      expect(xCache(stale)).toBe('STALE');
      expect(origin.requests).toHaveLength(2);
      expect(xCache(await get())).toBe('HIT');
    });
  });

  describe('unsafe methods (§4.4)', () => {
    it('invalidates the target URI after success', async () => {
      replyWith({ 'cache-control': 'max-age=60' });
      await get();
      origin.reply(jsonResponse({}, 201));
      const post = await fixture.cache.serve(
        cacheRequest(PATH, { method: 'POST', body: {} }),
        origin.target,
      );
      replyWith({ 'cache-control': 'max-age=60' });

      expect(post.headers['x-cache']).toBe('BYPASS');
      expect(xCache(await get())).toBe('MISS');
    });

    it('keeps the entry after a client error', async () => {
      replyWith({ 'cache-control': 'max-age=60' });
      await get();
      // A 5xx invalidates too, because the service may have written before it failed.
      origin.reply(jsonResponse({}, 400));
      await fixture.cache.serve(cacheRequest(PATH, { method: 'DELETE' }), origin.target);

      expect(xCache(await get())).toBe('HIT');
    });

    it('leaves other URIs alone', async () => {
      replyWith({ 'cache-control': 'max-age=60' });
      await get({}, 'page=2');
      origin.reply(jsonResponse({}, 204));
      await fixture.cache.serve(cacheRequest(PATH, { method: 'PUT', body: {} }), origin.target);

      expect(xCache(await get({}, 'page=2'))).toBe('HIT');
    });
  });

  describe('what is not cached', () => {
    it('bypasses requests with Authorization (§3.5)', async () => {
      replyWith({ 'cache-control': 'public, max-age=60' });
      const response = await get({ authorization: 'Bearer x' });
      expect(xCache(response)).toBe('BYPASS');
      expect(xCache(await get())).toBe('MISS');
    });

    it('bypasses Range requests', async () => {
      replyWith({ 'cache-control': 'max-age=60' });
      expect(xCache(await get({ range: 'bytes=0-1' }))).toBe('BYPASS');
    });

    it('stores nothing for a no-store request (§5.2.1.5)', async () => {
      replyWith({ 'cache-control': 'max-age=60' });
      await get({ 'cache-control': 'no-store' });
      expect(xCache(await get())).toBe('MISS');
    });
  });
});
