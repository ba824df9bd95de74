import {
  ADMIN_HEADERS,
  type CatalogTestContext,
  createCatalogTestContext,
  insertScholarship,
  userHeaders,
} from '@scholarships/catalog/test-support';
import request from 'supertest';
import { ConformanceLog } from './conformance-log';

const UNKNOWN_ID = '7d4c1c8e-8a3e-4f5e-9a61-3b0f1f0f2c55';
const NEW_SCHOLARSHIP = {
  name: 'Coastal Engineering Award',
  award: { min: 500, max: 1500, currency: 'USD' },
  eligibility: { fieldsOfStudy: ['engineering'], states: ['TX'] },
};

describe('catalog responses against the catalogue', () => {
  const log = new ConformanceLog('catalog');
  let context: CatalogTestContext;
  let scholarshipId: string;

  beforeAll(async () => {
    context = await createCatalogTestContext();
    scholarshipId = await insertScholarship(context.db);
  });

  afterAll(async () => {
    await context.close();
  });

  function expectConforms(operationId: string, response: request.Response, status: number) {
    expect(response.status).toBe(status);
    expect(log.check(operationId, response)).toEqual([]);
  }

  it('getScholarship: 200, 304, 404 and 400', async () => {
    const found = await request(context.app).get(`/api/v1/scholarships/${scholarshipId}`);
    expectConforms('getScholarship', found, 200);
    const unchanged = await request(context.app)
      .get(`/api/v1/scholarships/${scholarshipId}`)
      .set('If-None-Match', String(found.headers.etag));
    expectConforms('getScholarship', unchanged, 304);
    const missing = await request(context.app).get(`/api/v1/scholarships/${UNKNOWN_ID}`);
    expectConforms('getScholarship', missing, 404);
    const invalid = await request(context.app).get('/api/v1/scholarships/not-a-uuid');
    expectConforms('getScholarship', invalid, 400);
  });

  it('getScholarships: 200 and 400', async () => {
    const batch = await request(context.app).get(
      `/api/v1/scholarships?ids=${scholarshipId},${UNKNOWN_ID}`,
    );
    expectConforms('getScholarships', batch, 200);
    expect(batch.body.missing).toEqual([UNKNOWN_ID]);
    const invalid = await request(context.app).get('/api/v1/scholarships');
    expectConforms('getScholarships', invalid, 400);
  });

  it('createScholarship: 201, 400, 401 and 403', async () => {
    const created = await request(context.app)
      .post('/api/v1/admin/scholarships')
      .set(ADMIN_HEADERS)
      .send(NEW_SCHOLARSHIP);
    expectConforms('createScholarship', created, 201);
    const invalid = await request(context.app)
      .post('/api/v1/admin/scholarships')
      .set(ADMIN_HEADERS)
      .send({ ...NEW_SCHOLARSHIP, award: { min: 10 } });
    expectConforms('createScholarship', invalid, 400);
    const anonymous = await request(context.app).post('/api/v1/admin/scholarships').send({});
    expectConforms('createScholarship', anonymous, 401);
    const student = await request(context.app)
      .post('/api/v1/admin/scholarships')
      .set(userHeaders('student-1'))
      .send(NEW_SCHOLARSHIP);
    expectConforms('createScholarship', student, 403);
  });

  it('replaceScholarship, patchScholarship and deleteScholarship with their preconditions', async () => {
    const id = await insertScholarship(context.db);
    const current = await request(context.app).get(`/api/v1/scholarships/${id}`);
    const path = `/api/v1/admin/scholarships/${id}`;

    const replaced = await request(context.app)
      .put(path)
      .set(ADMIN_HEADERS)
      .set('If-Match', String(current.headers.etag))
      .send(NEW_SCHOLARSHIP);
    expectConforms('replaceScholarship', replaced, 200);
    const stale = await request(context.app)
      .put(path)
      .set(ADMIN_HEADERS)
      .set('If-Match', String(current.headers.etag))
      .send(NEW_SCHOLARSHIP);
    expectConforms('replaceScholarship', stale, 412);

    const patched = await request(context.app)
      .patch(path)
      .set(ADMIN_HEADERS)
      .set('If-Match', String(replaced.headers.etag))
      .type('application/merge-patch+json')
      .send(JSON.stringify({ description: 'Now open to every state.' }));
    expectConforms('patchScholarship', patched, 200);
    const unconditional = await request(context.app)
      .patch(path)
      .set(ADMIN_HEADERS)
      .send({ description: 'x' });
    expectConforms('patchScholarship', unconditional, 428);

    const deleted = await request(context.app)
      .delete(path)
      .set(ADMIN_HEADERS)
      .set('If-Match', String(patched.headers.etag));
    expectConforms('deleteScholarship', deleted, 204);
    const deletedAgain = await request(context.app)
      .delete(path)
      .set(ADMIN_HEADERS)
      .set('If-Match', String(patched.headers.etag));
    expectConforms('deleteScholarship', deletedAgain, 404);
  });

  it('recordInteraction: 201, 200, 400, 401 and 404', async () => {
    const user = userHeaders('student-interactions');
    const body = { scholarshipId, type: 'saved' };
    const first = await request(context.app).post('/api/v1/me/interactions').set(user).send(body);
    expectConforms('recordInteraction', first, 201);
    const repeated = await request(context.app)
      .post('/api/v1/me/interactions')
      .set(user)
      .send(body);
    expectConforms('recordInteraction', repeated, 200);
    const invalid = await request(context.app)
      .post('/api/v1/me/interactions')
      .set(user)
      .send({ scholarshipId, type: 'liked' });
    expectConforms('recordInteraction', invalid, 400);
    const anonymous = await request(context.app).post('/api/v1/me/interactions').send(body);
    expectConforms('recordInteraction', anonymous, 401);
    const unknown = await request(context.app)
      .post('/api/v1/me/interactions')
      .set(user)
      .send({ scholarshipId: UNKNOWN_ID, type: 'saved' });
    expectConforms('recordInteraction', unknown, 404);
  });

  it('getSaved and removeSaved: success and 400', async () => {
    const user = userHeaders('student-saved');
    await request(context.app)
      .post('/api/v1/me/interactions')
      .set(user)
      .send({ scholarshipId, type: 'saved' });

    const saved = await request(context.app).get('/api/v1/me/saved?limit=5').set(user);
    expectConforms('getSaved', saved, 200);
    expect(saved.body.items).toHaveLength(1);
    const invalid = await request(context.app).get('/api/v1/me/saved?limit=0').set(user);
    expectConforms('getSaved', invalid, 400);

    const removed = await request(context.app)
      .delete(`/api/v1/me/saved/${scholarshipId}`)
      .set(user);
    expectConforms('removeSaved', removed, 204);
    const invalidId = await request(context.app).delete('/api/v1/me/saved/nope').set(user);
    expectConforms('removeSaved', invalidId, 400);
  });

  it('covers every catalog route with a success and a problem', () => {
    expect(log.uncovered()).toEqual([]);
  });
});
