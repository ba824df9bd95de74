import { deltaSeconds, parseCacheControl } from './cache-control';
import { ifNoneMatchMatches, strongEtag } from './etag';
import { explicitLifetimeMs, forbidsStale, initialAgeMs } from './freshness';
import { varyNames, varyValues } from './vary';

const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);
const httpDate = (milliseconds: number) => new Date(milliseconds).toUTCString();

describe('Cache-Control parsing', () => {
  it('reads names case-insensitively', () => {
    const directives = parseCacheControl('Max-Age=60, PUBLIC');
    expect(deltaSeconds(directives, 'max-age')).toBe(60);
    expect(directives.get('public')).toBe(true);
  });

  it('joins field lines', () => {
    expect(parseCacheControl(['max-age=5', 'no-cache']).get('no-cache')).toBe(true);
  });

  it('unquotes values and keeps commas inside quotes', () => {
    expect(parseCacheControl('private="a, b", max-age=1').get('private')).toBe('a, b');
  });

  it('keeps the first of repeated directives', () => {
    expect(deltaSeconds(parseCacheControl('max-age=1, max-age=99'), 'max-age')).toBe(1);
  });

  it('reads an invalid delta as 0', () => {
    expect(deltaSeconds(parseCacheControl('max-age=soon'), 'max-age')).toBe(0);
  });
});

describe('freshness lifetime', () => {
  const lifetime = (cacheControl: string | undefined, headers: Record<string, string> = {}) =>
    explicitLifetimeMs(parseCacheControl(cacheControl), headers, NOW);

  it('prefers s-maxage over max-age', () => {
    expect(lifetime('max-age=10, s-maxage=30')).toBe(30_000);
  });

  it('prefers max-age over Expires', () => {
    expect(lifetime('max-age=10', { date: httpDate(NOW), expires: httpDate(NOW + 60_000) })).toBe(
      10_000,
    );
  });

  it('uses Expires minus Date', () => {
    expect(lifetime(undefined, { date: httpDate(NOW), expires: httpDate(NOW + 60_000) })).toBe(
      60_000,
    );
  });

  it('reads an invalid Expires as expired', () => {
    expect(lifetime(undefined, { expires: '0' })).toBe(0);
  });

  it('gives no heuristic lifetime', () => {
    expect(lifetime(undefined, { 'last-modified': httpDate(NOW - 86_400_000) })).toBeUndefined();
  });
});

describe('age calculation', () => {
  it('uses the larger of apparent and corrected age', () => {
    const headers = { date: httpDate(NOW - 10_000), age: '3' };
    expect(initialAgeMs(headers, { requestTime: NOW - 500, responseTime: NOW })).toBe(10_000);
  });

  it('adds the response delay to Age', () => {
    const headers = { date: httpDate(NOW), age: '30' };
    expect(initialAgeMs(headers, { requestTime: NOW - 2000, responseTime: NOW })).toBe(32_000);
  });
});

describe('stale permission', () => {
  it.each(['must-revalidate', 'proxy-revalidate', 's-maxage=5'])(
    'forbids stale with %s',
    (value) => {
      expect(forbidsStale(parseCacheControl(value))).toBe(true);
    },
  );

  it('allows stale otherwise', () => {
    expect(forbidsStale(parseCacheControl('max-age=5, stale-if-error=60'))).toBe(false);
  });
});

describe('entity tags', () => {
  it('hashes bodies into strong tags', () => {
    expect(strongEtag(Buffer.from('a'))).toMatch(/^"[\w-]{22}"$/);
    expect(strongEtag(Buffer.from('a'))).not.toBe(strongEtag(Buffer.from('b')));
  });

  it.each([
    ['"a"', '"a"', true],
    ['W/"a"', '"a"', true],
    ['"a"', 'W/"a"', true],
    ['"b", "a"', '"a"', true],
    ['*', '"a"', true],
    ['"b"', '"a"', false],
    ['a', '"a"', false],
  ])('If-None-Match %s against %s', (header, etag, matches) => {
    expect(ifNoneMatchMatches(header, etag)).toBe(matches);
  });
});

describe('Vary', () => {
  it('lists names sorted and lower-cased', () => {
    expect(varyNames({ vary: 'Accept-Language, accept' })).toEqual(['accept', 'accept-language']);
  });

  it('recognizes *', () => {
    expect(varyNames({ vary: 'accept, *' })).toBe('*');
  });

  it('normalizes whitespace of values', () => {
    expect(varyValues(['accept'], { accept: ' a ,  b' })).toEqual(
      varyValues(['accept'], { accept: 'a,b' }),
    );
  });

  it('drops white space around commas and collapses runs', () => {
    expect(varyValues(['accept'], { accept: '\ta \t,\n\n b  c ,, d ' })).toEqual(['a,b c,,d']);
  });

  it('tells absent from empty', () => {
    expect(varyValues(['accept'], {})).not.toEqual(varyValues(['accept'], { accept: '' }));
  });
});
