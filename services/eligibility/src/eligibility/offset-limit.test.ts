import { MAX_OFFSET } from '@scholarships/api-contract';
import type { Express } from 'express';
import request from 'supertest';
import { createMigratedDatabase, type MigratedDatabase } from '../test-support/migrated-database';
import { createTestApp } from '../test-support/test-app';

const CHECK = '/api/v1/eligibility/check';

/** More unrestricted scholarships than the largest offset can reach with a page of 100. */
const ROW_COUNT = MAX_OFFSET + 150;

let database: MigratedDatabase;
let app: Express;

beforeAll(async () => {
  database = await createMigratedDatabase('eligibility_offset_limit');
  await database.db.knex.raw(
    `INSERT INTO scholarships (source_key, name)
     SELECT 'generated:' || n, 'Generated scholarship ' || n FROM generate_series(1, ?) AS n`,
    [ROW_COUNT],
  );
  app = createTestApp(database.db);
}, 60_000);

afterAll(async () => {
  await database?.drop();
});

describe('nextOffset near MAX_OFFSET', () => {
  it('stays within the accepted offsets', async () => {
    const before = await request(app)
      .post(`${CHECK}?limit=100&offset=${MAX_OFFSET - 100}`)
      .send({});
    expect(before.status).toBe(200);
    expect(before.body.nextOffset).toBe(MAX_OFFSET);

    const last = await request(app).post(`${CHECK}?limit=100&offset=${MAX_OFFSET}`).send({});
    expect(last.status).toBe(200);
    expect(last.body.total).toBe(ROW_COUNT);
    expect(last.body.items).toHaveLength(100);
    expect(last.body.nextOffset).toBeNull();
  });

  it('ends a page that crosses MAX_OFFSET', async () => {
    const response = await request(app)
      .post(`${CHECK}?limit=7&offset=${MAX_OFFSET - 3}`)
      .send({});
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(7);
    expect(response.body.nextOffset).toBeNull();
  });
});
