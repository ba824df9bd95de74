import { insertScholarship } from '@scholarships/catalog/test-support';
import { type SearchTestApp, startSearchTestApp } from '@scholarships/search/test-support';
import request from 'supertest';
import { ConformanceLog } from './conformance-log';

const NURSING_SCHOLARSHIPS = 3;

describe('search responses against the catalogue', () => {
  const log = new ConformanceLog('search');
  let search: SearchTestApp;

  beforeAll(async () => {
    search = await startSearchTestApp('contract_search');
    for (let index = 0; index < NURSING_SCHOLARSHIPS; index += 1) {
      await insertScholarship(search.db, {
        name: `Nursing Futures Award ${index + 1}`,
        deadline: `2099-0${index + 1}-01`,
      });
    }
  });

  afterAll(async () => {
    await search.close();
  });

  function expectConforms(operationId: string, response: request.Response, status: number) {
    expect(response.status).toBe(status);
    expect(log.check(operationId, response)).toEqual([]);
  }

  it('search: a first page with facets, the next page, and 400', async () => {
    const first = await request(search.app).get('/api/v1/search?q=nursing&limit=2&facets=true');
    expectConforms('search', first, 200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0].rank).toEqual(expect.any(Number));

    const second = await request(search.app).get(
      `/api/v1/search?q=nursing&limit=2&facets=true&cursor=${first.body.nextCursor}`,
    );
    expectConforms('search', second, 200);
    expect(second.body.nextCursor).toBeNull();

    const unfiltered = await request(search.app).get('/api/v1/search?sort=amount&state=TX,CA');
    expectConforms('search', unfiltered, 200);

    const invalid = await request(search.app).get('/api/v1/search?state=XX&limit=0');
    expectConforms('search', invalid, 400);
    expect(invalid.body.errors.map((error: { field: string }) => error.field)).toEqual([
      'query.state',
      'query.limit',
    ]);
  });

  it('suggest: 200 and 400', async () => {
    const suggestions = await request(search.app).get('/api/v1/search/suggest?q=nurs');
    expectConforms('suggest', suggestions, 200);
    expect(suggestions.body.scholarships.length).toBeGreaterThan(0);
    const missing = await request(search.app).get('/api/v1/search/suggest');
    expectConforms('suggest', missing, 400);
  });

  it('covers every search route with a success and a problem', () => {
    expect(log.uncovered()).toEqual([]);
  });
});
