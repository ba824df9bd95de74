import { insertScholarship, userHeaders } from '@scholarships/catalog/test-support';
import {
  createMigratedDatabase,
  createTestApp,
  type MigratedDatabase,
} from '@scholarships/eligibility/test-support';
import type { Express } from 'express';
import request from 'supertest';
import { ConformanceLog } from './conformance-log';

const UNKNOWN_ID = '7d4c1c8e-8a3e-4f5e-9a61-3b0f1f0f2c55';
const PROFILE = {
  gradeLevel: 'high_school_senior',
  gpa: 3.5,
  state: 'TX',
  fieldsOfStudy: ['nursing'],
  ethnicities: [' Hispanic '],
};

describe('eligibility responses against the catalogue', () => {
  const log = new ConformanceLog('eligibility');
  let database: MigratedDatabase;
  let app: Express;
  let scholarshipId: string;

  beforeAll(async () => {
    database = await createMigratedDatabase('contract_eligibility');
    app = createTestApp(database.db);
    scholarshipId = await insertScholarship(database.db, { deadline: '2026-04-01' });
    await insertScholarship(database.db, { name: 'Open Award', field_of_study: [], state: [] });
  });

  afterAll(async () => {
    await database.drop();
  });

  function expectConforms(operationId: string, response: request.Response, status: number) {
    expect(response.status).toBe(status);
    expect(log.check(operationId, response)).toEqual([]);
  }

  it('checkEligibility: 200 and 400', async () => {
    const checked = await request(app).post('/api/v1/eligibility/check?limit=5').send(PROFILE);
    expectConforms('checkEligibility', checked, 200);
    expect(checked.body.items.length).toBeGreaterThan(0);
    const invalid = await request(app)
      .post('/api/v1/eligibility/check')
      .send({ ...PROFILE, gpa: 9 });
    expectConforms('checkEligibility', invalid, 400);
  });

  it('analyzeEligibility: 200, 400 and 404', async () => {
    const analysis = await request(app)
      .post('/api/v1/eligibility/analysis')
      .send({ scholarshipId, profile: PROFILE });
    expectConforms('analyzeEligibility', analysis, 200);
    const mismatch = await request(app)
      .post('/api/v1/eligibility/analysis')
      .send({ scholarshipId, profile: { ...PROFILE, state: 'CA', gpa: 2 } });
    expectConforms('analyzeEligibility', mismatch, 200);
    expect(mismatch.body.scoreCap).not.toBeNull();
    const invalid = await request(app)
      .post('/api/v1/eligibility/analysis')
      .send({ scholarshipId: 'x', profile: PROFILE });
    expectConforms('analyzeEligibility', invalid, 400);
    const unknown = await request(app)
      .post('/api/v1/eligibility/analysis')
      .send({ scholarshipId: UNKNOWN_ID, profile: PROFILE });
    expectConforms('analyzeEligibility', unknown, 404);
  });

  it('profile and matches: 404 before the first put, then 201, 200 and 412', async () => {
    const user = userHeaders('student-profile');
    const none = await request(app).get('/api/v1/me/profile').set(user);
    expectConforms('getProfile', none, 404);
    const noMatches = await request(app).get('/api/v1/me/matches').set(user);
    expectConforms('getMatches', noMatches, 404);

    const created = await request(app).put('/api/v1/me/profile').set(user).send(PROFILE);
    expectConforms('putProfile', created, 201);
    const replaced = await request(app)
      .put('/api/v1/me/profile')
      .set(user)
      .set('If-Match', String(created.headers.etag))
      .send({ ...PROFILE, gpa: 3.8 });
    expectConforms('putProfile', replaced, 200);
    const stale = await request(app)
      .put('/api/v1/me/profile')
      .set(user)
      .set('If-Match', String(created.headers.etag))
      .send(PROFILE);
    expectConforms('putProfile', stale, 412);

    const stored = await request(app).get('/api/v1/me/profile').set(user);
    expectConforms('getProfile', stored, 200);
    const matches = await request(app).get('/api/v1/me/matches?limit=1').set(user);
    expectConforms('getMatches', matches, 200);
    const invalidPage = await request(app).get('/api/v1/me/matches?limit=0').set(user);
    expectConforms('getMatches', invalidPage, 400);
  });

  it('answers 401 on every /me route without a user', async () => {
    expectConforms('getProfile', await request(app).get('/api/v1/me/profile'), 401);
    expectConforms('putProfile', await request(app).put('/api/v1/me/profile').send({}), 401);
    expectConforms('getMatches', await request(app).get('/api/v1/me/matches'), 401);
  });

  it('covers every eligibility route with a success and a problem', () => {
    expect(log.uncovered()).toEqual([]);
  });
});
