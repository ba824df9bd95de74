import type { ExchangeResult } from '../client';
import { parseMix } from '../options';
import { SyntheticWorkload } from './synthetic-workload';

const ID_A = '00000000-0000-4000-8000-00000000000a';
const ID_B = '00000000-0000-4000-8000-00000000000b';

function workload(mixText = 'search=50,lookup=25,check=15,analysis=7,write=3') {
  return new SyntheticWorkload({
    mix: parseMix(mixText, () => ''),
    vocabulary: ['nursing', 'engineering', 'teacher', 'veterans'],
    seed: 7,
    zipfExponent: 1.1,
    profileCount: 50,
    searchQueryCount: 100,
    adminToken: 'token',
  });
}

function respond(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): ExchangeResult {
  return { status, headers, body: JSON.stringify(body) };
}

describe('SyntheticWorkload', () => {
  it('falls back to searches until a search has returned ids', () => {
    const source = workload('lookup=1');
    expect(source.next().route).toBe('search');
  });

  it('looks up ids that searches returned', () => {
    const source = workload('lookup=1');
    const search = source.plan('search');
    search.onResponse?.(respond(200, { items: [{ id: ID_A }], nextCursor: null }));
    const lookup = source.next();
    expect(lookup.route).toBe('lookup');
    expect(lookup.request.path).toBe(`/api/v1/scholarships/${ID_A}`);
  });

  it('patches with If-Match from the ETag of an earlier lookup', () => {
    const source = workload('write=1');
    source.plan('search').onResponse?.(respond(200, { items: [{ id: ID_B }] }));
    const first = source.next();
    expect(first.route).toBe('lookup');
    first.onResponse?.(respond(200, {}, { etag: '"v3"' }));
    const write = source.next();
    expect(write.route).toBe('write');
    expect(write.request.method).toBe('PATCH');
    expect(write.request.path).toBe(`/api/v1/admin/scholarships/${ID_B}`);
    expect(write.request.headers?.['if-match']).toBe('"v3"');
    expect(write.request.headers?.authorization).toBe('Bearer token');
    expect(write.isExpected(412)).toBe(true);
    expect(write.cacheable).toBe(false);
  });

  it('sends new text with every write, so each one changes the row', () => {
    const source = workload('write=1');
    source.plan('search').onResponse?.(respond(200, { items: [{ id: ID_B }] }));
    source.plan('lookup').onResponse?.(respond(200, {}, { etag: '"v1"' }));
    const first = source.next();
    first.onResponse?.(respond(200, {}, { etag: '"v2"' }));
    const second = source.next();
    expect(second.request.body).not.toBe(first.request.body);
    expect(second.request.headers?.['if-match']).toBe('"v2"');
  });

  it('drops an ETag that a write found stale', () => {
    const source = workload('write=1');
    source.plan('search').onResponse?.(respond(200, { items: [{ id: ID_B }] }));
    source.plan('lookup').onResponse?.(respond(200, {}, { etag: '"v1"' }));
    source.next().onResponse?.(respond(412, {}));
    expect(source.next().route).toBe('lookup');
  });

  it('stops writing a record the catalog rejected', () => {
    const source = workload('write=1');
    source.plan('search').onResponse?.(respond(200, { items: [{ id: ID_B }] }));
    source.plan('lookup').onResponse?.(respond(200, {}, { etag: '"v1"' }));
    source.next().onResponse?.(respond(400, {}));
    const next = source.next();
    expect(next.route).toBe('lookup');
    next.onResponse?.(respond(200, {}, { etag: '"v1"' }));
    expect(source.next().route).toBe('lookup');
  });

  it('follows a next-page cursor with the same query', () => {
    const source = workload('search=1');
    const first = source.plan('search');
    first.onResponse?.(respond(200, { items: [], nextCursor: 'abc' }));
    const query = new URLSearchParams(first.request.path.split('?')[1]);
    const followed = Array.from({ length: 200 }, () => source.next()).find((planned) =>
      planned.request.path.includes('cursor=abc'),
    );
    expect(followed).toBeDefined();
    const followedQuery = new URLSearchParams(followed?.request.path.split('?')[1]);
    followedQuery.delete('cursor');
    expect(followedQuery.toString()).toBe(query.toString());
  });

  it('sends eligibility checks and analyses with profiles from the pool', () => {
    const source = workload();
    source.plan('search').onResponse?.(respond(200, { items: [{ id: ID_A }] }));
    const check = source.plan('check');
    expect(check.request.method).toBe('POST');
    expect(JSON.parse(check.request.body ?? '{}')).toHaveProperty('gradeLevel');
    const analysis = JSON.parse(source.plan('analysis').request.body ?? '{}');
    expect(analysis.scholarshipId).toBe(ID_A);
    expect(analysis.profile).toHaveProperty('citizenship');
  });

  it('repeats popular searches', () => {
    const source = workload('search=1');
    const counts = new Map<string, number>();
    for (let i = 0; i < 500; i += 1) {
      const { path } = source.next().request;
      counts.set(path, (counts.get(path) ?? 0) + 1);
    }
    expect(counts.size).toBeLessThanOrEqual(100);
    expect(Math.max(...counts.values())).toBeGreaterThanOrEqual(50);
  });

  it('sends the same sequence for the same seed', () => {
    const paths = () => {
      const source = workload('search=1');
      return Array.from({ length: 20 }, () => source.next().request.path);
    };
    expect(paths()).toEqual(paths());
  });
});
