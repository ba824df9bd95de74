import { IDENTITY_HEADERS } from '@scholarships/contracts';
import { type QueryEvent, QueryRecorder } from '@scholarships/db';
import { createRegistry, type Registry } from '@scholarships/metrics';
import type { Express } from 'express';
import request from 'supertest';
import { hotStatements } from './statements';
import { createMigratedDatabase, type MigratedDatabase } from './test-support/migrated-database';
import { type FixtureScholarship, insertScholarships } from './test-support/scholarship-fixtures';
import { createTestApp } from './test-support/test-app';

/**
 * Enough scholarships in enough criteria sets that a query per match or per
 * set would show up as dozens of statements.
 */
const FIXTURES: FixtureScholarship[] = Array.from({ length: 120 }, (_, index) => ({
  key: `counted:${index}`,
  name: `Counted Award ${index}`,
  state: index % 3 === 0 ? ['TX'] : [],
  min_gpa: [null, 2, 3][index % 3] ?? null,
  field_of_study: index % 4 === 0 ? ['nursing'] : [],
  gender: index % 5 === 0 ? ['female'] : [],
  deadline: `2026-0${3 + (index % 6)}-15`,
}));

const USER = 'counted-user';
const PROFILE = { gradeLevel: 'undergraduate', gpa: 3.2, state: 'TX', fieldsOfStudy: ['nursing'] };

const recorder = new QueryRecorder();
let registry: Registry;
let database: MigratedDatabase;
let app: Express;
let scholarshipId: string;

beforeAll(async () => {
  registry = createRegistry({ service: 'eligibility-test', defaultMetrics: false });
  database = await createMigratedDatabase('eligibility_counts', {
    onQuery: recorder.listener,
    registry,
  });
  const ids = await insertScholarships(database.db.knex, FIXTURES);
  scholarshipId = ids.get('counted:0') ?? '';
  app = createTestApp(database.db, { registry });
  await request(app).put('/api/v1/me/profile').set(IDENTITY_HEADERS.userId, USER).send(PROFILE);
});

afterAll(async () => {
  await database?.drop();
});

/** Names of the prepared statements a request ran, in order; Knex queries appear as `knex`. */
function namesOf(events: readonly QueryEvent[]): string[] {
  return events.map((event) => event.name ?? event.source);
}

/** Sum of `db_query_duration_seconds_count` over every statement and outcome. */
async function statementsRun(): Promise<number> {
  const metric = await registry.getSingleMetric('db_query_duration_seconds')?.get();
  return (metric?.values ?? [])
    .filter(
      (value) => 'metricName' in value && value.metricName === 'db_query_duration_seconds_count',
    )
    .reduce((sum, value) => sum + value.value, 0);
}

async function record(send: () => request.Test): Promise<string[]> {
  let status = 0;
  const events = await recorder.record(async () => {
    status = (await send()).status;
  });
  expect(status).toBeLessThan(300);
  return namesOf(events);
}

describe('statements per request', () => {
  it('check runs one statement for any page', async () => {
    for (const query of ['', '?limit=100', '?limit=7&offset=60']) {
      const names = await record(() =>
        request(app).post(`/api/v1/eligibility/check${query}`).send(PROFILE),
      );
      expect(names).toEqual(['eligibility_match_page']);
    }
  });

  it('matches run the profile lookup and the match page', async () => {
    const names = await record(() =>
      request(app).get('/api/v1/me/matches?limit=100').set(IDENTITY_HEADERS.userId, USER),
    );
    expect(names).toEqual(['eligibility_profile_by_user', 'eligibility_match_page']);
  });

  it('analysis runs one lookup by id', async () => {
    const names = await record(() =>
      request(app).post('/api/v1/eligibility/analysis').send({ scholarshipId, profile: PROFILE }),
    );
    expect(names).toEqual(['eligibility_scholarship_by_id']);
  });

  it('reading the profile runs one lookup', async () => {
    const names = await record(() =>
      request(app).get('/api/v1/me/profile').set(IDENTITY_HEADERS.userId, USER),
    );
    expect(names).toEqual(['eligibility_profile_by_user']);
  });

  it('a changing PUT runs one transaction of fixed size', async () => {
    const events = await recorder.record(async () => {
      const response = await request(app)
        .put('/api/v1/me/profile')
        .set(IDENTITY_HEADERS.userId, USER)
        .send({ ...PROFILE, gpa: 3.4 });
      expect(response.body.version).toBe(2);
    });
    expect(events.map((event) => event.text.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'BEGIN;',
      'select "profile",',
      'update "student_profiles"',
      'insert into',
      'SELECT pg_notify($1,',
      'COMMIT;',
    ]);
  });

  it('agree with the query duration metric', async () => {
    const before = await statementsRun();
    await request(app).get('/api/v1/me/matches').set(IDENTITY_HEADERS.userId, USER);
    expect((await statementsRun()) - before).toBe(2);
  });

  it('use only statements that the warm-up prepares', async () => {
    const warmed = new Set(hotStatements(database.db.knex, '2026-03-01').map((s) => s.name));
    const used = new Set(database.db.statements.entries().map(([name]) => name));
    expect([...used].sort()).toEqual([...warmed].sort());
  });
});
