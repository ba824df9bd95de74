import path from 'node:path';
import { importScholarships } from '@scholarships/catalog/import';
import { scholarshipSummaryFromRow } from '@scholarships/contracts';
import type { Express } from 'express';
import request from 'supertest';
import { createMigratedDatabase, type MigratedDatabase } from '../test-support/migrated-database';
import { profileWith } from '../test-support/profiles';
import { createTestApp } from '../test-support/test-app';
import { CANDIDATE_COLUMNS, type CandidateRow } from './candidate';
import { evaluateScholarship } from './evaluate';
import { matchPage } from './match-statement';
import type { StudentProfile } from './profile';
import { compareMatches, type RankedMatch } from './ranking';

/** The repository's four real data sets, imported by the catalog's importer. */
const DATA_DIR = path.join(__dirname, '../../../../data/scholarships');
const TODAY = '2026-03-01';
const CHECK = '/api/v1/eligibility/check';

const TEXAS_NURSE = {
  gradeLevel: 'high_school_senior',
  gpa: 3.5,
  state: 'TX',
  fieldsOfStudy: ['nursing'],
} as const;

interface Criterion {
  criterion: string;
  outcome: string;
  reason: string;
}

interface Item {
  scholarship: { id: string; name: string };
  status: string;
  criteria: Criterion[];
}

let database: MigratedDatabase;
let app: Express;
let allRows: CandidateRow[];

beforeAll(async () => {
  database = await createMigratedDatabase('eligibility_real_data');
  await importScholarships(database.db.knex, { dataDir: DATA_DIR, today: TODAY });
  allRows = await database.db.knex('scholarships').select(CANDIDATE_COLUMNS);
  app = createTestApp(database.db, { now: () => new Date(`${TODAY}T12:00:00Z`) });
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

/** Reads every match for a profile, one page of 100 at a time. */
async function checkAll(profile: object): Promise<{ total: number; items: Item[] }> {
  const items: Item[] = [];
  let offset: number | null = 0;
  let total = 0;
  while (offset !== null) {
    const response: request.Response = await request(app)
      .post(`${CHECK}?limit=100&offset=${offset}`)
      .send(profile);
    expect(response.status).toBe(200);
    items.push(...response.body.items);
    total = response.body.total;
    offset = response.body.nextOffset;
  }
  return { total, items };
}

function reasonsOf(items: Item[], criterion: string): string[] {
  return items.flatMap((item) =>
    item.criteria.filter((result) => result.criterion === criterion).map((result) => result.reason),
  );
}

describe('eligibility check on the imported data', () => {
  it('imports the expected number of scholarships', () => {
    expect(allRows.length).toBeGreaterThan(3_500);
  });

  it('returns matches with reasons for a Texas nursing senior', async () => {
    const { total, items } = await checkAll(TEXAS_NURSE);
    expect(total).toBe(items.length);
    expect(total).toBeGreaterThan(100);
    expect(items.every((item) => item.criteria.length === 8)).toBe(true);
    expect(items.flatMap((item) => item.criteria).some((result) => result.outcome === 'fail')).toBe(
      false,
    );
    expect(reasonsOf(items, 'fieldOfStudy')).toContain('open to students of nursing');
    expect(reasonsOf(items, 'gpa')).toContain('GPA 3.5 meets the minimum of 3.0');
    expect(reasonsOf(items, 'state')).toContain('open to students in TX');
    expect(reasonsOf(items, 'gradeLevel')).toContain('open to high school seniors');
  });

  it('lists eligible matches before possibly eligible ones', async () => {
    const { items } = await checkAll(TEXAS_NURSE);
    const statuses = items.map((item) => item.status);
    const firstPossible = statuses.indexOf('possibly_eligible');
    expect(firstPossible).toBeGreaterThan(0);
    expect(statuses.slice(firstPossible).every((status) => status === 'possibly_eligible')).toBe(
      true,
    );
  });

  it('leaves Arizona-only awards out for Texas and keeps them for Arizona', async () => {
    const arizonaOnly = allRows.filter((row) => row.state.length === 1 && row.state[0] === 'AZ');
    expect(arizonaOnly.length).toBeGreaterThan(20);
    const arizonaIds = new Set(arizonaOnly.map((row) => row.id));

    const texas = await checkAll(TEXAS_NURSE);
    expect(texas.items.filter((item) => arizonaIds.has(item.scholarship.id))).toEqual([]);

    const arizona = await checkAll({ ...TEXAS_NURSE, state: 'AZ' });
    expect(arizona.items.some((item) => arizonaIds.has(item.scholarship.id))).toBe(true);
  });

  it('ranks every imported row as the evaluators do', async () => {
    const profiles: StudentProfile[] = [
      profileWith({}),
      profileWith({ ...TEXAS_NURSE, fieldsOfStudy: ['nursing'] }),
      profileWith({ gradeLevel: 'undergraduate', gpa: 2.99, state: 'AZ', financialNeed: false }),
      profileWith({
        gradeLevel: 'graduate',
        gpa: 4,
        state: 'MD',
        citizenship: 'permanent_resident',
        fieldsOfStudy: ['medicine', 'engineering'],
        gender: 'female',
        ethnicities: ['asian'],
        financialNeed: true,
      }),
    ];
    for (const profile of profiles) {
      const rows = await database.db.query<CandidateRow>(
        matchPage(database.db.knex, profile, { limit: allRows.length, offset: 0, today: TODAY }),
      );
      const expected: RankedMatch[] = [];
      for (const row of allRows) {
        const { status, specificity } = evaluateScholarship(profile, row);
        if (status !== 'ineligible') {
          expected.push({ scholarship: scholarshipSummaryFromRow(row), status, specificity });
        }
      }
      expected.sort(compareMatches(TODAY));
      const returned = rows.filter((row) => row.id !== null).map((row) => row.id);
      expect({ profile, returned }).toEqual({
        profile,
        returned: expected.map((match) => match.scholarship.id),
      });
    }
  });
});
