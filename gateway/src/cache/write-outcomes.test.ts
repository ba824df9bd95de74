import { DeadlineExceededError } from '../network-failure';
import { type CacheFixture, cacheRequest, createCacheFixture } from './testing/cache-fixture';
import type { OriginReply } from './testing/scripted-origin';
import { createScriptedOrigin, jsonResponse, type ScriptedOrigin } from './testing/scripted-origin';
import { createTestClock } from './testing/test-clock';

const SCHOLARSHIP_ID = '7f0c2a4e-1111-4d2b-9a47-0e5a9d1c0b01';
const SCHOLARSHIP_PATH = `/api/v1/scholarships/${SCHOLARSHIP_ID}`;
const ADMIN_PATH = `/api/v1/admin/scholarships/${SCHOLARSHIP_ID}`;
const LISTING_QUERY = 'q=law';
const ALICE = { userId: 'alice', roles: [] };

/** Builds a Node.js system error such as a socket raises. */
function systemError(code: string): Error {
  return Object.assign(new Error(`socket failed with ${code}`), { code });
}

function timedOut(): Error {
  return new DeadlineExceededError('origin response', 5000);
}

describe('cache after a write with an unknown outcome', () => {
  let fixture: CacheFixture;
  let origin: ScriptedOrigin;
  let clock: ReturnType<typeof createTestClock>;

  beforeEach(() => {
    // Without Redis, as in a local run, so only writes through this process invalidate.
    clock = createTestClock();
    fixture = createCacheFixture({ clock: clock.now });
    origin = createScriptedOrigin('catalog');
  });

  afterEach(() => fixture.close());

  const serve = (path: string, options: Parameters<typeof cacheRequest>[1] = {}) =>
    fixture.cache.serve(cacheRequest(path, options), origin.target);

  /**
   * Stores the scholarship's record and a listing, sends an admin PATCH that gets `reply`, and
   * reads both again while the origin has a newer version.
   */
  async function patchBetweenReads(reply: OriginReply) {
    origin.reply(jsonResponse({ version: 1 }));
    await serve(SCHOLARSHIP_PATH);
    await serve('/api/v1/search', { query: LISTING_QUERY });
    origin.reply(reply);
    const write = await serve(ADMIN_PATH, {
      method: 'PATCH',
      body: { name: 'Renamed' },
      headers: { 'if-match': `W/"${SCHOLARSHIP_ID}-1"` },
    });
    origin.reply(jsonResponse({ version: 2 }));
    const lookup = await serve(SCHOLARSHIP_PATH);
    const listing = await serve('/api/v1/search', { query: LISTING_QUERY });
    return { write, lookup, listing };
  }

  it.each([412, 500, 502, 503, 504])('drops the record after a %i response', async (status) => {
    const reply = jsonResponse({ code: 'FAILED' }, status, { etag: `W/"${SCHOLARSHIP_ID}-2"` });

    const { write, lookup, listing } = await patchBetweenReads(reply);

    expect(write.status).toBe(status);
    expect(lookup.headers['x-cache']).toBe('MISS');
    expect(JSON.parse(lookup.body.toString('utf8'))).toEqual({ version: 2 });
    expect(listing.headers['x-cache']).toBe('HIT');
  });

  it.each([
    ['a timeout', timedOut(), 504],
    ['a reset connection', systemError('ECONNRESET'), 502],
  ])('drops the record after %s', async (_name, error, status) => {
    const { write, lookup, listing } = await patchBetweenReads(error);

    expect(write.status).toBe(status);
    expect(lookup.headers['x-cache']).toBe('MISS');
    expect(listing.headers['x-cache']).toBe('HIT');
  });

  it('keeps entries when the connection was refused', async () => {
    const { write, lookup, listing } = await patchBetweenReads(systemError('ECONNREFUSED'));

    expect(write.status).toBe(503);
    expect(lookup.headers['x-cache']).toBe('HIT');
    expect(listing.headers['x-cache']).toBe('HIT');
  });

  it.each([400, 401, 403, 404, 405, 409, 413, 415, 422, 428, 429])(
    'keeps entries after a %i response',
    async (status) => {
      const reply = jsonResponse({ code: 'REJECTED' }, status);

      const { write, lookup, listing } = await patchBetweenReads(reply);

      expect(write.status).toBe(status);
      expect(lookup.headers['x-cache']).toBe('HIT');
      expect(listing.headers['x-cache']).toBe('HIT');
    },
  );

  it('keeps listings after a creation timed out', async () => {
    await serve('/api/v1/search', { query: LISTING_QUERY });
    origin.reply(timedOut());
    await serve('/api/v1/admin/scholarships', { method: 'POST', body: { name: 'New' } });
    origin.reply(jsonResponse({ items: [] }));

    const listing = await serve('/api/v1/search', { query: LISTING_QUERY });

    expect(listing.headers['x-cache']).toBe('HIT');
  });

  it('keeps stale listings through a write that fails during an outage', async () => {
    origin.reply(jsonResponse({ version: 1 }));
    await serve(SCHOLARSHIP_PATH);
    await serve('/api/v1/search', { query: LISTING_QUERY });
    clock.advance(31 * 60_000);
    const outage = jsonResponse({ code: 'DATABASE_UNAVAILABLE' }, 503);
    origin.reply(outage);
    expect((await serve(SCHOLARSHIP_PATH)).headers['x-cache']).toBe('STALE');

    origin.reply(outage);
    await serve(ADMIN_PATH, {
      method: 'PATCH',
      body: { name: 'Renamed' },
      headers: { 'if-match': '*' },
    });
    origin.reply(outage);
    const lookup = await serve(SCHOLARSHIP_PATH);
    origin.reply(outage);
    const listing = await serve('/api/v1/search', { query: LISTING_QUERY });

    // The write may have committed before the database connection was lost.
    expect(lookup.status).toBe(503);
    expect(listing.headers['x-cache']).toBe('STALE');
  });

  it('moves a user past their entries after a profile write timed out', async () => {
    await serve('/api/v1/me/profile', { identity: ALICE });
    origin.reply(timedOut());
    await serve('/api/v1/me/profile', { method: 'PUT', identity: ALICE, body: { gpa: 3 } });
    origin.reply(jsonResponse({ gpa: 3 }));

    const profile = await serve('/api/v1/me/profile', { identity: ALICE });

    expect(profile.headers['x-cache']).toBe('MISS');
  });
});
