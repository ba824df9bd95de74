import { migrateDown, migrateLatest, migrateRollbackAll } from '@scholarships/db';
import { type CriterionName, normalizeEthnicity } from '../eligibility/criteria';
import { CRITERION_BITS } from '../eligibility/criteria-masks';
import { createMigratedDatabase, type MigratedDatabase } from '../test-support/migrated-database';
import { insertScholarships } from '../test-support/scholarship-fixtures';
import { migrations } from './index';

const SERVICE = { service: 'eligibility', migrations };

let database: MigratedDatabase;

beforeAll(async () => {
  database = await createMigratedDatabase('eligibility_migrations');
});

afterAll(async () => {
  await database?.drop();
});

interface IndexInfo {
  indexdef: string;
  indisvalid: boolean;
}

async function indexInfo(name: string): Promise<IndexInfo | undefined> {
  const result = await database.db.knex.raw<{ rows: IndexInfo[] }>(
    `
    SELECT pg_indexes.indexdef, pg_index.indisvalid
      FROM pg_indexes
      JOIN pg_class ON pg_class.relname = pg_indexes.indexname
      JOIN pg_index ON pg_index.indexrelid = pg_class.oid
     WHERE pg_indexes.indexname = ?
  `,
    [name],
  );
  return result.rows[0];
}

async function hasTable(name: string): Promise<boolean> {
  return database.db.knex.schema.hasTable(name);
}

interface CountDifference {
  criteria_digest: string;
  actual: number | null;
  expected: number | null;
}

/** Sets whose stored count differs from a fresh count of `scholarships`. */
async function criteriaSetDifferences(): Promise<CountDifference[]> {
  const result = await database.db.knex.raw<{ rows: CountDifference[] }>(`
    SELECT criteria_digest, sets.scholarship_count AS actual, counted.n AS expected
      FROM eligibility_criteria_sets AS sets
      FULL JOIN (
        SELECT eligibility_criteria_digest(grade_level, min_gpa, state, citizenship,
                 field_of_study, gender, ethnicity, basis) AS criteria_digest,
               count(*)::integer AS n
          FROM scholarships GROUP BY 1
      ) AS counted USING (criteria_digest)
     WHERE sets.scholarship_count IS DISTINCT FROM counted.n
  `);
  return result.rows;
}

/** Sets whose stored `folded_ethnicity` differs from what the current fold computes. */
async function staleFoldedSets(): Promise<string[]> {
  const result = await database.db.knex.raw<{ rows: { criteria_digest: string }[] }>(`
    SELECT criteria_digest FROM eligibility_criteria_sets
     WHERE folded_ethnicity IS DISTINCT FROM eligibility_fold_ethnicities(ethnicity)`);
  return result.rows.map((row) => row.criteria_digest);
}

const MAX_CODE_POINT = 0x10ffff;
const FIRST_SURROGATE = 0xd800;
const LAST_SURROGATE = 0xdfff;

/** Every Unicode scalar value from U+0001 on, each as a string: PostgreSQL text cannot hold NUL. */
function allCharacters(): string[] {
  const characters: string[] = [];
  for (let codePoint = 1; codePoint <= MAX_CODE_POINT; codePoint++) {
    if (codePoint >= FIRST_SURROGATE && codePoint <= LAST_SURROGATE) continue;
    characters.push(String.fromCodePoint(codePoint));
  }
  return characters;
}

/** Reverts migrations, newest first, through `name`, and returns the names reverted. */
async function revertThrough(name: string): Promise<string[]> {
  const reverted: string[] = [];
  while (!reverted.includes(name)) {
    const step = await migrateDown(database.db.knex, SERVICE);
    if (step.length === 0) throw new Error(`${name} is not applied`);
    reverted.push(...step);
  }
  return reverted;
}

const STORED_DIGEST_STEPS = [
  '007-store-criteria-digest',
  '008-index-scholarships-by-stored-digest',
  '009-index-scholarships-by-dollar-award',
];

const DOLLAR_AWARD_STEP = '009-index-scholarships-by-dollar-award';

const FIXED_FOLD_STEP = '010-fold-ethnicities-by-fixed-table';

/** The migrations from 007 on, in the order they apply. */
const STEPS_FROM_STORED_DIGEST = [...STORED_DIGEST_STEPS, FIXED_FOLD_STEP];

async function setCount(): Promise<number> {
  const [row] = await database.db.knex('eligibility_criteria_sets').count<{ count: number }[]>();
  return Number(row?.count);
}

describe('eligibility migrations', () => {
  it('drop the unused index on grade level, citizenship and state', async () => {
    expect(await indexInfo('idx_scholarships_eligibility')).toBeUndefined();
  });

  it('build that index again when the drop is reverted', async () => {
    expect(await revertThrough('006-drop-eligibility-index')).toEqual([
      ...[...STEPS_FROM_STORED_DIGEST].reverse(),
      '006-drop-eligibility-index',
    ]);
    const index = await indexInfo('idx_scholarships_eligibility');
    expect(index?.indisvalid).toBe(true);
    expect(index?.indexdef).toContain(
      'ON public.scholarships USING btree (grade_level, citizenship, state)',
    );
    expect(await migrateLatest(database.db.knex, SERVICE)).toEqual([
      '006-drop-eligibility-index',
      ...STEPS_FROM_STORED_DIGEST,
    ]);
    expect(await indexInfo('idx_scholarships_eligibility')).toBeUndefined();
  });

  it('create a valid index by stored criteria digest in page order', async () => {
    const index = await indexInfo('idx_scholarships_criteria_dollar_page');
    expect(index?.indisvalid).toBe(true);
    // PostgreSQL prints the CASE expression on several lines.
    const definition = index?.indexdef.replace(/\s+/g, ' ');
    expect(definition).toContain(
      "btree (criteria_digest, deadline, ( CASE WHEN (COALESCE(award_currency, 'USD'::bpchar) = 'USD'::bpchar) THEN COALESCE(award_amount_max, award_amount_min,",
    );
    expect(definition).toContain('END) DESC, name COLLATE "C", id)');
    expect(index?.indexdef).toContain(
      'INCLUDE (award_amount_max, award_amount_min, award_currency)',
    );
    expect(await indexInfo('idx_scholarships_criteria_page')).toBeUndefined();
    expect(await indexInfo('idx_scholarships_criteria_rank')).toBeUndefined();
  });

  it('return to the page index without currency when reverted', async () => {
    expect(await revertThrough(DOLLAR_AWARD_STEP)).toEqual([FIXED_FOLD_STEP, DOLLAR_AWARD_STEP]);
    const index = await indexInfo('idx_scholarships_criteria_page');
    expect(index?.indisvalid).toBe(true);
    expect(index?.indexdef).toContain(
      'btree (criteria_digest, deadline, COALESCE(award_amount_max, award_amount_min',
    );
    expect(index?.indexdef).toContain('INCLUDE (award_amount_max, award_amount_min)');
    expect(await indexInfo('idx_scholarships_criteria_dollar_page')).toBeUndefined();
    expect(await migrateLatest(database.db.knex, SERVICE)).toEqual([
      DOLLAR_AWARD_STEP,
      FIXED_FOLD_STEP,
    ]);
    expect((await indexInfo('idx_scholarships_criteria_dollar_page'))?.indisvalid).toBe(true);
    expect(await indexInfo('idx_scholarships_criteria_page')).toBeUndefined();
  });

  it('replace an invalid leftover of the dollar index', async () => {
    await revertThrough(DOLLAR_AWARD_STEP);
    // A unique index on the digest cannot be built while two rows share a set, so the build
    // fails and leaves an INVALID index under the name, as an interrupted build would.
    await insertScholarships(database.db.knex, [
      { key: 'leftover:a', name: 'A' },
      { key: 'leftover:b', name: 'B' },
    ]);
    await expect(
      database.db.knex.raw(
        'CREATE UNIQUE INDEX CONCURRENTLY idx_scholarships_criteria_dollar_page ON scholarships (criteria_digest)',
      ),
    ).rejects.toThrow(/could not create unique index/);
    expect((await indexInfo('idx_scholarships_criteria_dollar_page'))?.indisvalid).toBe(false);
    expect(await migrateLatest(database.db.knex, SERVICE)).toEqual([
      DOLLAR_AWARD_STEP,
      FIXED_FOLD_STEP,
    ]);
    expect((await indexInfo('idx_scholarships_criteria_dollar_page'))?.indisvalid).toBe(true);
    await database.db.knex('scholarships').where('source_key', 'like', 'leftover:%').delete();
  });

  it('store the digest of the criteria set on each scholarship', async () => {
    await insertScholarships(database.db.knex, [
      { key: 'digest:a', name: 'A', state: ['AZ'], grade_level: ['undergraduate'] },
      { key: 'digest:b', name: 'B', state: ['AZ'], grade_level: ['undergraduate'] },
      { key: 'digest:c', name: 'C', state: ['NM'] },
    ]);
    const result = await database.db.knex.raw<{ rows: { digests: number; sets: number }[] }>(`
      SELECT count(DISTINCT s.criteria_digest)::integer AS digests,
             count(DISTINCT sets.criteria_digest)::integer AS sets
        FROM scholarships AS s
        LEFT JOIN eligibility_criteria_sets AS sets USING (criteria_digest)
       WHERE s.source_key LIKE 'digest:%'`);
    expect(result.rows[0]).toEqual({ digests: 2, sets: 2 });
    await database.db.knex('scholarships').where('source_key', 'like', 'digest:%').delete();
  });

  it('keep the stored digest while its index exists', async () => {
    const [storeDigest] = migrations.filter((step) => step.name === STORED_DIGEST_STEPS[0]);
    await expect(storeDigest?.down(database.db.knex)).rejects.toThrow(
      /revert 009-index-scholarships-by-dollar-award/,
    );
    expect(await database.db.knex.schema.hasColumn('scholarships', 'criteria_digest')).toBe(true);
  });

  it('refuse to revert the index on the digest expression alone once it is replaced', async () => {
    await expect(
      migrateDown(database.db.knex, SERVICE, '005-index-scholarships-by-criteria-set'),
    ).rejects.toThrow(/revert them first/);
    expect((await indexInfo('idx_scholarships_criteria_dollar_page'))?.indisvalid).toBe(true);
  });

  it('return to the index on the digest expression when the stored digest is reverted', async () => {
    expect(await revertThrough('007-store-criteria-digest')).toEqual(
      [...STEPS_FROM_STORED_DIGEST].reverse(),
    );
    expect((await indexInfo('idx_scholarships_criteria_rank'))?.indisvalid).toBe(true);
    expect(await indexInfo('idx_scholarships_criteria_page')).toBeUndefined();
    expect(await indexInfo('idx_scholarships_criteria_dollar_page')).toBeUndefined();
    expect(await database.db.knex.schema.hasColumn('scholarships', 'criteria_digest')).toBe(false);
    expect(await migrateLatest(database.db.knex, SERVICE)).toEqual(STEPS_FROM_STORED_DIGEST);
    expect((await indexInfo('idx_scholarships_criteria_dollar_page'))?.indisvalid).toBe(true);
    expect(await indexInfo('idx_scholarships_criteria_page')).toBeUndefined();
    expect(await indexInfo('idx_scholarships_criteria_rank')).toBeUndefined();
  });

  it('create student_profiles keyed by user id', async () => {
    await database.db.knex('student_profiles').insert({ user_id: 'user-1', profile: { gpa: 3.5 } });
    const [row] = await database.db.knex('student_profiles').where('user_id', 'user-1');
    expect(row.profile).toEqual({ gpa: 3.5 });
    expect(row.version).toBe(1);
    expect(row.updated_at).toBeInstanceOf(Date);
  });

  it('reject a profile that is not a JSON object', async () => {
    const insert = database.db.knex('student_profiles').insert({
      user_id: 'user-2',
      profile: JSON.stringify([1]),
    });
    await expect(insert).rejects.toThrow(/student_profiles_profile_object_check/);
  });

  it('create the eligibility outbox', async () => {
    expect(await hasTable('eligibility_outbox')).toBe(true);
  });

  it('count criteria sets through inserts, updates and deletes', async () => {
    const ids = await insertScholarships(database.db.knex, [
      { key: 'sets:a', name: 'A', state: ['AZ'] },
      { key: 'sets:b', name: 'B', state: ['AZ'] },
      { key: 'sets:c', name: 'C', min_gpa: 3 },
      { key: 'sets:d', name: 'D' },
    ]);
    expect(await criteriaSetDifferences()).toEqual([]);
    expect(await setCount()).toBe(3);

    await database.db
      .knex('scholarships')
      .where('source_key', 'sets:a')
      .update({ state: ['TX'] });
    await database.db.knex('scholarships').where('source_key', 'sets:d').update({ name: 'D2' });
    expect(await criteriaSetDifferences()).toEqual([]);
    expect(await setCount()).toBe(4);

    await database.db.knex('scholarships').where('id', ids.get('sets:b')).delete();
    expect(await criteriaSetDifferences()).toEqual([]);
    // The AZ set lost its last scholarship, so its row is gone.
    expect(await setCount()).toBe(3);
  });

  it('count criteria sets through an upsert of new and existing rows', async () => {
    await database.db
      .knex('scholarships')
      .insert([
        { source_key: 'sets:c', name: 'C', min_gpa: 3.5, sources: '[]' },
        { source_key: 'sets:e', name: 'E', gender: ['female'], sources: '[]' },
      ])
      .onConflict('source_key')
      .merge();
    expect(await criteriaSetDifferences()).toEqual([]);
  });

  it('keep counting after a rolled-back write', async () => {
    await database.db.knex
      .transaction(async (trx) => {
        await trx('scholarships').update({ citizenship: ['us_citizen'] });
        throw new Error('write failed');
      })
      .catch(() => undefined);
    expect(await criteriaSetDifferences()).toEqual([]);
  });

  it('set one restriction bit per criterion as the statement expects', async () => {
    const restrictions: Record<CriterionName, object> = {
      gradeLevel: { grade_level: ['graduate'] },
      gpa: { min_gpa: 3 },
      state: { state: ['AZ'] },
      citizenship: { citizenship: ['daca'] },
      fieldOfStudy: { field_of_study: ['law'] },
      gender: { gender: ['male'] },
      ethnicity: { ethnicity: ['Hispanic'] },
      basis: { basis: 'need' },
    };
    const entries = Object.entries(restrictions) as [CriterionName, object][];
    await insertScholarships(
      database.db.knex,
      entries.map(([criterion, columns]) => ({
        key: `bits:${criterion}`,
        name: criterion,
        ...columns,
      })),
    );
    for (const [criterion, columns] of entries) {
      const sql = `SELECT restricted_mask FROM eligibility_criteria_sets
        WHERE criteria_digest = (SELECT eligibility_criteria_digest(grade_level, min_gpa, state,
          citizenship, field_of_study, gender, ethnicity, basis) FROM scholarships WHERE source_key = ?)`;
      const result = await database.db.knex.raw<{ rows: { restricted_mask: number }[] }>(sql, [
        `bits:${criterion}`,
      ]);
      expect({ criterion, columns, mask: result.rows[0]?.restricted_mask }).toEqual({
        criterion,
        columns,
        mask: CRITERION_BITS[criterion],
      });
    }
    await database.db.knex('scholarships').where('source_key', 'like', 'bits:%').delete();
  });

  it('fold ethnicities in SQL exactly as the evaluators do', async () => {
    const samples = [
      '  Hispanic ',
      'AFRICAN AMERICAN',
      '\u00a0Asian\u3000',
      '\tNative American\n',
      'İNUPİAT',
      'ΈΛΛΗΝΑΣ',
      'Straße',
      '\u212Aorean',
      'ÅLAND',
      'Ꭰ Cherokee',
    ];
    const result = await database.db.knex.raw<{ rows: { folded: string }[] }>(
      'SELECT eligibility_fold_ethnicity(value) AS folded FROM unnest(?::text[]) AS value',
      [samples],
    );
    expect(result.rows.map((row) => row.folded)).toEqual(samples.map(normalizeEthnicity));
  });

  it('fold every code point in SQL as the evaluators do', async () => {
    // Runs of 64 code points give context-dependent mappings such as the final sigma a context.
    const characters = allCharacters();
    const samples: string[] = [];
    for (let start = 0; start < characters.length; start += 64) {
      samples.push(` ${characters.slice(start, start + 64).join('')}\u3000`);
    }
    const result = await database.db.knex.raw<{ rows: { folded: string }[] }>(
      `SELECT eligibility_fold_ethnicity(value) AS folded
         FROM unnest(?::text[]) WITH ORDINALITY AS sample(value, position)
        ORDER BY position`,
      [samples],
    );
    expect(result.rows).toHaveLength(samples.length);
    // The first code point of each run that folds differently, in hexadecimal.
    const mismatches = samples
      .filter((sample, index) => result.rows[index]?.folded !== normalizeEthnicity(sample))
      .map((sample) => sample.codePointAt(1)?.toString(16));
    expect(mismatches).toEqual([]);
  });

  it('restore the fold by server lower-casing when reverted', async () => {
    const foldDefinition = async () => {
      const result = await database.db.knex.raw<{ rows: { definition: string }[] }>(
        "SELECT pg_get_functiondef('eligibility_fold_ethnicity(text)'::regprocedure) AS definition",
      );
      return result.rows[0]?.definition;
    };
    await insertScholarships(database.db.knex, [
      { key: 'fold:a', name: 'A', ethnicity: ['  \uA7CBx ', 'ΈΛΛΗΝΑΣ'] },
    ]);
    expect(await foldDefinition()).not.toContain('pg_c_utf8');
    expect(await revertThrough(FIXED_FOLD_STEP)).toEqual([FIXED_FOLD_STEP]);
    expect(await foldDefinition()).toContain('lower(');
    expect(await foldDefinition()).toContain('pg_c_utf8');
    expect(await staleFoldedSets()).toEqual([]);
    expect(await criteriaSetDifferences()).toEqual([]);
    expect(await migrateLatest(database.db.knex, SERVICE)).toEqual([FIXED_FOLD_STEP]);
    expect(await foldDefinition()).not.toContain('pg_c_utf8');
    expect(await staleFoldedSets()).toEqual([]);
    expect(await criteriaSetDifferences()).toEqual([]);
    await database.db.knex('scholarships').where('source_key', 'like', 'fold:%').delete();
  });

  it('empty the criteria sets when scholarships are truncated', async () => {
    await database.db.knex.raw('TRUNCATE scholarships CASCADE');
    expect(await setCount()).toBe(0);
  });

  it('drop the criteria-set indexes on the way down and build them again', async () => {
    expect(await revertThrough('005-index-scholarships-by-criteria-set')).toEqual([
      ...[...STEPS_FROM_STORED_DIGEST].reverse(),
      '006-drop-eligibility-index',
      '005-index-scholarships-by-criteria-set',
    ]);
    expect(await indexInfo('idx_scholarships_criteria_rank')).toBeUndefined();
    expect(await indexInfo('idx_scholarships_criteria_page')).toBeUndefined();
    expect(await indexInfo('idx_scholarships_criteria_dollar_page')).toBeUndefined();
    expect(await migrateLatest(database.db.knex, SERVICE)).toEqual([
      '005-index-scholarships-by-criteria-set',
      '006-drop-eligibility-index',
      ...STEPS_FROM_STORED_DIGEST,
    ]);
    expect((await indexInfo('idx_scholarships_criteria_dollar_page'))?.indisvalid).toBe(true);
  });

  it('fill the criteria sets from existing scholarships when applied', async () => {
    await revertThrough('004-create-criteria-sets');
    expect(await hasTable('eligibility_criteria_sets')).toBe(false);
    await insertScholarships(database.db.knex, [
      { key: 'later:a', name: 'A', state: ['AZ'] },
      { key: 'later:b', name: 'B', state: ['AZ'] },
    ]);
    await migrateLatest(database.db.knex, SERVICE);
    expect(await criteriaSetDifferences()).toEqual([]);
    expect(await setCount()).toBe(1);
  });

  it('roll back completely and apply again', async () => {
    await migrateRollbackAll(database.db.knex, SERVICE);
    expect(await hasTable('student_profiles')).toBe(false);
    expect(await hasTable('eligibility_outbox')).toBe(false);
    expect(await hasTable('eligibility_criteria_sets')).toBe(false);
    expect(await indexInfo('idx_scholarships_eligibility')).toBeUndefined();
    expect(await database.db.knex.schema.hasColumn('scholarships', 'criteria_digest')).toBe(false);
    expect(await hasTable('scholarships')).toBe(true);
    // Catalog writes work without the eligibility triggers.
    await insertScholarships(database.db.knex, [{ key: 'after:a', name: 'A' }]);
    await migrateLatest(database.db.knex, SERVICE);
    expect(await hasTable('student_profiles')).toBe(true);
    expect((await indexInfo('idx_scholarships_criteria_dollar_page'))?.indisvalid).toBe(true);
    expect(await criteriaSetDifferences()).toEqual([]);
  });
});
