import { IDENTITY_HEADERS, type InvalidationEvent } from '@scholarships/contracts';
import type { Express } from 'express';
import request from 'supertest';
import { ELIGIBILITY_OUTBOX_TABLE } from '../events';
import { createMigratedDatabase, type MigratedDatabase } from '../test-support/migrated-database';
import { insertScholarships } from '../test-support/scholarship-fixtures';
import { createTestApp } from '../test-support/test-app';

const PROFILE = '/api/v1/me/profile';
const MATCHES = '/api/v1/me/matches';
const CHECK = '/api/v1/eligibility/check';

const TEXAS_NURSE = {
  gradeLevel: 'high_school_senior',
  gpa: 3.5,
  state: 'TX',
  fieldsOfStudy: ['nursing', 'health_sciences'],
  ethnicities: ['Hispanic', 'Asian'],
};

let database: MigratedDatabase;
let app: Express;
let userCounter = 0;

/** Returns a new user id for each test, so tests do not share profiles. */
function newUser(): string {
  userCounter += 1;
  return `user-${userCounter}`;
}

beforeAll(async () => {
  database = await createMigratedDatabase('eligibility_profiles');
  await insertScholarships(database.db.knex, [
    { key: 'helios:texas', name: 'Lone Star Award', state: ['TX'], deadline: '2026-03-20' },
    { key: 'helios:nursing', name: 'Nurses Award', field_of_study: ['nursing'] },
    { key: 'helios:open', name: 'Open Award', deadline: '2026-03-05', award_amount_max: 500 },
    { key: 'helios:arizona', name: 'Arizona Award', state: ['AZ'] },
    { key: 'helios:women', name: 'Women Award', gender: ['female'] },
  ]);
  app = createTestApp(database.db);
});

afterAll(async () => {
  await database?.drop();
});

async function eventsOf(userId: string): Promise<InvalidationEvent[]> {
  const rows: { event: InvalidationEvent }[] = await database.db
    .knex(ELIGIBILITY_OUTBOX_TABLE)
    .select('event')
    .orderBy('id');
  return rows
    .map((row) => row.event)
    .filter((event) => event.type === 'profile.changed' && event.userId === userId);
}

function put(userId: string, body: object) {
  return request(app).put(PROFILE).set(IDENTITY_HEADERS.userId, userId).send(body);
}

function expectProblem(response: request.Response, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.body.code).toBe(code);
}

function expectPrivate(response: request.Response): void {
  expect(response.headers['cache-control']).toBe('private, no-store');
}

describe('PUT /api/v1/me/profile', () => {
  it('creates the profile as version 1', async () => {
    const userId = newUser();
    const response = await put(userId, TEXAS_NURSE);
    expect(response.status).toBe(201);
    expect(response.headers.etag).toBe('"1"');
    expectPrivate(response);
    expect(response.body).toEqual({
      profile: {
        gradeLevel: 'high_school_senior',
        gpa: 3.5,
        state: 'TX',
        citizenship: null,
        // Sorted: vocabulary order for fields, code points for ethnicities.
        fieldsOfStudy: ['health_sciences', 'nursing'],
        gender: null,
        ethnicities: ['asian', 'hispanic'],
        financialNeed: null,
      },
      version: 1,
      updatedAt: expect.any(String),
    });
    expect(await eventsOf(userId)).toEqual([{ type: 'profile.changed', userId, version: 1 }]);
  });

  it('keeps the version when only list order differs', async () => {
    const userId = newUser();
    await put(userId, TEXAS_NURSE);
    const response = await put(userId, {
      ...TEXAS_NURSE,
      fieldsOfStudy: ['health_sciences', 'nursing', 'nursing'],
      ethnicities: ['ASIAN', ' hispanic'],
    });
    expect(response.status).toBe(200);
    expect(response.body.version).toBe(1);
    expect(response.headers.etag).toBe('"1"');
    expect(await eventsOf(userId)).toHaveLength(1);
  });

  it('stores a lower-case state code upper-cased', async () => {
    const userId = newUser();
    await put(userId, TEXAS_NURSE);
    const response = await put(userId, { ...TEXAS_NURSE, state: 'tx' });
    expect(response.status).toBe(200);
    expect(response.body.profile.state).toBe('TX');
    expect(response.body.version).toBe(1);
  });

  it('bumps the version and records an event on change', async () => {
    const userId = newUser();
    await put(userId, TEXAS_NURSE);
    const response = await put(userId, { ...TEXAS_NURSE, gpa: 3.6 });
    expect(response.status).toBe(200);
    expect(response.body.version).toBe(2);
    expect(response.body.profile.gpa).toBe(3.6);
    expect(response.headers.etag).toBe('"2"');
    expect(await eventsOf(userId)).toEqual([
      { type: 'profile.changed', userId, version: 1 },
      { type: 'profile.changed', userId, version: 2 },
    ]);
  });

  it('replaces an invalid stored profile', async () => {
    const userId = newUser();
    await put(userId, TEXAS_NURSE);
    // A field of study that is not in the vocabulary, as after a vocabulary change.
    await database.db
      .knex('student_profiles')
      .where('user_id', userId)
      .update({ profile: JSON.stringify({ fieldsOfStudy: ['astrology'] }) });
    const stale = await request(app).get(PROFILE).set(IDENTITY_HEADERS.userId, userId);
    expect(stale.status).toBe(500);
    expect(stale.body.code).toBe('STORED_PROFILE_INVALID');

    const response = await put(userId, TEXAS_NURSE);
    expect(response.status).toBe(200);
    expect(response.body.version).toBe(2);
    expect(response.body.profile.fieldsOfStudy).toEqual(['health_sciences', 'nursing']);
    expect((await eventsOf(userId)).map((event) => 'version' in event && event.version)).toEqual([
      1, 2,
    ]);
    const read = await request(app).get(PROFILE).set(IDENTITY_HEADERS.userId, userId);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"2"');
  });

  it('counts an omitted value as a change from a stated one', async () => {
    const userId = newUser();
    await put(userId, TEXAS_NURSE);
    const { gpa: _gpa, ...withoutGpa } = TEXAS_NURSE;
    const response = await put(userId, withoutGpa);
    expect(response.body.version).toBe(2);
    expect(response.body.profile.gpa).toBeNull();
  });

  it('replaces with a matching If-Match', async () => {
    const userId = newUser();
    await put(userId, TEXAS_NURSE);
    const response = await put(userId, { gpa: 2 }).set('If-Match', '"7", "1"');
    expect(response.status).toBe(200);
    expect(response.body.version).toBe(2);
  });

  it('accepts empty If-Match list elements', async () => {
    const userId = newUser();
    await put(userId, TEXAS_NURSE);
    const response = await put(userId, { gpa: 2 }).set('If-Match', ', "1"');
    expect(response.status).toBe(200);
    expect(response.body.version).toBe(2);
  });

  it('replaces any stored profile with If-Match *', async () => {
    const userId = newUser();
    await put(userId, TEXAS_NURSE);
    const response = await put(userId, { gpa: 2 }).set('If-Match', '*');
    expect(response.status).toBe(200);
  });

  it('keeps invalid JSON private', async () => {
    const response = await request(app)
      .put(PROFILE)
      .set(IDENTITY_HEADERS.userId, newUser())
      .set('Content-Type', 'application/json')
      .send('{"gpa":');
    expectProblem(response, 400, 'INVALID_JSON');
    expectPrivate(response);
  });

  it('keeps a body over the limit private', async () => {
    const response = await request(app)
      .put(PROFILE)
      .set(IDENTITY_HEADERS.userId, newUser())
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ note: 'x'.repeat(200 * 1024) }));
    expect(response.status).toBe(413);
    expectPrivate(response);
  });

  it('answers 412 to a stale If-Match and keeps the profile', async () => {
    const userId = newUser();
    await put(userId, TEXAS_NURSE);
    await put(userId, { ...TEXAS_NURSE, gpa: 3 });
    const response = await put(userId, { gpa: 2 }).set('If-Match', '"1"');
    expectProblem(response, 412, 'PRECONDITION_FAILED');
    expect(response.body.detail).toContain('current ETag "2"');
    expectPrivate(response);
    const stored = await request(app).get(PROFILE).set(IDENTITY_HEADERS.userId, userId);
    expect(stored.body.profile.gpa).toBe(3);
    expect(await eventsOf(userId)).toHaveLength(2);
  });

  it('answers 412 to a weak If-Match tag', async () => {
    const userId = newUser();
    await put(userId, TEXAS_NURSE);
    const response = await put(userId, { gpa: 2 }).set('If-Match', 'W/"1"');
    expectProblem(response, 412, 'PRECONDITION_FAILED');
  });

  it('answers 412 to If-Match when no profile exists', async () => {
    const userId = newUser();
    const response = await put(userId, TEXAS_NURSE).set('If-Match', '*');
    expectProblem(response, 412, 'PRECONDITION_FAILED');
    expect(response.body.detail).toContain('no profile is stored yet');
    const stored = await request(app).get(PROFILE).set(IDENTITY_HEADERS.userId, userId);
    expect(stored.status).toBe(404);
  });

  it('creates only with If-None-Match *', async () => {
    const userId = newUser();
    const created = await put(userId, TEXAS_NURSE).set('If-None-Match', '*');
    expect(created.status).toBe(201);
    const again = await put(userId, { gpa: 2 }).set('If-None-Match', '*');
    expectProblem(again, 412, 'PRECONDITION_FAILED');
    expect(again.body.detail).toContain('ETag is "1"');
  });

  it('rejects a malformed If-Match naming the header', async () => {
    const userId = newUser();
    const response = await put(userId, TEXAS_NURSE).set('If-Match', '1');
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors[0].field).toBe('headers.if-match');
  });

  it('rejects an invalid GPA naming the field', async () => {
    const response = await put(newUser(), { ...TEXAS_NURSE, gpa: 5 });
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([
      'body.gpa',
    ]);
    expectPrivate(response);
  });

  it('rejects an unpaired surrogate naming the field', async () => {
    const response = await put(newUser(), { ethnicities: ['\ud800'] });

    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors[0].field).toBe('body.ethnicities.0');
  });

  it('limits an ethnicity by its lower-case length', async () => {
    // Lower-casing turns İ (U+0130) into two UTF-16 units.
    const accepted = await put(newUser(), { ethnicities: [`${'x'.repeat(98)}\u0130`] });
    const tooLong = await put(newUser(), { ethnicities: [`${'x'.repeat(99)}\u0130`] });

    expect(accepted.status).toBe(201);
    expect(accepted.body.profile.ethnicities[0]).toHaveLength(100);
    expectProblem(tooLong, 400, 'VALIDATION_FAILED');
    expect(tooLong.body.errors[0].field).toBe('body.ethnicities.0');
  });

  it('rejects an unknown key and an empty body', async () => {
    const unknown = await put(newUser(), { ...TEXAS_NURSE, school: 'X' });
    expect(unknown.body.errors[0].field).toBe('body.school');
    const empty = await request(app).put(PROFILE).set(IDENTITY_HEADERS.userId, newUser());
    expectProblem(empty, 400, 'VALIDATION_FAILED');
    expect(empty.body.errors[0].field).toBe('body');
  });

  it('answers 401 without a user before validating', async () => {
    const response = await request(app).put(PROFILE).send({ gpa: 9 });
    expectProblem(response, 401, 'AUTHENTICATION_REQUIRED');
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expectPrivate(response);
  });

  it('answers 401 to an empty or oversized user id', async () => {
    const empty = await request(app).put(PROFILE).set(IDENTITY_HEADERS.userId, ' ').send({});
    expect(empty.status).toBe(401);
    const long = await put('u'.repeat(257), TEXAS_NURSE);
    expect(long.status).toBe(401);
  });

  it('stores one profile for concurrent first writes', async () => {
    const userId = newUser();
    const responses = await Promise.all([
      put(userId, TEXAS_NURSE),
      put(userId, { ...TEXAS_NURSE, gpa: 3.9 }),
      put(userId, { ...TEXAS_NURSE, gpa: 3.1 }),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 201]);
    const versions = responses.map((response) => response.body.version).sort();
    expect(versions).toEqual([1, 2, 3]);
    expect((await eventsOf(userId)).map((event) => 'version' in event && event.version)).toEqual([
      1, 2, 3,
    ]);
  });
});

describe('GET /api/v1/me/profile', () => {
  it('returns the stored profile with its ETag', async () => {
    const userId = newUser();
    const stored = await put(userId, TEXAS_NURSE);
    const response = await request(app).get(PROFILE).set(IDENTITY_HEADERS.userId, userId);
    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe('"1"');
    expectPrivate(response);
    expect(response.body).toEqual(stored.body);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const userId = newUser();
    await put(userId, TEXAS_NURSE);
    const get = (condition: string) =>
      request(app)
        .get(PROFILE)
        .set(IDENTITY_HEADERS.userId, userId)
        .set('If-None-Match', condition);

    const current = await get('"1"');
    const listed = await get('"7", W/"1"');
    const stale = await get('"0"');

    expect(current.status).toBe(304);
    expect(current.headers.etag).toBe('"1"');
    expectPrivate(current);
    expect(listed.status).toBe(304);
    expect(stale.status).toBe(200);
    expect(stale.body.version).toBe(1);
  });

  it('rejects a malformed If-None-Match', async () => {
    const userId = newUser();
    await put(userId, TEXAS_NURSE);
    const response = await request(app)
      .get(PROFILE)
      .set(IDENTITY_HEADERS.userId, userId)
      .set('If-None-Match', '1');

    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors[0].field).toBe('headers.if-none-match');
  });

  it('answers 404 for a user without a profile', async () => {
    const response = await request(app).get(PROFILE).set(IDENTITY_HEADERS.userId, newUser());
    expectProblem(response, 404, 'PROFILE_NOT_FOUND');
    expect(response.body.detail).toContain('PUT /api/v1/me/profile');
    expectPrivate(response);
  });

  it('keeps each user to their own profile', async () => {
    const owner = newUser();
    await put(owner, TEXAS_NURSE);
    const other = await request(app).get(PROFILE).set(IDENTITY_HEADERS.userId, newUser());
    expect(other.status).toBe(404);
  });

  it('answers 401 without a user', async () => {
    const response = await request(app).get(PROFILE);
    expectProblem(response, 401, 'AUTHENTICATION_REQUIRED');
    expectPrivate(response);
  });
});

describe('GET /api/v1/me/matches', () => {
  it('returns the matches of the stored profile', async () => {
    const userId = newUser();
    await put(userId, { state: 'TX', fieldsOfStudy: ['nursing'] });
    const response = await request(app).get(MATCHES).set(IDENTITY_HEADERS.userId, userId);
    expect(response.status).toBe(200);
    expectPrivate(response);
    expect(response.body.profileVersion).toBe(1);
    const names = response.body.items.map(
      (item: { scholarship: { name: string } }) => item.scholarship.name,
    );
    expect(names).toEqual(['Lone Star Award', 'Nurses Award', 'Open Award', 'Women Award']);
    expect(response.body.total).toBe(4);
    expect(response.body.eligibleTotal).toBe(3);
  });

  it('pages like the check for the same profile', async () => {
    const userId = newUser();
    const stored = await put(userId, { state: 'TX' });
    const matches = await request(app)
      .get(`${MATCHES}?limit=2&offset=1`)
      .set(IDENTITY_HEADERS.userId, userId);
    const check = await request(app).post(`${CHECK}?limit=2&offset=1`).send(stored.body.profile);
    const { profile: _profile, ...checkPage } = check.body;
    expect(matches.body).toEqual({ profileVersion: 1, ...checkPage });
    expect(matches.body.items).toHaveLength(2);
    expect(matches.body.nextOffset).toBe(3);
  });

  it('follows the profile after a change', async () => {
    const userId = newUser();
    await put(userId, { state: 'TX' });
    await put(userId, { state: 'AZ' });
    const response = await request(app).get(MATCHES).set(IDENTITY_HEADERS.userId, userId);
    expect(response.body.profileVersion).toBe(2);
    const names = response.body.items.map(
      (item: { scholarship: { name: string } }) => item.scholarship.name,
    );
    expect(names).toContain('Arizona Award');
    expect(names).not.toContain('Lone Star Award');
  });

  it('answers 304 while the page is unchanged', async () => {
    const userId = newUser();
    await put(userId, { state: 'TX' });
    const get = (condition?: string) => {
      const pending = request(app).get(MATCHES).set(IDENTITY_HEADERS.userId, userId);
      return condition === undefined ? pending : pending.set('If-None-Match', condition);
    };

    const first = await get();
    const tag = first.headers.etag as string;
    const unchanged = await get(tag);
    await put(userId, { state: 'AZ' });
    const changed = await get(tag);

    expect(tag).toMatch(/^W\/"[\w-]{22}"$/);
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.etag).toBe(tag);
    expectPrivate(unchanged);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(tag);
    expect(changed.body.profileVersion).toBe(2);
  });

  it('answers 404 without a stored profile', async () => {
    const response = await request(app).get(MATCHES).set(IDENTITY_HEADERS.userId, newUser());
    expectProblem(response, 404, 'PROFILE_NOT_FOUND');
    expectPrivate(response);
  });

  it('rejects a limit of 0 naming the parameter', async () => {
    const userId = newUser();
    await put(userId, TEXAS_NURSE);
    const response = await request(app)
      .get(`${MATCHES}?limit=0`)
      .set(IDENTITY_HEADERS.userId, userId);
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors[0].field).toBe('query.limit');
  });

  it('answers 401 without a user', async () => {
    const response = await request(app).get(MATCHES);
    expectProblem(response, 401, 'AUTHENTICATION_REQUIRED');
    expectPrivate(response);
  });
});
