import type { Express } from 'express';
import request from 'supertest';
import { createMigratedDatabase, type MigratedDatabase } from '../test-support/migrated-database';
import { type FixtureScholarship, insertScholarships } from '../test-support/scholarship-fixtures';
import { createTestApp } from '../test-support/test-app';

const CHECK = '/api/v1/eligibility/check';

/** A Texas high-school senior with GPA 3.5 studying nursing, who states nothing else. */
const TEXAS_NURSE = {
  gradeLevel: 'high_school_senior',
  gpa: 3.5,
  state: 'TX',
  fieldsOfStudy: ['nursing'],
};

/** Records shaped like the imported data sets, each aimed at one rule. */
const FIXTURES: FixtureScholarship[] = [
  {
    key: 'helios:nursing',
    name: 'Future Nurses Scholarship',
    provider: 'Nursing Foundation',
    grade_level: ['high_school_senior', 'undergraduate'],
    min_gpa: 3,
    field_of_study: ['nursing', 'health_sciences'],
    basis: 'merit',
    award_amount_min: 2500,
    award_amount_max: 2500,
    award_currency: 'USD',
    award_text: '$2,500',
    deadline: '2026-04-15',
    deadline_published: '2015-04-15',
    deadline_estimated: true,
  },
  {
    key: 'helios:texas',
    name: 'Lone Star Leaders Award',
    grade_level: ['high_school_senior'],
    state: ['TX', 'OK'],
    min_gpa: 3.5,
    basis: 'merit',
    award_amount_max: 5000,
    award_currency: 'USD',
    deadline: '2026-03-20',
  },
  {
    key: 'islt:health-careers',
    source: 'islt_7310',
    name: 'Health Careers Scholarship',
    award_amount_max: 25_000,
    award_currency: 'USD',
    award_text: '$25,000',
    deadline: '2026-05-31',
  },
  {
    key: 'islt:early-open',
    source: 'islt_7310',
    name: 'Early Open Award',
    award_amount_max: 100_000,
    award_currency: 'USD',
    deadline: '2026-03-02',
  },
  { key: 'islt:no-deadline', source: 'islt_7310', name: 'Open Essay Award', award_text: 'Varies' },
  { key: 'islt:past-deadline', source: 'islt_7310', name: 'Closed Award', deadline: '2025-12-01' },
  {
    key: 'helios:need',
    name: 'First Generation Grant',
    basis: 'need',
    deadline: '2026-03-05',
  },
  {
    key: 'helios:citizens',
    name: 'Citizens Award',
    citizenship: ['us_citizen', 'permanent_resident'],
    award_amount_max: 3000,
    deadline: '2026-03-10',
  },
  {
    key: 'helios:women',
    name: 'Women in Health Award',
    gender: ['female'],
    award_amount_max: 1000,
    deadline: '2026-03-10',
  },
  { key: 'helios:hispanic', name: 'Hispanic Heritage Award', ethnicity: ['Hispanic'] },
  {
    key: 'bigfuture:arizona',
    source: 'bigfuture_arizona',
    name: 'Arizona Community Award',
    state: ['AZ'],
    min_gpa: 2.5,
    basis: 'need',
    deadline: '2026-01-13',
  },
  { key: 'helios:graduate', name: 'Graduate Research Fellowship', grade_level: ['graduate'] },
  { key: 'helios:high-gpa', name: 'Scholars of Distinction', min_gpa: 3.51 },
  { key: 'helios:engineering', name: 'Future Engineers Award', field_of_study: ['engineering'] },
];

const ELIGIBLE_IN_ORDER = [
  'helios:texas',
  'helios:nursing',
  'islt:early-open',
  'islt:health-careers',
  'islt:no-deadline',
  'islt:past-deadline',
];
const POSSIBLY_ELIGIBLE_IN_ORDER = [
  'helios:need',
  'helios:citizens',
  'helios:women',
  'helios:hispanic',
];

interface Criterion {
  criterion: string;
  outcome: string;
  reason: string;
}

interface Item {
  scholarship: { id: string; name: string };
  status: string;
  specificity: number;
  criteria: Criterion[];
}

let database: MigratedDatabase;
let app: Express;
let keyById: Map<string, string>;

beforeAll(async () => {
  database = await createMigratedDatabase('eligibility_routes');
  const idByKey = await insertScholarships(database.db.knex, FIXTURES);
  keyById = new Map([...idByKey].map(([key, id]) => [id, key]));
  app = createTestApp(database.db);
});

afterAll(async () => {
  await database?.drop();
});

function keysOf(items: Item[]): (string | undefined)[] {
  return items.map((item) => keyById.get(item.scholarship.id));
}

function criterionOf(item: Item | undefined, name: string): Criterion | undefined {
  return item?.criteria.find((result) => result.criterion === name);
}

function itemFor(items: Item[], key: string): Item | undefined {
  return items.find((item) => keyById.get(item.scholarship.id) === key);
}

describe('POST /api/v1/eligibility/check', () => {
  it('returns matches with reasons', async () => {
    const response = await request(app).post(CHECK).send(TEXAS_NURSE);
    expect(response.status).toBe(200);
    const items: Item[] = response.body.items;

    const texas = itemFor(items, 'helios:texas');
    expect(texas?.status).toBe('eligible');
    expect(criterionOf(texas, 'gpa')).toEqual({
      criterion: 'gpa',
      outcome: 'pass',
      reason: 'GPA 3.5 meets the minimum of 3.5',
    });
    expect(criterionOf(texas, 'state')?.reason).toBe('open to students in TX');

    const nursing = itemFor(items, 'helios:nursing');
    expect(nursing?.scholarship).toEqual({
      id: expect.any(String),
      name: 'Future Nurses Scholarship',
      provider: 'Nursing Foundation',
      award: { min: 2500, max: 2500, currency: 'USD', text: '$2,500' },
      deadline: { next: '2026-04-15', published: '2015-04-15', estimated: true },
    });
    expect(criterionOf(nursing, 'fieldOfStudy')?.reason).toBe('open to students of nursing');
    expect(criterionOf(nursing, 'state')?.reason).toBe('no state restriction');
    expect(nursing?.criteria).toHaveLength(8);
  });

  it('echoes the normalized profile', async () => {
    const response = await request(app)
      .post(CHECK)
      .send({ ...TEXAS_NURSE, ethnicities: [' Hispanic '], gender: null });
    expect(response.body.profile).toEqual({
      gradeLevel: 'high_school_senior',
      gpa: 3.5,
      state: 'TX',
      citizenship: null,
      fieldsOfStudy: ['nursing'],
      gender: null,
      ethnicities: ['hispanic'],
      financialNeed: null,
    });
  });

  it('matches a lower-case state code', async () => {
    const lower = await request(app)
      .post(CHECK)
      .send({ ...TEXAS_NURSE, state: 'tx' });
    const upper = await request(app).post(CHECK).send(TEXAS_NURSE);
    expect(lower.status).toBe(200);
    expect(lower.body.profile.state).toBe('TX');
    expect(lower.body).toEqual(upper.body);
  });

  it('ranks awards aimed at the student before open ones', async () => {
    const response = await request(app).post(CHECK).send(TEXAS_NURSE);
    const items: Item[] = response.body.items;
    // The open award has the nearest deadline and the largest amount, but
    // restricts nothing, so the two awards aimed at this student come first.
    expect(keysOf(items).slice(0, 3)).toEqual([
      'helios:texas',
      'helios:nursing',
      'islt:early-open',
    ]);
    expect(itemFor(items, 'helios:texas')?.specificity).toBe(3);
    expect(itemFor(items, 'helios:nursing')?.specificity).toBe(3);
    expect(itemFor(items, 'islt:early-open')?.specificity).toBe(0);
  });

  it('reports unstated restrictions as possibly eligible', async () => {
    const response = await request(app).post(CHECK).send(TEXAS_NURSE);
    const items: Item[] = response.body.items;
    const need = itemFor(items, 'helios:need');
    expect(need?.status).toBe('possibly_eligible');
    expect(criterionOf(need, 'basis')).toEqual({
      criterion: 'basis',
      outcome: 'unknown',
      reason: 'need-based; the profile does not say whether the student has financial need',
    });
    expect(itemFor(items, 'helios:hispanic')?.status).toBe('possibly_eligible');
  });

  it('leaves out scholarships with a failing criterion', async () => {
    const response = await request(app).post(CHECK).send(TEXAS_NURSE);
    const keys = keysOf(response.body.items);
    expect(keys).not.toContain('bigfuture:arizona');
    expect(keys).not.toContain('helios:graduate');
    expect(keys).not.toContain('helios:high-gpa');
    expect(keys).not.toContain('helios:engineering');
  });

  it('orders eligible first, then specificity, deadline and award', async () => {
    const response = await request(app).post(CHECK).send(TEXAS_NURSE);
    expect(response.body.total).toBe(10);
    expect(response.body.eligibleTotal).toBe(ELIGIBLE_IN_ORDER.length);
    expect(keysOf(response.body.items)).toEqual([
      ...ELIGIBLE_IN_ORDER,
      ...POSSIBLY_ELIGIBLE_IN_ORDER,
    ]);
  });

  it('turns unknowns into passes once the profile states them', async () => {
    const response = await request(app)
      .post(CHECK)
      .send({
        ...TEXAS_NURSE,
        financialNeed: true,
        citizenship: 'us_citizen',
        gender: 'female',
        ethnicities: ['hispanic'],
      });
    const items: Item[] = response.body.items;
    expect(items.every((item) => item.status === 'eligible')).toBe(true);
    expect(response.body.total).toBe(10);
  });

  it('excludes on a stated value that fails', async () => {
    const response = await request(app)
      .post(CHECK)
      .send({ ...TEXAS_NURSE, financialNeed: false, gender: 'male' });
    const keys = keysOf(response.body.items);
    expect(keys).not.toContain('helios:need');
    expect(keys).not.toContain('helios:women');
    expect(keys).toContain('helios:nursing');
  });

  it('matches everything a restriction allows for an empty profile', async () => {
    const response = await request(app).post(CHECK).send({});
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(FIXTURES.length);
    const arizona = itemFor(response.body.items, 'bigfuture:arizona');
    expect(arizona?.status).toBe('possibly_eligible');
    expect(criterionOf(arizona, 'state')?.outcome).toBe('unknown');
  });

  it('pages with limit and offset', async () => {
    const first = await request(app).post(`${CHECK}?limit=4`).send(TEXAS_NURSE);
    expect(first.body.items).toHaveLength(4);
    expect(first.body.nextOffset).toBe(4);
    const second = await request(app).post(`${CHECK}?limit=4&offset=4`).send(TEXAS_NURSE);
    const third = await request(app).post(`${CHECK}?limit=4&offset=8`).send(TEXAS_NURSE);
    expect(third.body.nextOffset).toBeNull();
    expect([
      ...keysOf(first.body.items),
      ...keysOf(second.body.items),
      ...keysOf(third.body.items),
    ]).toEqual([...ELIGIBLE_IN_ORDER, ...POSSIBLY_ELIGIBLE_IN_ORDER]);
  });
});

describe('POST /api/v1/eligibility/check rejects', () => {
  async function expectBadRequest(response: request.Response, field: string): Promise<void> {
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  }

  it('a GPA of 9', async () => {
    await expectBadRequest(await request(app).post(CHECK).send({ gpa: 9 }), 'body.gpa');
  });

  it('a negative GPA', async () => {
    await expectBadRequest(await request(app).post(CHECK).send({ gpa: -0.5 }), 'body.gpa');
  });

  it('a GPA sent as a string', async () => {
    await expectBadRequest(await request(app).post(CHECK).send({ gpa: '3.5' }), 'body.gpa');
  });

  it('an unknown grade level', async () => {
    const response = await request(app).post(CHECK).send({ gradeLevel: 'sophomore' });
    await expectBadRequest(response, 'body.gradeLevel');
  });

  it('an unknown state', async () => {
    await expectBadRequest(await request(app).post(CHECK).send({ state: 'XX' }), 'body.state');
  });

  it('an unknown field of study', async () => {
    const response = await request(app)
      .post(CHECK)
      .send({ fieldsOfStudy: ['nursing', 'magic'] });
    await expectBadRequest(response, 'body.fieldsOfStudy.1');
  });

  it('an unknown key', async () => {
    const response = await request(app).post(CHECK).send({ gpa: 3, favoriteColor: 'blue' });
    await expectBadRequest(response, 'body.favoriteColor');
  });

  it('a limit in the body, pointing to the query', async () => {
    const response = await request(app).post(CHECK).send({ gpa: 3, limit: 2 });
    await expectBadRequest(response, 'body.limit');
    expect(response.body.errors[0].message).toContain('?limit=');
  });

  it('an empty body', async () => {
    await expectBadRequest(await request(app).post(CHECK), 'body');
  });

  it('a body that is not JSON', async () => {
    const response = await request(app).post(CHECK).set('Content-Type', 'text/plain').send('gpa=3');
    await expectBadRequest(response, 'body');
  });

  it('malformed JSON', async () => {
    const response = await request(app)
      .post(CHECK)
      .set('Content-Type', 'application/json')
      .send('{"gpa": 3');
    await expectBadRequest(response, 'body');
    expect(response.body.code).toBe('INVALID_JSON');
  });

  it('an array body', async () => {
    await expectBadRequest(await request(app).post(CHECK).send([TEXAS_NURSE]), 'body');
  });

  it('a limit above 100', async () => {
    const response = await request(app).post(`${CHECK}?limit=101`).send(TEXAS_NURSE);
    await expectBadRequest(response, 'query.limit');
  });

  it('an unknown query parameter', async () => {
    const response = await request(app).post(`${CHECK}?cursor=abc`).send(TEXAS_NURSE);
    await expectBadRequest(response, 'query.cursor');
  });
});
