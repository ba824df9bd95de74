import { issuesByPath } from '../testing/issues-by-path';
import { savedListQuery } from './interactions';
import { pageQuery } from './profile-body';
import { encodeSavedCursor } from './saved-cursor';
import { MAX_EXCLUDED_TERMS, MAX_MINUS_SIGNS, searchQuerySchema } from './search-query';
import { suggestQuerySchema } from './suggest-query';

const REPEATED = 'must be given only once';

describe('saved list query', () => {
  it('reads one cursor', () => {
    const parsed = savedListQuery.parse({ cursor: encodeSavedCursor(42) });

    expect(parsed).toEqual({ limit: 20, cursor: 42 });
  });

  it('rejects a repeated cursor', () => {
    const cursors = [encodeSavedCursor(42), encodeSavedCursor(7)];

    expect(issuesByPath(savedListQuery.safeParse({ cursor: cursors }))).toEqual({
      cursor: REPEATED,
    });
  });

  it('rejects a repeated limit', () => {
    expect(issuesByPath(savedListQuery.safeParse({ limit: ['1', '2'] }))).toEqual({
      limit: REPEATED,
    });
  });

  it('rejects a forged cursor', () => {
    expect(issuesByPath(savedListQuery.safeParse({ cursor: 'abc' }))).toEqual({
      cursor: 'is not a cursor returned by this endpoint',
    });
  });
});

describe('match page query', () => {
  it.each(['limit', 'offset'])('rejects a repeated %s', (name) => {
    expect(issuesByPath(pageQuery.safeParse({ [name]: ['1', '2'] }))).toEqual({ [name]: REPEATED });
  });

  it('names the range for a value that is no integer', () => {
    expect(issuesByPath(pageQuery.safeParse({ limit: '1e1' }))).toEqual({
      limit: 'must be an integer from 1 to 100',
    });
  });
});

describe('minus signs in a keyword', () => {
  // 33 minus signs in a row made PostgreSQL fail the search with "tsquery stack too small".
  const keywords = [
    `nursing ${'-'.repeat(33)}dental`,
    `${'- '.repeat(40)}x`,
    `a ${'-'.repeat(60)}`,
  ];

  it.each(keywords)('rejects a long run in search: %s', (q) => {
    const issues = issuesByPath(searchQuerySchema.safeParse({ q }));

    expect(issues.q).toMatch(`must contain at most ${MAX_MINUS_SIGNS} minus signs in a row`);
  });

  it.each(keywords)('rejects a long run in suggest: %s', (q) => {
    const issues = issuesByPath(suggestQuerySchema.safeParse({ q }));

    expect(issues.q).toMatch(`must contain at most ${MAX_MINUS_SIGNS} minus signs in a row`);
  });

  it('accepts the maximum run', () => {
    const keyword = `nursing ${'-'.repeat(MAX_MINUS_SIGNS)}dental`;

    expect(searchQuerySchema.safeParse({ q: keyword }).success).toBe(true);
    expect(suggestQuerySchema.safeParse({ q: keyword }).success).toBe(true);
  });
});

describe('exclusions in typed suggestion text', () => {
  it('rejects more exclusions than search takes', () => {
    const issues = issuesByPath(suggestQuerySchema.safeParse({ q: '-a -b -c -d -e nur' }));

    expect(issues.q).toMatch(`must exclude at most ${MAX_EXCLUDED_TERMS} words or phrases`);
  });

  it.each(['-a -b -c -d nur', '-dent', 'nursing -den'])('accepts typed text: %s', (q) => {
    expect(suggestQuerySchema.safeParse({ q }).success).toBe(true);
  });
});
