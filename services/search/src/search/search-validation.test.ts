import { searchQuerySchema } from '@scholarships/api-contract';
import request from 'supertest';
import { type SearchTestApp, startSearchTestApp } from '../test-support/search-test-app';
import { encodeCursor, queryFingerprint } from './cursor';
import { normalizedQuery } from './normalized-query';

let search: SearchTestApp;

beforeAll(async () => {
  search = await startSearchTestApp('search_validation');
});

afterAll(async () => {
  await search?.close();
});

interface FieldError {
  field: string;
  message: string;
}

async function expectRejected(query: string, field: string): Promise<FieldError> {
  const response = await request(search.app).get(`/api/v1/search?${query}`);
  expect(response.status).toBe(400);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.body.code).toBe('VALIDATION_FAILED');
  const errors = response.body.errors as FieldError[];
  const error = errors.find((candidate) => candidate.field === field);
  expect(error).toBeDefined();
  return error as FieldError;
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

describe('search validation', () => {
  it('points page to the cursor', async () => {
    const error = await expectRejected('q=law&page=2', 'query.page');
    expect(error.message).toBe(
      'is not a known field; pages follow a cursor: send the nextCursor of the previous page as cursor',
    );
  });

  it('names an unknown parameter without a hint', async () => {
    const error = await expectRejected('q=law&colour=red', 'query.colour');
    expect(error.message).toBe('is not a known field');
  });

  it('rejects an unknown filter value', async () => {
    const error = await expectRejected('state=TX,ZZ', 'query.state');
    expect(error.message).toContain('ZZ');
    expect(error.message).toContain('allowed values: AL, AK');
  });

  it.each([
    ['field_of_study=astrology', 'query.field_of_study'],
    ['grade_level=kindergarten', 'query.grade_level'],
    ['citizenship=martian', 'query.citizenship'],
    ['basis=luck', 'query.basis'],
    ['sort=random', 'query.sort'],
  ])('rejects %s', async (query, field) => {
    await expectRejected(query, field);
  });

  it('rejects unknown parameters by name', async () => {
    await expectRejected('q=nursing&colour=red&page=2', 'query.colour');
    await expectRejected('q=nursing&colour=red&page=2', 'query.page');
  });

  it('rejects a negative amount', async () => {
    const error = await expectRejected('award_min=-5', 'query.award_min');
    expect(error.message).toContain('non-negative');
  });

  it('rejects a non-numeric amount', async () => {
    await expectRejected('award_max=lots', 'query.award_max');
  });

  it('rejects award_min above award_max', async () => {
    const error = await expectRejected('award_min=5000&award_max=1000', 'query.award_min');
    expect(error.message).toContain('award_max');
  });

  it.each([
    ['deadline_from=2026-13-01', 'query.deadline_from'],
    ['deadline_to=2025-02-30', 'query.deadline_to'],
    ['deadline_from=next-week', 'query.deadline_from'],
    ['deadline_from=0000-01-01', 'query.deadline_from'],
    ['deadline_from=2026-05-01&deadline_to=2026-04-01', 'query.deadline_from'],
  ])('rejects bad date %s', async (query, field) => {
    await expectRejected(query, field);
  });

  it.each([
    ['not base64', 'cursor=%25%25%25'],
    ['not JSON', `cursor=${base64url('key=1')}`],
    ['wrong shape', `cursor=${base64url('{"key":1}')}`],
    ['bad id', `cursor=${base64url('{"key":"2026-01-01","id":"x","query":"q"}')}`],
  ])('rejects a cursor that is %s', async (_label, query) => {
    await expectRejected(query, 'query.cursor');
  });

  it.each(['not a date', '0000-01-01'])('rejects the deadline cursor key %s', async (key) => {
    const fingerprint = queryFingerprint(normalizedQuery(searchQuerySchema.parse({ limit: '1' })));
    const cursor = encodeCursor({ key, id: '00000000-0000-4000-8000-000000000000' }, fingerprint);
    await expectRejected(`limit=1&cursor=${cursor}`, 'query.cursor');
  });

  it.each(['0', '51', '1.5', 'ten'])('rejects limit %s', async (limit) => {
    const error = await expectRejected(`limit=${limit}`, 'query.limit');
    expect(error.message).toContain('1 to 50');
  });

  it('rejects a keyword over 200 characters', async () => {
    await expectRejected(`q=${'a'.repeat(201)}`, 'query.q');
  });

  it('rejects a keyword of exclusions only', async () => {
    const error = await expectRejected(
      `q=${encodeURIComponent('-dental -"oral surgery"')}`,
      'query.q',
    );
    expect(error.message).toContain('a word to search for');
  });

  it('rejects more than four exclusions', async () => {
    const error = await expectRejected(
      `q=${encodeURIComponent('nursing -a -b -c -d -e')}`,
      'query.q',
    );
    expect(error.message).toContain('at most 4');
  });

  it('rejects exclusions in parentheses beyond four', async () => {
    const q = 'scholarship (-a) (-b) (-c) (-d) (-e)';
    const error = await expectRejected(`q=${encodeURIComponent(q)}`, 'query.q');
    expect(error.message).toContain('at most 4');
  });

  it('rejects an exclusion offered as an alternative', async () => {
    const error = await expectRejected(`q=${encodeURIComponent('nursing or -dental')}`, 'query.q');
    expect(error.message).toContain('alternative');
  });

  it.each([
    ['nursing or <-dental', 'alternative'],
    ['<-dental', 'a word to search for'],
    ['nursing <-a <-b <-c <-d <-e <-f', 'at most 4'],
    ['nursing or# -dental', 'alternative'],
    ['nursing or -dental the', 'alternative'],
    ['nursing or the -dental', 'alternative'],
    ['the -dental', 'a word to search for'],
    ['"for the" -art/design', 'a word to search for'],
  ])('rejects the exclusions of %s', async (q, message) => {
    const error = await expectRejected(`q=${encodeURIComponent(q)}`, 'query.q');
    expect(error.message).toContain(message);
  });

  it('rejects more than 24 words', async () => {
    const words = Array.from({ length: 25 }, (_, index) => `w${index}`).join(' ');
    const error = await expectRejected(`q=${encodeURIComponent(words)}`, 'query.q');
    expect(error.message).toContain('at most 24 words');
  });

  it('rejects a repeated scalar parameter', async () => {
    const error = await expectRejected('q=a&q=b', 'query.q');
    expect(error.message).toContain('only once');
  });

  it('rejects relevance without a keyword', async () => {
    await expectRejected('sort=relevance', 'query.sort');
  });

  it('ignores empty parameter values', async () => {
    const response = await request(search.app).get(
      '/api/v1/search?q=&state=&award_min=&deadline_from=&sort=&limit=&cursor=',
    );
    expect(response.status).toBe(200);
    expect(response.body.query.limit).toBe(20);
    expect(response.body.query.sort).toBe('deadline');
  });

  it('still rejects an unknown parameter with an empty value', async () => {
    await expectRejected('colour=', 'query.colour');
  });

  it('accepts limits 1 and 50', async () => {
    for (const limit of ['1', '50']) {
      const response = await request(search.app).get(`/api/v1/search?limit=${limit}`);
      expect(response.status).toBe(200);
    }
  });
});
