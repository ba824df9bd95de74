import request from 'supertest';
import {
  type CatalogTestContext,
  createCatalogTestContext,
  insertScholarship,
  userHeaders,
} from '../test-support/catalog-test-context';
import { waitForLockWaiter } from '../test-support/lock-waiter';

let context: CatalogTestContext;
let userCounter = 0;

beforeAll(async () => {
  context = await createCatalogTestContext();
});

afterAll(async () => {
  await context.close();
});

function newUser(): string {
  userCounter += 1;
  return `user-${userCounter}`;
}

function interact(userId: string, scholarshipId: string, type: string) {
  return request(context.app)
    .post('/api/v1/me/interactions')
    .set(userHeaders(userId))
    .send({ scholarshipId, type });
}

function savedList(userId: string, query = '') {
  return request(context.app).get(`/api/v1/me/saved${query}`).set(userHeaders(userId));
}

async function interactionTypes(userId: string, scholarshipId: string): Promise<string[]> {
  const rows = await context.db
    .knex('user_interactions')
    .select('interaction_type')
    .where({ user_id: userId, scholarship_id: scholarshipId })
    .orderBy('id');
  return rows.map((row: { interaction_type: string }) => row.interaction_type);
}

describe('POST /api/v1/me/interactions', () => {
  it('rejects a request without a user with 401', async () => {
    const id = await insertScholarship(context.db);
    const response = await request(context.app)
      .post('/api/v1/me/interactions')
      .send({ scholarshipId: id, type: 'saved' });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('AUTHENTICATION_REQUIRED');
  });

  it('waits for a delete of the scholarship, then answers 404', async () => {
    const id = await insertScholarship(context.db);
    const user = newUser();
    expect((await interact(user, id, 'dismissed')).status).toBe(201);

    // The delete's order: the scholarship row first, then its interactions by cascade. A save
    // that removes the dismissal first would hold an interaction row the cascade needs.
    let saving: Promise<request.Response> | undefined;
    await context.db.knex.transaction(async (trx) => {
      await trx('scholarships').select('id').where({ id }).forUpdate().first();
      saving = interact(user, id, 'saved').then((response) => response);
      await waitForLockWaiter(context.db, 'scholarships');
      await trx('scholarships').where({ id }).delete();
    });
    const saved = await saving;

    expect(saved?.status).toBe(404);
    expect(await interactionTypes(user, id)).toEqual([]);
  });

  it('answers an unknown scholarship with 404', async () => {
    const response = await interact(newUser(), '00000000-0000-4000-8000-0000000000aa', 'saved');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('NOT_FOUND');
  });

  it('answers an unknown scholarship with 404 for a view too', async () => {
    const response = await interact(newUser(), '00000000-0000-4000-8000-0000000000ab', 'viewed');
    expect(response.status).toBe(404);
  });

  it('rejects an array body naming the content type', async () => {
    const response = await request(context.app)
      .post('/api/v1/me/interactions')
      .set(userHeaders(newUser()))
      .send([]);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: 'body', message: 'must be a JSON object sent with Content-Type: application/json' },
    ]);
  });

  it('rejects an unknown type and extra fields with 400 naming them', async () => {
    const id = await insertScholarship(context.db);
    const response = await request(context.app)
      .post('/api/v1/me/interactions')
      .set(userHeaders(newUser()))
      .send({ scholarshipId: id, type: 'liked', note: 'x' });
    expect(response.status).toBe(400);
    const fields = response.body.errors.map((error: { field: string }) => error.field);
    expect(fields.sort()).toEqual(['body.note', 'body.type']);
  });

  it('keeps one saved state when saving twice', async () => {
    const user = newUser();
    const id = await insertScholarship(context.db);
    const first = await interact(user, id, 'saved');
    const second = await interact(user, id, 'saved');

    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.createdAt).toBe(first.body.createdAt);
    expect(await interactionTypes(user, id)).toEqual(['saved']);
  });

  it('keeps one saved state under concurrent saves', async () => {
    const user = newUser();
    const id = await insertScholarship(context.db);
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => interact(user, id, 'saved')),
    );

    expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
    expect(await interactionTypes(user, id)).toEqual(['saved']);
  });

  it('keeps one save for ids in any letter case', async () => {
    const user = newUser();
    const id = await insertScholarship(context.db);
    const spellings = [id, id.toUpperCase(), `${id.slice(0, 8).toUpperCase()}${id.slice(8)}`];
    const responses = await Promise.all(
      [...spellings, ...spellings].map((spelling) => interact(user, spelling, 'saved')),
    );

    expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
    expect(await interactionTypes(user, id)).toEqual(['saved']);
  });

  it('records every view', async () => {
    const user = newUser();
    const id = await insertScholarship(context.db);
    await interact(user, id, 'viewed');
    const second = await interact(user, id, 'viewed');
    expect(second.status).toBe(201);
    expect(await interactionTypes(user, id)).toEqual(['viewed', 'viewed']);
  });

  it('removes the save when the user dismisses the scholarship', async () => {
    const user = newUser();
    const id = await insertScholarship(context.db);
    await interact(user, id, 'saved');
    const dismissed = await interact(user, id, 'dismissed');

    expect(dismissed.status).toBe(201);
    expect(await interactionTypes(user, id)).toEqual(['dismissed']);
    expect((await savedList(user)).body.items).toEqual([]);
  });

  it('removes the dismissal when the user saves again', async () => {
    const user = newUser();
    const id = await insertScholarship(context.db);
    await interact(user, id, 'dismissed');
    await interact(user, id, 'saved');
    expect(await interactionTypes(user, id)).toEqual(['saved']);
  });

  it('keeps the save when the user applies', async () => {
    const user = newUser();
    const id = await insertScholarship(context.db);
    await interact(user, id, 'saved');
    await interact(user, id, 'applied');
    expect(await interactionTypes(user, id)).toEqual(['saved', 'applied']);
  });

  it('sends private, no-store on success and on errors', async () => {
    const id = await insertScholarship(context.db);
    const success = await interact(newUser(), id, 'viewed');
    const failure = await request(context.app).get('/api/v1/me/saved');
    expect(success.headers['cache-control']).toBe('private, no-store');
    expect(failure.status).toBe(401);
    expect(failure.headers['cache-control']).toBe('private, no-store');
  });

  it('sends private, no-store on a body the parser rejects', async () => {
    const response = await request(context.app)
      .post('/api/v1/me/interactions')
      .set(userHeaders(newUser()))
      .set('Content-Type', 'application/json')
      .send('{"scholarshipId":');
    expect(response.status).toBe(400);
    expect(response.headers['cache-control']).toBe('private, no-store');
  });
});

describe('GET /api/v1/me/saved', () => {
  it('lists saved scholarships newest first with summaries', async () => {
    const user = newUser();
    const older = await insertScholarship(context.db, { name: 'Older' });
    const newer = await insertScholarship(context.db, { name: 'Newer' });
    await interact(user, older, 'saved');
    await interact(user, newer, 'saved');
    await interact(newUser(), older, 'saved');
    const response = await savedList(user);

    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.body.nextCursor).toBeNull();
    expect(
      response.body.items.map((item: { scholarship: { name: string } }) => item.scholarship.name),
    ).toEqual(['Newer', 'Older']);
    expect(response.body.items[0]).toEqual({
      savedAt: expect.any(String),
      scholarship: {
        id: newer,
        name: 'Newer',
        provider: 'Texas Nursing Foundation',
        url: null,
        award: { min: 1000, max: 2500, currency: 'USD', text: '$1,000 - $2,500' },
        deadline: { next: '2027-03-01', published: '2015-03-01', estimated: true },
        version: 1,
      },
    });
  });

  it('pages through the list with the cursor', async () => {
    const user = newUser();
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const id = await insertScholarship(context.db, { name: `Saved ${index}` });
      await interact(user, id, 'saved');
      ids.push(id);
    }
    const names: string[] = [];
    let query = '?limit=2';
    for (let page = 0; page < 5; page += 1) {
      const response = await savedList(user, query);
      names.push(
        ...response.body.items.map(
          (item: { scholarship: { name: string } }) => item.scholarship.name,
        ),
      );
      if (response.body.nextCursor === null) break;
      query = `?limit=2&cursor=${response.body.nextCursor}`;
    }
    expect(names).toEqual(['Saved 4', 'Saved 3', 'Saved 2', 'Saved 1', 'Saved 0']);
  });

  it('runs one statement for a page of 20 saved scholarships', async () => {
    const user = newUser();
    for (let index = 0; index < 25; index += 1) {
      await interact(user, await insertScholarship(context.db), 'saved');
    }
    const events = await context.queries.record(async () => {
      const response = await savedList(user, '?limit=20');
      expect(response.body.items).toHaveLength(20);
    });
    expect(events.map((event) => event.name)).toEqual(['catalog_saved_scholarships']);
  });

  it.each([
    ['a limit of 0', '?limit=0', 'query.limit'],
    ['a limit of 101', '?limit=101', 'query.limit'],
    ['a limit in exponent form', '?limit=1e1', 'query.limit'],
    ['a limit in hexadecimal', '?limit=0x3', 'query.limit'],
    ['a forged cursor', '?cursor=abc', 'query.cursor'],
    ['an unknown parameter', '?page=2', 'query.page'],
  ])('rejects %s with 400', async (_case, query, field) => {
    const response = await savedList(newUser(), query);
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe(field);
  });

  it('rejects a repeated cursor with 400', async () => {
    const response = await savedList(newUser(), '?cursor=a&cursor=b');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'query.cursor', message: 'must be given only once' }),
    ]);
  });

  it('rejects a request without a user with 401', async () => {
    const response = await request(context.app).get('/api/v1/me/saved');
    expect(response.status).toBe(401);
  });
});

describe('DELETE /api/v1/me/saved/:scholarshipId', () => {
  it('removes the save and keeps other interactions', async () => {
    const user = newUser();
    const id = await insertScholarship(context.db);
    await interact(user, id, 'viewed');
    await interact(user, id, 'saved');
    const response = await request(context.app)
      .delete(`/api/v1/me/saved/${id}`)
      .set(userHeaders(user));

    expect(response.status).toBe(204);
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(await interactionTypes(user, id)).toEqual(['viewed']);
  });

  it('answers 204 when nothing was saved', async () => {
    const id = await insertScholarship(context.db);
    const response = await request(context.app)
      .delete(`/api/v1/me/saved/${id}`)
      .set(userHeaders(newUser()));
    expect(response.status).toBe(204);
  });

  it('rejects a request without a user with 401', async () => {
    const id = await insertScholarship(context.db);
    const response = await request(context.app).delete(`/api/v1/me/saved/${id}`);
    expect(response.status).toBe(401);
  });
});
