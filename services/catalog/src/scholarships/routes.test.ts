import request from 'supertest';
import {
  type CatalogTestContext,
  createCatalogTestContext,
  insertScholarship,
} from '../test-support/catalog-test-context';

let context: CatalogTestContext;

beforeAll(async () => {
  context = await createCatalogTestContext();
});

afterAll(async () => {
  await context.close();
});

describe('GET /api/v1/scholarships/:id', () => {
  it('returns the scholarship in the API shape with an ETag', async () => {
    const id = await insertScholarship(context.db);
    const response = await request(context.app).get(`/api/v1/scholarships/${id}`);

    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe(`W/"${id}-1"`);
    expect(response.body).toMatchObject({
      id,
      name: 'Future Nurses Scholarship',
      award: { min: 1000, max: 2500, currency: 'USD' },
      deadline: { next: '2027-03-01', published: '2015-03-01', estimated: true },
      eligibility: { fieldsOfStudy: ['nursing'], states: ['TX'], minGpa: 3 },
    });
  });

  it('answers an unknown id with a 404 problem', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const response = await request(context.app).get(`/api/v1/scholarships/${id}`);

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('NOT_FOUND');
  });

  it.each([['123'], ['not-a-uuid'], ["1' OR '1'='1"]])(
    'rejects the malformed id %j with 400 naming params.id',
    async (id) => {
      const response = await request(context.app).get(
        `/api/v1/scholarships/${encodeURIComponent(id)}`,
      );
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('params.id');
    },
  );

  it('records the query under its statement name', async () => {
    const id = await insertScholarship(context.db);
    await request(context.app).get(`/api/v1/scholarships/${id}`);
    const metrics = await context.registry.metrics();
    expect(metrics).toContain('statement="catalog_scholarship_by_id"');
  });
});

describe('GET /api/v1/scholarships?ids=', () => {
  it('returns found items in request order and lists missing ids', async () => {
    const first = await insertScholarship(context.db, { name: 'First' });
    const second = await insertScholarship(context.db, { name: 'Second' });
    const missing = '00000000-0000-4000-8000-000000000001';
    const response = await request(context.app).get(
      `/api/v1/scholarships?ids=${second},${missing},${first}`,
    );

    expect(response.status).toBe(200);
    expect(response.body.items.map((item: { name: string }) => item.name)).toEqual([
      'Second',
      'First',
    ]);
    expect(response.body.missing).toEqual([missing]);
  });

  it('reads ids in any letter case as one id', async () => {
    const id = await insertScholarship(context.db, { name: 'Cased' });
    const response = await request(context.app).get(
      `/api/v1/scholarships?ids=${id.toUpperCase()},${id}`,
    );

    expect(response.status).toBe(200);
    expect(response.body.items.map((item: { name: string }) => item.name)).toEqual(['Cased']);
    expect(response.body.missing).toEqual([]);
  });

  it('rejects a missing ids parameter with 400', async () => {
    const response = await request(context.app).get('/api/v1/scholarships');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('query.ids');
  });

  it('rejects an unknown parameter with 400', async () => {
    const id = await insertScholarship(context.db);
    const response = await request(context.app).get(`/api/v1/scholarships?ids=${id}&x=1`);
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('query.x');
  });

  it('rejects ids given twice, saying so', async () => {
    const id = await insertScholarship(context.db);
    const response = await request(context.app).get(`/api/v1/scholarships?ids=${id}&ids=${id}`);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: 'query.ids', message: 'must be given only once' },
    ]);
  });

  it.each(['', '%20'])('rejects empty ids %j', async (value) => {
    const response = await request(context.app).get(`/api/v1/scholarships?ids=${value}`);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: 'query.ids', message: 'must list at least one scholarship UUID' },
    ]);
    expect(response.body.detail).toBe(
      'Invalid query.ids: query.ids must list at least one scholarship UUID',
    );
  });

  it('rejects more than 100 ids', async () => {
    const ids = Array.from(
      { length: 101 },
      (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    );
    const response = await request(context.app).get(`/api/v1/scholarships?ids=${ids.join(',')}`);
    expect(response.status).toBe(400);
  });
});

describe('read caching headers', () => {
  const cacheControl = 'public, max-age=30, stale-while-revalidate=60';

  it('marks a single read as publicly cacheable for a short time', async () => {
    const id = await insertScholarship(context.db);
    const response = await request(context.app).get(`/api/v1/scholarships/${id}`);
    expect(response.headers['cache-control']).toBe(cacheControl);
  });

  it('marks a batch read as publicly cacheable for a short time', async () => {
    const id = await insertScholarship(context.db);
    const response = await request(context.app).get(`/api/v1/scholarships?ids=${id}`);
    expect(response.headers['cache-control']).toBe(cacheControl);
  });

  it('answers a matching If-None-Match with 304 and the validators', async () => {
    const id = await insertScholarship(context.db);
    const response = await request(context.app)
      .get(`/api/v1/scholarships/${id}`)
      .set('If-None-Match', `W/"${id}-1"`);

    expect(response.status).toBe(304);
    expect(response.text).toBe('');
    expect(response.headers.etag).toBe(`W/"${id}-1"`);
    expect(response.headers['cache-control']).toBe(cacheControl);
  });

  it.each([
    ['a list containing the tag', (id: string) => `"other", W/"${id}-1"`],
    ['the strong form of the tag', (id: string) => `"${id}-1"`],
    ['a star', () => '*'],
  ])('answers If-None-Match with %s with 304', async (_case, header) => {
    const id = await insertScholarship(context.db);
    const response = await request(context.app)
      .get(`/api/v1/scholarships/${id}`)
      .set('If-None-Match', header(id));
    expect(response.status).toBe(304);
  });

  it.each([
    ['an older version', (id: string) => `W/"${id}-0"`],
    ['a malformed field', (id: string) => `W/${id}-1`],
  ])('answers If-None-Match with %s with 200', async (_case, header) => {
    const id = await insertScholarship(context.db);
    const response = await request(context.app)
      .get(`/api/v1/scholarships/${id}`)
      .set('If-None-Match', header(id));
    expect(response.status).toBe(200);
    expect(response.body.id).toBe(id);
  });
});

describe('statements per read', () => {
  it('looks up a batch of 20 ids with one statement', async () => {
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        insertScholarship(context.db, { name: `S${index}` }),
      ),
    );
    const events = await context.queries.record(async () => {
      const response = await request(context.app).get(`/api/v1/scholarships?ids=${ids.join(',')}`);
      expect(response.body.items).toHaveLength(20);
    });

    expect(events.map((event) => event.name)).toEqual(['catalog_scholarships_by_ids']);
  });

  it('reads one scholarship with one statement', async () => {
    const id = await insertScholarship(context.db);
    const events = await context.queries.record(() =>
      request(context.app).get(`/api/v1/scholarships/${id}`),
    );
    expect(events.map((event) => event.name)).toEqual(['catalog_scholarship_by_id']);
  });
});
