import type { Express } from 'express';
import request from 'supertest';
import { createMigratedDatabase, type MigratedDatabase } from '../test-support/migrated-database';
import { insertScholarships } from '../test-support/scholarship-fixtures';
import { createTestApp } from '../test-support/test-app';

const CHECK = '/api/v1/eligibility/check';
const ANALYSIS = '/api/v1/eligibility/analysis';

/**
 * Spellings that PostgreSQL's `lower` and JavaScript's `toLowerCase` may fold differently. Letters
 * added to Unicode after 15.1 (U+A7CB, U+A7CC, Garay U+10D50) stand next to the letters that
 * `toLowerCase` maps them to. Dotted capital I, final sigma, Cherokee, accented Latin, Cyrillic,
 * CJK and surrounding whitespace follow.
 */
const ETHNICITIES = [
  '\uA7CBx',
  '\u0264x',
  '\uA7CC',
  '\uA7CD',
  '\u{10D50}',
  '\u{10D70}',
  'İnupiat',
  'i\u0307nupiat',
  'inupiat',
  'ΈΛΛΗΝΑΣ',
  'έλληνας',
  'Ꭰ Cherokee',
  'ꭰ cherokee',
  'Straße',
  'STRASSE',
  'MĀORI',
  'māori',
  'РУССКИЙ',
  '中国人',
  ' Hispanic\u3000',
];

let database: MigratedDatabase;
let app: Express;
/** Scholarship ids in the order of `ETHNICITIES`, each restricted to that one ethnicity. */
let scholarshipIds: string[];

beforeAll(async () => {
  database = await createMigratedDatabase('eligibility_ethnicity_agreement');
  const idByKey = await insertScholarships(
    database.db.knex,
    ETHNICITIES.map((ethnicity, index) => ({
      key: `ethnicity:${index}`,
      name: `Ethnicity award ${index}`,
      ethnicity: [ethnicity],
    })),
  );
  scholarshipIds = ETHNICITIES.map((_, index) => idByKey.get(`ethnicity:${index}`) ?? '');
  app = createTestApp(database.db);
});

afterAll(async () => {
  await database?.drop();
});

/** Returns the status the check gives each scholarship, or `absent` when it leaves one out. */
async function checkStatuses(ethnicity: string): Promise<string[]> {
  const response = await request(app)
    .post(`${CHECK}?limit=100`)
    .send({ ethnicities: [ethnicity] });
  expect(response.status).toBe(200);
  const statusById = new Map<string, string>(
    response.body.items.map((item: { scholarship: { id: string }; status: string }) => [
      item.scholarship.id,
      item.status,
    ]),
  );
  return scholarshipIds.map((id) => statusById.get(id) ?? 'absent');
}

/** Returns the analysis status of each scholarship, with `absent` for `ineligible`. */
async function analysisStatuses(ethnicity: string): Promise<string[]> {
  const statuses: string[] = [];
  for (const scholarshipId of scholarshipIds) {
    const response = await request(app)
      .post(ANALYSIS)
      .send({ scholarshipId, profile: { ethnicities: [ethnicity] } });
    expect(response.status).toBe(200);
    statuses.push(response.body.status === 'ineligible' ? 'absent' : response.body.status);
  }
  return statuses;
}

describe('ethnicity matching', () => {
  it.each(ETHNICITIES)('agrees between check and analysis for %j', async (ethnicity) => {
    const fromCheck = await checkStatuses(ethnicity);
    const fromAnalysis = await analysisStatuses(ethnicity);
    expect(fromCheck).toEqual(fromAnalysis);
  });

  it('matches the exact spelling a scholarship lists', async () => {
    for (const [index, ethnicity] of ETHNICITIES.entries()) {
      const statuses = await checkStatuses(ethnicity);
      expect({ ethnicity, status: statuses[index] }).toEqual({ ethnicity, status: 'eligible' });
    }
  });

  it('matches accented, Greek, Cherokee and Cyrillic letters in any case', async () => {
    const pairs: [string, number][] = [
      ['έλληνασ', ETHNICITIES.indexOf('ΈΛΛΗΝΑΣ')],
      ['ΈΛΛΗΝΑΣ', ETHNICITIES.indexOf('έλληνας')],
      ['Ꭰ CHEROKEE', ETHNICITIES.indexOf('ꭰ cherokee')],
      ['māori', ETHNICITIES.indexOf('MĀORI')],
      ['русский', ETHNICITIES.indexOf('РУССКИЙ')],
      ['hispanic', ETHNICITIES.indexOf(' Hispanic\u3000')],
    ];
    for (const [ethnicity, index] of pairs) {
      const statuses = await checkStatuses(ethnicity);
      expect({ ethnicity, status: statuses[index] }).toEqual({ ethnicity, status: 'eligible' });
    }
  });
});
