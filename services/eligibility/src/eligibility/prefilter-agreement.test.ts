import {
  CITIZENSHIP_STATUSES,
  FIELDS_OF_STUDY,
  GENDERS,
  GRADE_LEVELS,
  US_STATE_CODES,
} from '@scholarships/contracts';
import { createMigratedDatabase, type MigratedDatabase } from '../test-support/migrated-database';
import { type FixtureScholarship, insertScholarships } from '../test-support/scholarship-fixtures';
import { CANDIDATE_COLUMNS, type CandidateRow } from './candidate';
import { evaluateScholarship } from './evaluate';
import type { StudentProfile } from './profile';
import { eligibilityCandidates } from './statements';

const ROW_COUNT = 600;
const PROFILE_COUNT = 300;

/** Small value pools so that generated rows and profiles often meet on a limit. */
const STATES = US_STATE_CODES.slice(0, 4);
const FIELDS = FIELDS_OF_STUDY.slice(0, 4);
const ETHNICITIES = ['Hispanic', 'African American', 'Asian'];
const MIN_GPAS = [null, 2, 2.5, 3, 3.3, 3.5, 3.7, 4];
const PROFILE_GPAS = [null, 0, 1.99, 2, 2.99, 3, 3.01, 3.29, 3.3, 3.5, 3.69, 3.7, 4];

/** mulberry32: a seeded generator, so every run checks the same cases. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seededRandom(20_260_301);

function pick<Value>(values: readonly Value[]): Value {
  return values[Math.floor(random() * values.length)] as Value;
}

/** Returns an empty list in about half of the cases, otherwise one to three values. */
function restriction<Value>(values: readonly Value[]): Value[] {
  if (random() < 0.5) return [];
  const count = 1 + Math.floor(random() * 3);
  return Array.from({ length: count }, () => pick(values));
}

/** Returns the value in about two thirds of the cases, otherwise null (unstated). */
function maybe<Value>(value: Value): Value | null {
  return random() < 0.67 ? value : null;
}

function generateRow(index: number): FixtureScholarship {
  return {
    key: `generated:${index}`,
    name: `Generated scholarship ${index}`,
    grade_level: restriction(GRADE_LEVELS),
    min_gpa: pick(MIN_GPAS),
    state: restriction(STATES),
    citizenship: restriction(CITIZENSHIP_STATUSES),
    field_of_study: restriction(FIELDS),
    gender: restriction(GENDERS),
    ethnicity: restriction(ETHNICITIES),
    basis: pick([null, 'need', 'merit']),
  };
}

function generateProfile(): StudentProfile {
  return {
    gradeLevel: maybe(pick(GRADE_LEVELS)),
    gpa: pick(PROFILE_GPAS),
    state: maybe(pick(STATES)),
    citizenship: maybe(pick(CITIZENSHIP_STATUSES)),
    fieldsOfStudy: maybe([...new Set(restriction(FIELDS))]),
    gender: maybe(pick(GENDERS)),
    ethnicities: maybe(restriction(ETHNICITIES).map((value) => value.toLowerCase())),
    financialNeed: maybe(random() < 0.5),
  };
}

let database: MigratedDatabase;
let allRows: CandidateRow[];

beforeAll(async () => {
  database = await createMigratedDatabase('eligibility_prefilter');
  const fixtures = Array.from({ length: ROW_COUNT }, (_, index) => generateRow(index));
  await insertScholarships(database.db.knex, fixtures);
  allRows = await database.db.knex('scholarships').select(CANDIDATE_COLUMNS);
});

afterAll(async () => {
  await database?.drop();
});

interface Disagreement {
  profile: StudentProfile;
  row: string;
  problem: string;
}

/** Compares one profile's prefilter result with the evaluators' verdict on every row. */
function findDisagreements(profile: StudentProfile, returned: Set<string>): Disagreement[] {
  const disagreements: Disagreement[] = [];
  for (const row of allRows) {
    const { status, criteria } = evaluateScholarship(profile, row);
    const failedOn = criteria
      .filter((result) => result.outcome === 'fail')
      .map((result) => result.criterion);
    if (status !== 'ineligible' && !returned.has(row.id)) {
      disagreements.push({ profile, row: row.id, problem: `dropped although ${status}` });
    }
    if (returned.has(row.id) && failedOn.some((criterion) => criterion !== 'ethnicity')) {
      disagreements.push({
        profile,
        row: row.id,
        problem: `returned although failing ${failedOn}`,
      });
    }
  }
  return disagreements;
}

describe('prefilter and evaluators', () => {
  it('agree on every generated row and profile', async () => {
    const disagreements: Disagreement[] = [];
    let narrowed = 0;
    for (let index = 0; index < PROFILE_COUNT; index += 1) {
      const profile = generateProfile();
      const rows = await database.db.query<CandidateRow>(
        eligibilityCandidates(database.db.knex, profile),
      );
      if (rows.length < allRows.length) narrowed += 1;
      disagreements.push(...findDisagreements(profile, new Set(rows.map((row) => row.id))));
    }
    // The prefilter may keep rows that fail on ethnicity alone, which it leaves to the evaluator.
    expect(disagreements.slice(0, 5)).toEqual([]);
    // The generated profiles must exercise the filter, not only the keep-all paths.
    expect(narrowed).toBeGreaterThan(PROFILE_COUNT / 2);
  });
});
