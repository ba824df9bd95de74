import { searchQuerySchema } from '@scholarships/api-contract';
import { HttpProblem } from '@scholarships/service-kit';
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor';
import { normalizedQuery } from './normalized-query';

const ID = '3f2b8c1e-8d4a-4c59-9f0e-2a7b6c5d4e3f';

function fingerprintOf(query: Record<string, string>): string {
  return queryFingerprint(normalizedQuery(searchQuerySchema.parse(query)));
}

function decodeError(run: () => unknown): HttpProblem {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('expected decodeCursor to throw');
}

describe('cursor', () => {
  it('round-trips each kind of sort key', () => {
    const fingerprint = fingerprintOf({});
    const cases = [
      { sort: 'deadline', key: '2026-03-01' },
      { sort: 'deadline', key: 'infinity' },
      { sort: 'amount', key: 1250.5 },
      { sort: 'amount', key: -1 },
      { sort: 'relevance', key: 1.6666666 },
    ] as const;
    for (const { sort, key } of cases) {
      const token = encodeCursor({ key, id: ID }, fingerprint);
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(token, sort, fingerprint)).toEqual({ key, id: ID });
    }
  });

  it('ignores limit in the fingerprint', () => {
    expect(fingerprintOf({ limit: '5' })).toBe(fingerprintOf({ limit: '40' }));
  });

  it('ignores filter order in the fingerprint', () => {
    expect(fingerprintOf({ state: 'TX,CA' })).toBe(fingerprintOf({ state: 'ca,tx' }));
  });

  it('changes the fingerprint with a filter', () => {
    expect(fingerprintOf({ state: 'TX' })).not.toBe(fingerprintOf({}));
  });

  it('rejects a cursor of another query', () => {
    const token = encodeCursor({ key: '2026-03-01', id: ID }, fingerprintOf({ state: 'TX' }));
    const error = decodeError(() => decodeCursor(token, 'deadline', fingerprintOf({})));
    expect(error.status).toBe(400);
    expect(error.errors?.[0]?.field).toBe('query.cursor');
    expect(error.errors?.[0]?.message).toContain('different search');
  });

  it.each([
    ['padding', `${encodeCursor({ key: 1, id: ID }, 'f')}==`, 'relevance'],
    ['a non-JSON payload', Buffer.from('{key').toString('base64url'), 'relevance'],
    [
      'an extra property',
      Buffer.from(`{"key":1,"id":"${ID}","query":"f","x":1}`).toString('base64url'),
      'relevance',
    ],
    ['a negative rank', encodeCursor({ key: -1, id: ID }, 'f'), 'relevance'],
    ['a rank beyond the real type', encodeCursor({ key: 1e39, id: ID }, 'f'), 'relevance'],
    ['a rank below the real type', encodeCursor({ key: 1e-50, id: ID }, 'f'), 'relevance'],
    ['an amount beyond safe integers', encodeCursor({ key: 1e39, id: ID }, 'f'), 'amount'],
    ['a text amount', encodeCursor({ key: '12', id: ID }, 'f'), 'amount'],
    ['a numeric deadline', encodeCursor({ key: 20260301, id: ID }, 'f'), 'deadline'],
  ] as const)('rejects %s', (_label, token, sort) => {
    const error = decodeError(() => decodeCursor(token, sort, 'f'));
    expect(error.errors?.[0]?.field).toBe('query.cursor');
  });

  it('rejects a date key that is not a date', () => {
    const token = encodeCursor({ key: '2026-02-30', id: ID }, 'f');
    const error = decodeError(() => decodeCursor(token, 'deadline', 'f'));
    expect(error.errors?.[0]?.field).toBe('query.cursor');
  });
});
