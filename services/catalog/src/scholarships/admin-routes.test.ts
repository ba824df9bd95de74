import request from 'supertest';
import {
  ADMIN_HEADERS,
  type CatalogTestContext,
  createCatalogTestContext,
  insertScholarship,
  userHeaders,
} from '../test-support/catalog-test-context';
import { waitForLockWaiter } from '../test-support/lock-waiter';

let context: CatalogTestContext;

beforeAll(async () => {
  context = await createCatalogTestContext();
});

afterAll(async () => {
  await context.close();
});

const ADMIN_PATH = '/api/v1/admin/scholarships';

const validDocument = {
  name: '  Coastal Engineering Award  ',
  provider: 'Gulf Coast Engineers',
  url: 'https://example.org/coastal',
  award: { min: 500, max: 1500.5, currency: 'USD', text: '$500 - $1,500.50' },
  deadline: { next: '2027-04-15', published: '2027-04-15', estimated: false },
  eligibility: {
    fieldsOfStudy: ['engineering'],
    gradeLevels: ['undergraduate'],
    states: ['TX', 'LA'],
    minGpa: 3.25,
    basis: 'merit',
  },
};

function create(body: unknown = validDocument) {
  return request(context.app)
    .post(ADMIN_PATH)
    .set(ADMIN_HEADERS)
    .send(body as object);
}

async function createdId(): Promise<string> {
  const response = await create();
  expect(response.status).toBe(201);
  return response.body.id;
}

/** Waits until another session waits for a lock, i.e. the request reached the locked row. */
function fieldsOf(response: request.Response): string[] {
  return response.body.errors.map((error: { field: string }) => error.field);
}

describe('admin authorization', () => {
  it('rejects a request without a user with a 401 problem and a challenge', async () => {
    const response = await request(context.app).post(ADMIN_PATH).send(validDocument);
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.body.code).toBe('AUTHENTICATION_REQUIRED');
  });

  it('rejects a user without the admin role with a 403 problem', async () => {
    const response = await request(context.app)
      .post(ADMIN_PATH)
      .set({ 'x-internal-user-id': 'u1', 'x-internal-user-roles': 'editor,viewer' })
      .send(validDocument);
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN');
  });

  it('checks the role before the input', async () => {
    const response = await request(context.app)
      .delete(`${ADMIN_PATH}/not-a-uuid`)
      .set(userHeaders('u1'));
    expect(response.status).toBe(403);
  });

  it('accepts admin among several roles with spaces', async () => {
    const response = await request(context.app)
      .post(ADMIN_PATH)
      .set({ 'x-internal-user-id': 'u2', 'x-internal-user-roles': 'viewer, admin' })
      .send(validDocument);
    expect(response.status).toBe(201);
  });
});

describe('POST /api/v1/admin/scholarships', () => {
  it('creates a scholarship with version 1, an ETag and a Location', async () => {
    const response = await create();
    const { id } = response.body;

    expect(response.status).toBe(201);
    expect(response.headers.location).toBe(`/api/v1/scholarships/${id}`);
    expect(response.headers.etag).toBe(`W/"${id}-1"`);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toMatchObject({
      name: 'Coastal Engineering Award',
      award: { min: 500, max: 1500.5, currency: 'USD' },
      eligibility: { states: ['TX', 'LA'], minGpa: 3.25, citizenship: [], basis: 'merit' },
      sources: [{ source: 'admin', ref: 'admin-1' }],
      version: 1,
    });
  });

  it('stores an admin source key and serves the new row on reads', async () => {
    const id = await createdId();
    const [row] = await context.db.knex('scholarships').select('source_key').where({ id });
    expect(row.source_key).toMatch(/^admin:[0-9a-f-]{36}$/);

    const read = await request(context.app).get(`/api/v1/scholarships/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.name).toBe('Coastal Engineering Award');
  });

  it('fills fields left out with empty values', async () => {
    const response = await create({ name: 'Minimal' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      provider: null,
      award: { min: null, max: null, currency: null, text: null },
      deadline: { next: null, published: null, estimated: false },
      eligibility: { fieldsOfStudy: [], states: [], minGpa: null, basis: null },
    });
  });

  it.each([
    ['a missing name', { provider: 'x' }, ['body.name']],
    ['a blank name', { name: '   ' }, ['body.name']],
    ['a name of 301 characters', { name: 'n'.repeat(301) }, ['body.name']],
    ['a negative amount', { name: 'a', award: { min: -1, currency: 'USD' } }, ['body.award.min']],
    [
      'a minimum above the maximum',
      { name: 'a', award: { min: 9, max: 1, currency: 'USD' } },
      ['body.award.max'],
    ],
    ['an amount without a currency', { name: 'a', award: { max: 100 } }, ['body.award.currency']],
    [
      'an unknown currency',
      { name: 'a', award: { max: 1, currency: 'usd' } },
      ['body.award.currency'],
    ],
    ['an impossible date', { name: 'a', deadline: { next: '2027-02-30' } }, ['body.deadline.next']],
    ['a year 0000 date', { name: 'a', deadline: { next: '0000-01-01' } }, ['body.deadline.next']],
    ['a javascript URL', { name: 'a', url: 'javascript:alert(1)' }, ['body.url']],
    ['an ftp URL', { name: 'a', url: 'ftp://example.org/file' }, ['body.url']],
    ['a URL with a space', { name: 'a', url: 'https://example.org/a b' }, ['body.url']],
    ['a group that is not an object', { name: 'a', award: 'high' }, ['body.award']],
    ['a GPA above 4', { name: 'a', eligibility: { minGpa: 4.5 } }, ['body.eligibility.minGpa']],
    [
      'an unknown state',
      { name: 'a', eligibility: { states: ['TX', 'XX'] } },
      ['body.eligibility.states.1'],
    ],
    [
      'an unknown grade level',
      { name: 'a', eligibility: { gradeLevels: ['phd'] } },
      ['body.eligibility.gradeLevels.0'],
    ],
    ['an unknown basis', { name: 'a', eligibility: { basis: 'luck' } }, ['body.eligibility.basis']],
    ['unknown top-level fields', { name: 'a', id: 'x', version: 3 }, ['body.id', 'body.version']],
    ['an unknown nested field', { name: 'a', award: { amount: 5 } }, ['body.award.amount']],
  ])('rejects %s with 400 naming each field', async (_case, body, fields) => {
    const response = await create(body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(response)).toEqual(fields);
  });

  it.each([
    ['no body', () => request(context.app).post(ADMIN_PATH).set(ADMIN_HEADERS)],
    ['an array', () => create([])],
  ])('rejects %s as a body with the expected media type', async (_case, send) => {
    const response = await send();

    expect(response.status).toBe(400);
    expect(fieldsOf(response)).toEqual(['body']);
    expect(response.body.errors[0].message).toBe(
      'must be a JSON object sent with Content-Type: application/json',
    );
  });

  it('rejects a minimum GPA of zero', async () => {
    const response = await create({ name: 'a', eligibility: { minGpa: 0 } });

    expect(response.status).toBe(400);
    expect(fieldsOf(response)).toEqual(['body.eligibility.minGpa']);
    expect(response.body.errors[0].message).toBe(
      'must be greater than 0. Send null or leave the field out for no minimum GPA',
    );
  });

  it('names every invalid field of one body', async () => {
    const response = await create({
      name: '',
      url: 'mailto:a@b.c',
      eligibility: { minGpa: -1 },
    });
    expect(fieldsOf(response).sort()).toEqual(['body.eligibility.minGpa', 'body.name', 'body.url']);
  });

  it('rejects control characters and unpaired surrogates', async () => {
    const response = await create({
      name: 'a\u0007b',
      description: 'fine\nline \ud800',
      eligibility: { ethnicities: ['\udc00'] },
    });

    expect(response.status).toBe(400);
    expect(fieldsOf(response).sort()).toEqual([
      'body.description',
      'body.eligibility.ethnicities.0',
      'body.name',
    ]);
  });
});

describe('PUT /api/v1/admin/scholarships/:id', () => {
  it('requires If-Match with 428', async () => {
    const id = await createdId();
    const response = await request(context.app)
      .put(`${ADMIN_PATH}/${id}`)
      .set(ADMIN_HEADERS)
      .send(validDocument);
    expect(response.status).toBe(428);
    expect(response.body.code).toBe('PRECONDITION_REQUIRED');
  });

  it('rejects a stale tag with 412 and changes nothing', async () => {
    const id = await createdId();
    await insertScholarship(context.db);
    const response = await request(context.app)
      .put(`${ADMIN_PATH}/${id}`)
      .set(ADMIN_HEADERS)
      .set('If-Match', `W/"${id}-7"`)
      .send({ ...validDocument, name: 'Changed' });

    expect(response.status).toBe(412);
    expect(response.body.code).toBe('PRECONDITION_FAILED');
    const read = await request(context.app).get(`/api/v1/scholarships/${id}`);
    expect(read.body.name).toBe('Coastal Engineering Award');
  });

  it('rejects a malformed tag naming the header', async () => {
    const id = await createdId();
    const response = await request(context.app)
      .put(`${ADMIN_PATH}/${id}`)
      .set(ADMIN_HEADERS)
      .set('If-Match', `${id}-1`)
      .send(validDocument);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(response)).toEqual(['headers.if-match']);
  });

  it('replaces the document, increments the version and sets updated_at', async () => {
    const id = await createdId();
    const before = await request(context.app).get(`/api/v1/scholarships/${id}`);
    const response = await request(context.app)
      .put(`${ADMIN_PATH}/${id}`)
      .set(ADMIN_HEADERS)
      .set('If-Match', String(before.headers.etag))
      .send({ name: 'Replaced', eligibility: { states: ['CA'] } });

    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe(`W/"${id}-2"`);
    expect(response.body).toMatchObject({
      name: 'Replaced',
      provider: null,
      award: { min: null, max: null },
      eligibility: { states: ['CA'], fieldsOfStudy: [] },
      sources: [{ source: 'admin', ref: 'admin-1' }],
      version: 2,
    });
    expect(Date.parse(response.body.updatedAt)).toBeGreaterThan(Date.parse(before.body.updatedAt));
  });

  it('accepts empty If-Match list elements', async () => {
    const id = await createdId();
    const response = await request(context.app)
      .put(`${ADMIN_PATH}/${id}`)
      .set(ADMIN_HEADERS)
      .set('If-Match', `, W/"${id}-1"`)
      .send({ name: 'Listed' });
    expect(response.status).toBe(200);
    expect(response.body.version).toBe(2);
  });

  it('accepts a star If-Match for an existing scholarship', async () => {
    const id = await createdId();
    const response = await request(context.app)
      .put(`${ADMIN_PATH}/${id}`)
      .set(ADMIN_HEADERS)
      .set('If-Match', '*')
      .send({ name: 'Star' });
    expect(response.status).toBe(200);
    expect(response.body.version).toBe(2);
  });

  it('keeps the version when the document is unchanged', async () => {
    const id = await createdId();
    const response = await request(context.app)
      .put(`${ADMIN_PATH}/${id}`)
      .set(ADMIN_HEADERS)
      .set('If-Match', `W/"${id}-1"`)
      .send(validDocument);
    expect(response.status).toBe(200);
    expect(response.body.version).toBe(1);
  });

  it('keeps the version when amounts differ only by binary rounding', async () => {
    const unrounded = {
      ...validDocument,
      award: { ...validDocument.award, min: 0.1 + 0.2 },
      eligibility: { ...validDocument.eligibility, minGpa: 3.1 + 0.2 },
    };
    const created = await create(unrounded);
    const id = created.body.id;
    const versions: number[] = [];
    for (let round = 0; round < 2; round += 1) {
      const response = await request(context.app)
        .put(`${ADMIN_PATH}/${id}`)
        .set(ADMIN_HEADERS)
        .set('If-Match', `W/"${id}-1"`)
        .send(unrounded);
      versions.push(response.body.version);
    }

    expect(created.body.award.min).toBe(0.3);
    expect(created.body.eligibility.minGpa).toBe(3.3);
    expect(versions).toEqual([1, 1]);
  });

  it('answers an unknown id with 404', async () => {
    const id = '00000000-0000-4000-8000-00000000abcd';
    const response = await request(context.app)
      .put(`${ADMIN_PATH}/${id}`)
      .set(ADMIN_HEADERS)
      .set('If-Match', `W/"${id}-1"`)
      .send(validDocument);
    expect(response.status).toBe(404);
  });

  it('lets exactly one of two writers with the same tag win', async () => {
    const id = await createdId();
    const write = (name: string) =>
      request(context.app)
        .put(`${ADMIN_PATH}/${id}`)
        .set(ADMIN_HEADERS)
        .set('If-Match', `W/"${id}-1"`)
        .send({ name });
    const statuses = (await Promise.all([write('First'), write('Second')])).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 412]);
  });

  it('rejects a write whose version changed while it waited for the row', async () => {
    const id = await createdId();
    let pending: Promise<request.Response> | undefined;
    await context.db.knex.transaction(async (trx) => {
      await trx('scholarships').where({ id }).forUpdate().first();
      pending = request(context.app)
        .put(`${ADMIN_PATH}/${id}`)
        .set(ADMIN_HEADERS)
        .set('If-Match', `W/"${id}-1"`)
        .send({ name: 'Late writer' })
        .then((response) => response);
      await waitForLockWaiter(context.db, 'scholarships');
      await trx('scholarships').where({ id }).update({ name: 'Concurrent', version: 2 });
    });
    const response = await pending;

    expect(response?.status).toBe(412);
    const read = await request(context.app).get(`/api/v1/scholarships/${id}`);
    expect(read.body).toMatchObject({ name: 'Concurrent', version: 2 });
  });
});

describe('PATCH /api/v1/admin/scholarships/:id', () => {
  function patch(id: string, body: unknown, tag = `W/"${id}-1"`) {
    return request(context.app)
      .patch(`${ADMIN_PATH}/${id}`)
      .set(ADMIN_HEADERS)
      .set('If-Match', tag)
      .set('Content-Type', 'application/merge-patch+json')
      .send(JSON.stringify(body));
  }

  it('merges nested members and keeps the rest', async () => {
    const id = await createdId();
    const response = await patch(id, { award: { max: 2000 }, eligibility: { states: ['OK'] } });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: 'Coastal Engineering Award',
      award: { min: 500, max: 2000, currency: 'USD' },
      eligibility: { states: ['OK'], fieldsOfStudy: ['engineering'], minGpa: 3.25 },
      version: 2,
    });
  });

  it('resets a member or a whole group with null', async () => {
    const id = await createdId();
    const response = await patch(id, { provider: null, eligibility: null });
    expect(response.body.provider).toBeNull();
    expect(response.body.eligibility).toMatchObject({ states: [], minGpa: null, basis: null });
    expect(response.body.award.max).toBe(1500.5);
  });

  it('rejects removing the name', async () => {
    const id = await createdId();
    const response = await patch(id, { name: null });
    expect(response.status).toBe(400);
    expect(fieldsOf(response)).toEqual(['body.name']);
  });

  it('checks cross-field rules on the merged document', async () => {
    const id = await createdId();
    const response = await patch(id, { award: { min: 5000 } });
    expect(response.status).toBe(400);
    expect(fieldsOf(response)).toEqual(['body.award.max']);
    const read = await request(context.app).get(`/api/v1/scholarships/${id}`);
    expect(read.body.version).toBe(1);
  });

  it('rejects unknown members', async () => {
    const id = await createdId();
    const response = await patch(id, { deadline: { soon: true } });
    expect(fieldsOf(response)).toEqual(['body.deadline.soon']);
  });

  it('keeps imported values that the patch does not touch', async () => {
    const id = await insertScholarship(context.db, { url: 'www.example.org/no-scheme' });
    const response = await patch(id, { deadline: { next: '2028-01-01' } });
    expect(response.status).toBe(200);
    expect(response.body.url).toBe('www.example.org/no-scheme');
    expect(response.body.deadline.next).toBe('2028-01-01');
  });

  it('refuses a JSON Patch with 415', async () => {
    const id = await createdId();
    const response = await request(context.app)
      .patch(`${ADMIN_PATH}/${id}`)
      .set(ADMIN_HEADERS)
      .set('If-Match', `W/"${id}-1"`)
      .set('Content-Type', 'application/json-patch+json')
      .send(JSON.stringify([{ op: 'replace', path: '/name', value: 'x' }]));
    expect(response.status).toBe(415);
    expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(response.headers['accept-patch']).toBe('application/merge-patch+json, application/json');
  });

  it.each([
    ['with Content-Length: 0', { 'Content-Length': '0' }],
    ['chunked', { 'Transfer-Encoding': 'chunked' }],
  ])('rejects an empty patch sent %s as a missing body', async (_case, framing) => {
    const id = await createdId();
    const response = await request(context.app)
      .patch(`${ADMIN_PATH}/${id}`)
      .set(ADMIN_HEADERS)
      .set('If-Match', `W/"${id}-1"`)
      .set(framing);

    expect(response.status).toBe(400);
    expect(fieldsOf(response)).toEqual(['body']);
  });

  it('patches an imported amount without a currency', async () => {
    const id = await insertScholarship(context.db, { award_currency: null });
    const response = await patch(id, { description: 'Corrected wording.' });
    expect(response.status).toBe(200);
    expect(response.body.description).toBe('Corrected wording.');
    expect(response.body.award.currency).toBeNull();
  });

  it('checks the rules of a member the patch changes', async () => {
    const id = await insertScholarship(context.db, { award_currency: null });
    const response = await patch(id, { award: { max: 3000 } });
    expect(response.status).toBe(400);
    expect(fieldsOf(response)).toEqual(['body.award.currency']);
  });

  it('requires If-Match with 428', async () => {
    const id = await createdId();
    const response = await request(context.app)
      .patch(`${ADMIN_PATH}/${id}`)
      .set(ADMIN_HEADERS)
      .send({ name: 'x' });
    expect(response.status).toBe(428);
  });
});

describe('DELETE /api/v1/admin/scholarships/:id', () => {
  it('requires If-Match with 428', async () => {
    const id = await createdId();
    const response = await request(context.app).delete(`${ADMIN_PATH}/${id}`).set(ADMIN_HEADERS);
    expect(response.status).toBe(428);
  });

  it('rejects a stale tag with 412', async () => {
    const id = await createdId();
    const response = await request(context.app)
      .delete(`${ADMIN_PATH}/${id}`)
      .set(ADMIN_HEADERS)
      .set('If-Match', `W/"${id}-2"`);
    expect(response.status).toBe(412);
  });

  it('deletes the scholarship and its interactions', async () => {
    const id = await createdId();
    await request(context.app)
      .post('/api/v1/me/interactions')
      .set(userHeaders('reader'))
      .send({ scholarshipId: id, type: 'saved' });
    const response = await request(context.app)
      .delete(`${ADMIN_PATH}/${id}`)
      .set(ADMIN_HEADERS)
      .set('If-Match', `W/"${id}-1"`);

    expect(response.status).toBe(204);
    expect((await request(context.app).get(`/api/v1/scholarships/${id}`)).status).toBe(404);
    const saved = await context.db.knex('user_interactions').where({ scholarship_id: id });
    expect(saved).toEqual([]);
  });

  it('answers a second delete with 404', async () => {
    const id = await createdId();
    const remove = () =>
      request(context.app)
        .delete(`${ADMIN_PATH}/${id}`)
        .set(ADMIN_HEADERS)
        .set('If-Match', `W/"${id}-1"`);
    expect((await remove()).status).toBe(204);
    expect((await remove()).status).toBe(404);
  });
});

describe('invalidation events in the outbox', () => {
  async function outboxEvents(id: string): Promise<unknown[]> {
    const rows = await context.db
      .knex('catalog_outbox')
      .select('event')
      .whereRaw("event->>'scholarshipId' = ?", [id])
      .orderBy('id');
    return rows.map((row: { event: unknown }) => row.event);
  }

  it('records one event per write with the new version', async () => {
    const id = await createdId();
    await request(context.app)
      .patch(`${ADMIN_PATH}/${id}`)
      .set(ADMIN_HEADERS)
      .set('If-Match', `W/"${id}-1"`)
      .send({ name: 'Patched' });
    await request(context.app)
      .delete(`${ADMIN_PATH}/${id}`)
      .set(ADMIN_HEADERS)
      .set('If-Match', `W/"${id}-2"`);

    expect(await outboxEvents(id)).toEqual([
      { type: 'scholarship.changed', scholarshipId: id, version: 1 },
      { type: 'scholarship.changed', scholarshipId: id, version: 2 },
      { type: 'scholarship.deleted', scholarshipId: id },
    ]);
  });

  it('records nothing for a rejected or unchanged write', async () => {
    const id = await createdId();
    await request(context.app)
      .put(`${ADMIN_PATH}/${id}`)
      .set(ADMIN_HEADERS)
      .set('If-Match', `W/"${id}-9"`)
      .send({ name: 'Stale' });
    await request(context.app)
      .put(`${ADMIN_PATH}/${id}`)
      .set(ADMIN_HEADERS)
      .set('If-Match', `W/"${id}-1"`)
      .send(validDocument);
    expect(await outboxEvents(id)).toHaveLength(1);
  });
});

describe('statements per write', () => {
  it('runs a patch as one transaction of six statements', async () => {
    const id = await createdId();
    const events = await context.queries.record(() =>
      request(context.app)
        .patch(`${ADMIN_PATH}/${id}`)
        .set(ADMIN_HEADERS)
        .set('If-Match', `W/"${id}-1"`)
        .send({ name: 'Counted' }),
    );
    const texts = events.map((event) => event.text);

    expect(events.every((event) => event.source === 'knex')).toBe(true);
    expect(texts).toHaveLength(6);
    expect(texts[0]).toBe('BEGIN;');
    expect(texts[1]).toMatch(/^select .* from "scholarships" where "id" = \$1 .*for update$/);
    expect(texts[2]).toMatch(/^update "scholarships" set /);
    expect(texts[3]).toBe('insert into "catalog_outbox" ("event") values ($1)');
    expect(texts[4]).toBe('SELECT pg_notify($1, NULL)');
    expect(texts[5]).toBe('COMMIT;');
  });
});
