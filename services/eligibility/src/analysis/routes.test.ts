import type { Express } from 'express';
import request from 'supertest';
import { createMigratedDatabase, type MigratedDatabase } from '../test-support/migrated-database';
import { insertScholarships } from '../test-support/scholarship-fixtures';
import { createTestApp } from '../test-support/test-app';

const ANALYSIS = '/api/v1/eligibility/analysis';
const UNKNOWN_ID = '6f1d2c4e-8a0b-4c3d-9e5f-0a1b2c3d4e5f';

let database: MigratedDatabase;
let app: Express;
let arizonaId: string;

beforeAll(async () => {
  database = await createMigratedDatabase('eligibility_analysis');
  const ids = await insertScholarships(database.db.knex, [
    {
      key: 'bigfuture:arizona',
      source: 'bigfuture_arizona',
      name: 'Arizona Community Award',
      state: ['AZ'],
      min_gpa: 3.3,
      deadline: '2026-03-13',
      award_amount_max: 2000,
      award_currency: 'USD',
    },
  ]);
  arizonaId = ids.get('bigfuture:arizona') ?? '';
  // Noon UTC, so the analysis stays fresh for the remaining 12 hours of the day.
  app = createTestApp(database.db, { now: () => new Date('2026-03-01T12:00:00Z') });
});

afterAll(async () => {
  await database?.drop();
});

function analyze(body: object) {
  return request(app).post(ANALYSIS).send(body);
}

function expectBadRequest(response: request.Response, field: string): void {
  expect(response.status).toBe(400);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
}

describe('POST /api/v1/eligibility/analysis', () => {
  it('scores the profile with steps and a day count', async () => {
    const response = await analyze({ scholarshipId: arizonaId, profile: { gpa: 3.1 } });
    expect(response.status).toBe(200);
    expect(response.body.computedFor).toBe('2026-03-01');
    expect(response.body.scholarship).toMatchObject({
      id: arizonaId,
      name: 'Arizona Community Award',
      version: 1,
    });
    expect(response.body.status).toBe('ineligible');
    expect(response.body.score).toBe(40);
    expect(response.body.nextSteps).toEqual([
      'raise GPA from 3.1 to 3.3',
      'add your state to your profile: this scholarship is limited to AZ residents',
      'deadline in 12 days: apply by 2026-03-13',
    ]);
    expect(response.body.breakdown).toHaveLength(9);
  });

  it('lets shared caches keep it until midnight UTC', async () => {
    const response = await analyze({ scholarshipId: arizonaId, profile: {} });
    expect(response.headers['cache-control']).toBe('public, max-age=43200');
  });

  it('returns the same body at any time of one day', async () => {
    const body = { scholarshipId: arizonaId, profile: { state: 'AZ', gpa: 3.4 } };
    const morning = createTestApp(database.db, { now: () => new Date('2026-03-01T00:00:01Z') });
    const first = await request(morning).post(ANALYSIS).send(body);
    const second = await analyze(body);
    expect(first.body).toEqual(second.body);
    expect(second.body.score).toBe(100);
  });

  it('does not need a signed-in user', async () => {
    const response = await analyze({ scholarshipId: arizonaId, profile: {} });
    expect(response.status).toBe(200);
  });

  it('answers 404 for an unknown scholarship', async () => {
    const response = await analyze({ scholarshipId: UNKNOWN_ID, profile: {} });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('SCHOLARSHIP_NOT_FOUND');
    expect(response.body.detail).toContain(UNKNOWN_ID);
    expect(response.headers['cache-control']).toBeUndefined();
  });

  it('rejects an id that is not a UUID', async () => {
    expectBadRequest(await analyze({ scholarshipId: '42', profile: {} }), 'body.scholarshipId');
  });

  it('rejects an invalid profile value naming its path', async () => {
    const response = await analyze({ scholarshipId: arizonaId, profile: { gpa: 4.5 } });
    expectBadRequest(response, 'body.profile.gpa');
  });

  it('rejects a missing profile and unknown keys', async () => {
    const missing = await analyze({ scholarshipId: arizonaId });
    expectBadRequest(missing, 'body.profile');
    expect(missing.body.errors[0].message).toContain('student profile');
    expect(missing.body.errors[0].message).not.toContain('Content-Type');
    const extra = await analyze({ scholarshipId: arizonaId, profile: {}, today: '2030-01-01' });
    expectBadRequest(extra, 'body.today');
  });

  it('rejects an empty body', async () => {
    expectBadRequest(await request(app).post(ANALYSIS), 'body');
  });
});
