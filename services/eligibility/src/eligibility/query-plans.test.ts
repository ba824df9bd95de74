import path from 'node:path';
import { importScholarships, loadSyntheticScholarships } from '@scholarships/catalog/import';
import { migrateLatest, type Statement } from '@scholarships/db';
import { scholarshipForAnalysis } from '../analysis';
import { migrations } from '../migrations';
import { profileByUser } from '../profiles';
import { createMigratedDatabase, type MigratedDatabase } from '../test-support/migrated-database';
import { profileWith } from '../test-support/profiles';
import { matchPage } from './match-statement';
import { EMPTY_PROFILE, type StudentProfile } from './profile';

/**
 * Plans of the hot statements on the imported data plus 100,000 synthetic
 * rows, after VACUUM ANALYZE, with the migration that drops
 * `idx_scholarships_eligibility` held back until the last test.
 */
const DATA_DIR = path.join(__dirname, '../../../../data/scholarships');
const TODAY = '2026-12-04';
const DROP_MIGRATION = '006-drop-eligibility-index';
const PROFILE_ROWS = 5_000;

const PROFILES: Record<string, StudentProfile> = {
  empty: EMPTY_PROFILE,
  texasNurse: profileWith({
    gradeLevel: 'high_school_senior',
    gpa: 3.5,
    state: 'TX',
    fieldsOfStudy: ['nursing'],
  }),
  arizonaEngineer: profileWith({
    gradeLevel: 'undergraduate',
    gpa: 3.1,
    state: 'AZ',
    citizenship: 'us_citizen',
    fieldsOfStudy: ['engineering', 'computer_science'],
    gender: 'female',
    ethnicities: ['hispanic'],
    financialNeed: true,
  }),
};

/**
 * The row-level prefilter that the check ran before criteria sets, kept to
 * show its plan: each clause keeps the rows without a restriction, so no
 * index on the restriction columns narrows it.
 */
const ROW_PREFILTER = `
  SELECT id FROM scholarships
   WHERE (grade_level = '{}' OR $1::text IS NULL OR grade_level @> ARRAY[$1::text])
     AND (min_gpa IS NULL OR $2::numeric IS NULL OR min_gpa <= $2::numeric)
     AND (state = '{}' OR $3::text IS NULL OR state @> ARRAY[$3::text])
     AND (citizenship = '{}' OR $4::text IS NULL OR citizenship @> ARRAY[$4::text])
`;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** Lists the table scans of a plan tree as node type, table and index, e.g. `Index Scan scholarships scholarships_pkey`. */
function scansOf(plan: PlanNode): string[] {
  const own = plan['Relation Name']
    ? [[plan['Node Type'], plan['Relation Name'], plan['Index Name']].filter(Boolean).join(' ')]
    : [];
  return [...own, ...(plan.Plans ?? []).flatMap(scansOf)];
}

let database: MigratedDatabase;
let scholarshipId: string;

beforeAll(async () => {
  database = await createMigratedDatabase('eligibility_plans', {
    migrations: migrations.filter((migration) => migration.name !== DROP_MIGRATION),
  });
  const knex = database.db.knex;
  await importScholarships(knex, { dataDir: DATA_DIR, today: TODAY });
  await loadSyntheticScholarships(knex, {
    dataDir: DATA_DIR,
    seed: 42,
    count: 100_000,
    today: TODAY,
  });
  await knex.raw(
    `INSERT INTO student_profiles (user_id, profile)
     SELECT 'user-' || n, '{}'::jsonb FROM generate_series(1, ?) AS n`,
    [PROFILE_ROWS],
  );
  // VACUUM sets the visibility map, as autovacuum does after a load. Without it, an index-only
  // scan must visit every row's page anyway, and the planner reads small sets by bitmap scans.
  await knex.raw('VACUUM ANALYZE');
  const [row] = await knex('scholarships').select('id').where('name', 'Coca Cola Scholars Program');
  scholarshipId = row.id;
}, 600_000);

afterAll(async () => {
  await database?.drop();
});

/** Scans of the custom plan for the statement's values, or of the generic plan. */
async function scans(statement: Statement, plan: 'custom' | 'generic'): Promise<string[]> {
  const options = plan === 'generic' ? 'FORMAT JSON, GENERIC_PLAN' : 'FORMAT JSON';
  const text = `EXPLAIN (${options}) ${statement.text}`;
  const values = plan === 'generic' ? [] : statement.values;
  const result = await database.db.pool.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(text, values);
  const [explained] = result.rows[0]?.['QUERY PLAN'] ?? [];
  if (!explained) throw new Error(`EXPLAIN returned no plan for ${statement.name}`);
  return [...new Set(scansOf(explained.Plan))].sort();
}

function matchStatements(): [string, Statement][] {
  return Object.entries(PROFILES).flatMap(([name, profile]) => [
    [
      `${name}, first page`,
      matchPage(database.db.knex, profile, { limit: 50, offset: 0, today: TODAY }),
    ],
    [
      `${name}, offset 5000`,
      matchPage(database.db.knex, profile, { limit: 100, offset: 5000, today: TODAY }),
    ],
  ]);
}

/**
 * The match page scans the criteria sets, reads scholarships through the
 * criteria-set index to rank them, with index-only scans that visit no
 * table rows, and reads the page's rows by primary key. Whether the branch
 * for past deadlines scans the index backward depends on the row estimates:
 * the imported deadlines are all upcoming.
 */
const MATCH_SCAN =
  /^(Seq Scan eligibility_criteria_sets|Index Only Scan( Backward)? scholarships idx_scholarships_criteria_dollar_page|Index Scan scholarships scholarships_pkey)$/;

function expectMatchScans(name: string, found: string[]): void {
  expect({ name, found }).toEqual({
    name,
    found: found.map(() => expect.stringMatching(MATCH_SCAN)),
  });
  expect(found).toContain('Seq Scan eligibility_criteria_sets');
  expect(found).toContain('Index Only Scan scholarships idx_scholarships_criteria_dollar_page');
  expect(found).toContain('Index Scan scholarships scholarships_pkey');
}

describe('hot statement plans on 103,813 scholarships', () => {
  it('load the real and synthetic rows', async () => {
    const [row] = await database.db.knex('scholarships').count<{ count: number }[]>();
    expect(Number(row?.count)).toBeGreaterThan(103_000);
  });

  it.each(['custom', 'generic'] as const)(
    'match page reads scholarships by criteria set (%s plan)',
    async (plan) => {
      for (const [name, statement] of matchStatements()) {
        expectMatchScans(name, await scans(statement, plan));
      }
    },
  );

  it.each(['custom', 'generic'] as const)(
    'profile lookup uses the primary key (%s plan)',
    async (plan) => {
      const statement = profileByUser(database.db.knex, 'user-42');
      expect(await scans(statement, plan)).toEqual([
        'Index Scan student_profiles student_profiles_pkey',
      ]);
    },
  );

  it.each(['custom', 'generic'] as const)(
    'scholarship lookup uses the primary key (%s plan)',
    async (plan) => {
      const statement = scholarshipForAnalysis(database.db.knex, scholarshipId);
      expect(await scans(statement, plan)).toEqual(['Index Scan scholarships scholarships_pkey']);
    },
  );

  it('row-level prefilter reads every row despite idx_scholarships_eligibility', async () => {
    const profiles = [
      [null, null, null, null],
      ['high_school_senior', 3.5, 'TX', null],
      ['graduate', 4, 'AZ', 'international'],
    ];
    for (const values of profiles) {
      const statement = { name: 'row_prefilter', text: ROW_PREFILTER, values };
      const found = await scans(statement, 'custom');
      // With nothing to filter on, the ids are read from the all-visible primary key instead.
      expect({ values, found }).toEqual({
        values,
        found: [
          expect.stringMatching(
            /^(Seq Scan scholarships|Index Only Scan scholarships scholarships_pkey)$/,
          ),
        ],
      });
    }
  });

  it('keep every hot plan once idx_scholarships_eligibility is dropped', async () => {
    const before = await Promise.all(
      matchStatements().map(([, statement]) => scans(statement, 'custom')),
    );
    await migrateLatest(database.db.knex, { service: 'eligibility', migrations });
    await database.db.knex.raw('ANALYZE scholarships');
    const after = await Promise.all(
      matchStatements().map(([, statement]) => scans(statement, 'custom')),
    );
    expect(after).toEqual(before);
  });
});
