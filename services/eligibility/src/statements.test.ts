import { MAX_STATEMENT_NAME_BYTES, StatementRegistry } from '@scholarships/db';
import knexFactory from 'knex';
import { scholarshipForAnalysis } from './analysis';
import { matchPage } from './eligibility/match-statement';
import type { StudentProfile } from './eligibility/profile';
import { profileByUser } from './profiles';
import { hotStatements } from './statements';
import { profileWith } from './test-support/profiles';

const knex = knexFactory({ client: 'pg' });

const PROFILES: StudentProfile[] = [
  profileWith({}),
  profileWith({ gpa: 3.2, fieldsOfStudy: [] }),
  profileWith({
    gradeLevel: 'undergraduate',
    gpa: 3.2,
    state: 'TX',
    citizenship: 'us_citizen',
    fieldsOfStudy: ['nursing', 'medicine'],
    gender: 'female',
    ethnicities: ['hispanic'],
    financialNeed: true,
  }),
];
const FIRST_PAGE = { limit: 50, offset: 0, today: '2026-03-01' };
const PAGES = [FIRST_PAGE, { limit: 1, offset: 99_999, today: '2030-12-31' }];

/** Builds every shape of each statement: every kind of profile, page, user and id. */
function everyStatementShape() {
  return [
    ...PROFILES.flatMap((profile) => PAGES.map((page) => matchPage(knex, profile, page))),
    profileByUser(knex, ''),
    profileByUser(knex, 'user-with-a-long-identifier'.repeat(5)),
    scholarshipForAnalysis(knex, '00000000-0000-0000-0000-000000000000'),
    scholarshipForAnalysis(knex, '6f1d2c4e-8a0b-4c3d-9e5f-0a1b2c3d4e5f'),
  ];
}

describe('hot statements', () => {
  it('register in a fresh registry without conflicts', () => {
    const registry = new StatementRegistry();
    for (const statement of everyStatementShape()) {
      registry.register(statement.name, statement.text);
    }
    expect(registry.entries().map(([name]) => name)).toEqual([
      'eligibility_match_page',
      'eligibility_profile_by_user',
      'eligibility_scholarship_by_id',
    ]);
  });

  it('have names PostgreSQL keeps whole', () => {
    for (const statement of everyStatementShape()) {
      expect(Buffer.byteLength(statement.name)).toBeLessThanOrEqual(MAX_STATEMENT_NAME_BYTES);
    }
  });

  it('are all warmed at start-up', () => {
    const warmed = hotStatements(knex, '2026-03-01').map((statement) => statement.name);
    const built = new Set(everyStatementShape().map((statement) => statement.name));
    expect(warmed.sort()).toEqual([...built].sort());
  });

  it('send unstated values as NULL and lists as arrays', () => {
    const statement = matchPage(knex, profileWith({}), FIRST_PAGE);
    const listValues = statement.values.filter((value) => Array.isArray(value));
    expect(listValues.every((value) => Array.isArray(value) && value.length === 0)).toBe(true);
    expect(listValues.length).toBeGreaterThan(0);
    expect(statement.values.filter((value) => value === undefined)).toEqual([]);
  });
});
