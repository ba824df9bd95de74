import { randomBytes } from 'node:crypto';
import type { RequestView } from '../edge';
import { assignVariant, bucketOf } from './assignment';
import { clientKeyOf } from './client-key';

function randomKeys(count: number): string[] {
  return Array.from({ length: count }, () => `ip:10.${randomBytes(3).join('.')}`);
}

function optimizedShare(keys: readonly string[], percent: number): number {
  const optimized = keys.filter((key) => assignVariant(key, percent) === 'optimized');
  return optimized.length / keys.length;
}

function view(headers: Record<string, string>, clientAddress = '192.0.2.7'): RequestView {
  return { method: 'GET', path: '/api/v1/search', rawQuery: '', headers, clientAddress };
}

function unsignedToken(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256' })}.${part(claims)}.signature`;
}

describe('rollout assignment', () => {
  it('keeps a client in one bucket', () => {
    for (const key of randomKeys(100)) {
      expect(bucketOf(key)).toBe(bucketOf(key));
      expect(bucketOf(key)).toBeGreaterThanOrEqual(0);
      expect(bucketOf(key)).toBeLessThan(100);
    }
  });

  it.each([
    [10, 0.1],
    [50, 0.5],
  ])('sends about %i %% of clients to the optimized arm', (percent, expected) => {
    const share = optimizedShare(randomKeys(20_000), percent);
    expect(share).toBeGreaterThan(expected - 0.02);
    expect(share).toBeLessThan(expected + 0.02);
  });

  it('sends every client to one arm at 0 and 100 %', () => {
    const keys = randomKeys(1000);
    expect(optimizedShare(keys, 100)).toBe(1);
    expect(optimizedShare(keys, 0)).toBe(0);
  });

  it('moves clients only from baseline to optimized when raised', () => {
    const keys = randomKeys(5000);
    for (const key of keys) {
      const at10 = assignVariant(key, 10);
      const at50 = assignVariant(key, 50);
      if (at10 === 'optimized') expect(at50).toBe('optimized');
      if (at50 === 'baseline') expect(at10).toBe('baseline');
    }
  });
});

describe('rollout client key', () => {
  it('uses the client address', () => {
    expect(clientKeyOf(view({}))).toBe('ip:192.0.2.7');
  });

  it('ignores a bearer token, which is not verified yet', () => {
    const token = unsignedToken({ sub: 'student-42' });
    expect(clientKeyOf(view({ authorization: `Bearer ${token}` }))).toBe('ip:192.0.2.7');
  });

  it('keys an IPv6 client by its /64', () => {
    expect(clientKeyOf(view({}, '2001:db8:1:2:3:4:5:6'))).toBe('ip:2001:db8:1:2::/64');
  });
});
