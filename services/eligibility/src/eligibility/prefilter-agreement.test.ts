import {
  CITIZENSHIP_STATUSES,
  FIELDS_OF_STUDY,
  GENDERS,
  GRADE_LEVELS,
  scholarshipSummaryFromRow,
  US_STATE_CODES,
} from '@scholarships/contracts';
import { createMigratedDatabase, type MigratedDatabase } from '../test-support/migrated-database';
import { type FixtureScholarship, insertScholarships } from '../test-support/scholarship-fixtures';
import { CANDIDATE_COLUMNS, type CandidateRow } from './candidate';
import { evaluateScholarship } from './evaluate';
import { matchPage } from './match-statement';
import { EMPTY_PROFILE, type StudentProfile } from './profile';
import { compareMatches, type RankedMatch } from './ranking';

const ROW_COUNT = 600;
const PROFILE_COUNT = 300;
const PAGED_PROFILE_COUNT = 40;
const TODAY = '2026-03-01';

/** Small value pools so that generated rows and profiles often meet on a limit. */
const STATES = US_STATE_CODES.slice(0, 4);
const FIELDS = FIELDS_OF_STUDY.slice(0, 4);
/** Stored spellings differ in case and spacing, so the evaluators and SQL must fold them alike. */
const STORED_ETHNICITIES = ['Hispanic', ' hispanic', 'African American', 'ASIAN ', 'Asian'];
const PROFILE_ETHNICITIES = ['hispanic', 'african american', 'asian'];
const MIN_GPAS = [null, 2, 2.5, 3, 3.3, 3.5, 3.7, 4];
const PROFILE_GPAS = [null, 0, 1.99, 2, 2.99, 3, 3.01, 3.29, 3.3, 3.5, 3.69, 3.7, 4];
/** Past, today, upcoming and missing deadlines around `TODAY`, with repeats to force ties. */
const DEADLINES = [null, '2025-12-31', '2026-02-28', TODAY, '2026-03-02', '2026-06-30'];
const AWARDS = [null, 500, 1000, 1000, 25_000];
/** Amounts in yen or won rank like awards without a figure, and no currency counts as dollars. */
const CURRENCIES = ['USD', 'USD', null, 'JPY', 'KRW'];

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
  const award = pick(AWARDS);
  return {
    key: `generated:${index}`,
    // Repeated names make the id decide some ties.
    name: `Generated scholarship ${index % 97}`,
    grade_level: restriction(GRADE_LEVELS),
    min_gpa: pick(MIN_GPAS),
    state: restriction(STATES),
    citizenship: restriction(CITIZENSHIP_STATUSES),
    field_of_study: restriction(FIELDS),
    gender: restriction(GENDERS),
    ethnicity: restriction(STORED_ETHNICITIES),
    basis: pick([null, 'need', 'merit']),
    deadline: pick(DEADLINES),
    award_amount_max: random() < 0.8 ? award : null,
    award_amount_min: award,
    award_currency: award === null ? null : pick(CURRENCIES),
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
    ethnicities: maybe([...new Set(restriction(PROFILE_ETHNICITIES))]),
    financialNeed: maybe(random() < 0.5),
  };
}

interface PageRow extends CandidateRow {
  total: number;
  position: number | null;
  status_rank: number | null;
  specificity: number | null;
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

async function queryPage(profile: StudentProfile, limit: number, offset: number) {
  const rows = await database.db.query<PageRow>(
    matchPage(database.db.knex, profile, { limit, offset, today: TODAY }),
  );
  return { total: rows[0]?.total, rows: rows.filter((row) => row.id !== null) };
}

/** Evaluates every row and sorts the matches with the reference comparator. */
function expectedMatches(profile: StudentProfile): RankedMatch[] {
  const matches: RankedMatch[] = [];
  for (const row of allRows) {
    const { status, specificity } = evaluateScholarship(profile, row);
    if (status === 'ineligible') continue;
    matches.push({ scholarship: scholarshipSummaryFromRow(row), status, specificity });
  }
  return matches.sort(compareMatches(TODAY));
}

/** Describes a match as one line, so that a difference shows the first diverging position. */
function describeSql(row: PageRow): string {
  const status = row.status_rank === 0 ? 'eligible' : 'possibly_eligible';
  return `${row.position} ${row.id} ${status} ${row.specificity}`;
}

function describeExpected(match: RankedMatch, position: number): string {
  return `${position} ${match.scholarship.id} ${match.status} ${match.specificity}`;
}

describe('match statement and evaluators', () => {
  it('agree on matches, status, specificity and order', async () => {
    let narrowed = 0;
    let mismatches = 0;
    for (let index = 0; index < PROFILE_COUNT; index += 1) {
      const profile = generateProfile();
      const expected = expectedMatches(profile);
      const { total, rows } = await queryPage(profile, ROW_COUNT, 0);
      if (expected.length < allRows.length) narrowed += 1;
      const actual = rows.map(describeSql);
      const expectedLines = expected.map(describeExpected);
      if (total !== expected.length || actual.join('\n') !== expectedLines.join('\n')) {
        mismatches += 1;
        // Shows the first failing profile in full.
        expect({ profile, total, rows: actual }).toEqual({
          profile,
          total: expected.length,
          rows: expectedLines,
        });
      }
    }
    expect(mismatches).toBe(0);
    // The generated profiles must exercise the filter, not only the keep-all paths.
    expect(narrowed).toBeGreaterThan(PROFILE_COUNT / 2);
  });

  it('pages through the same order with any page size', async () => {
    for (let index = 0; index < PAGED_PROFILE_COUNT; index += 1) {
      const profile = generateProfile();
      const expected = expectedMatches(profile).map((match) => match.scholarship.id);
      const limit = 1 + Math.floor(random() * 37);
      const paged: string[] = [];
      for (let offset = 0; offset < expected.length; offset += limit) {
        const { total, rows } = await queryPage(profile, limit, offset);
        expect(total).toBe(expected.length);
        expect(rows.map((row) => row.position)).toEqual(
          rows.map((_, position) => offset + position),
        );
        paged.push(...rows.map((row) => row.id));
      }
      expect({ limit, paged }).toEqual({ limit, paged: expected });
    }
  });

  it('returns only the totals past the last match', async () => {
    const profile = generateProfile();
    const expected = expectedMatches(profile);
    const { total, rows } = await queryPage(profile, 10, expected.length);
    expect(total).toBe(expected.length);
    expect(rows).toEqual([]);
  });

  it('ranks other currencies after dollars', async () => {
    // No generated row restricts to this field, so these rows alone pass a restriction and lead.
    const field = FIELDS_OF_STUDY[FIELDS.length] as (typeof FIELDS_OF_STUDY)[number];
    const awardRow = (key: string, amount: number, currency: string | null) => ({
      key: `currency:${key}`,
      name: `Currency ${key}`,
      field_of_study: [field],
      deadline: '2026-04-01',
      award_amount_max: amount,
      award_currency: currency,
    });
    const ids = await insertScholarships(database.db.knex, [
      awardRow('won', 3_500_000, 'KRW'),
      awardRow('yen', 200_000, 'JPY'),
      awardRow('small', 500, 'USD'),
      awardRow('unstated', 1000, null),
      awardRow('large', 150_000, 'USD'),
    ]);
    try {
      const profile: StudentProfile = { ...EMPTY_PROFILE, fieldsOfStudy: [field] };
      const { rows } = await queryPage(profile, ids.size, 0);
      const keyById = new Map([...ids].map(([key, id]) => [id, key]));
      expect(rows.map((row) => keyById.get(row.id))).toEqual([
        'currency:large',
        'currency:unstated',
        'currency:small',
        'currency:won',
        'currency:yen',
      ]);
    } finally {
      await database.db.knex('scholarships').where('source_key', 'like', 'currency:%').delete();
    }
  });
});
