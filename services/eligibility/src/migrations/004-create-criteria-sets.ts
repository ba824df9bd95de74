import type { Knex } from 'knex';

/**
 * Criteria sets: one row per distinct combination of the eight eligibility
 * columns of `scholarships`, with the number of scholarships that have it.
 * The 103,813 rows of the imported data plus 100,000 synthetic rows share
 * 4,133 combinations (53,077 rows restrict on nothing), so the match query
 * evaluates a profile against these few thousand rows instead of every
 * scholarship, then reads only the scholarships its page needs through
 * `idx_scholarships_criteria_rank` (migration 005).
 *
 * Statement-level triggers on `scholarships` keep the counts exact in the
 * transaction of every catalog write. They run for writes of any client,
 * including the catalog importer. `eligibility_rebuild_criteria_sets()`
 * recomputes the table, e.g. after rows were loaded with triggers disabled.
 *
 * Creating the triggers locks `scholarships` against writes until this
 * migration commits, so the initial fill cannot miss a concurrent write.
 */

/** The eight eligibility columns, in the order the functions below take them. */
const CRITERIA_COLUMNS =
  'grade_level, min_gpa, state, citizenship, field_of_study, gender, ethnicity, basis';

/**
 * Characters that JavaScript's `String.prototype.trim` removes (ECMA-262
 * WhiteSpace and LineTerminator), so the SQL fold trims exactly as
 * `normalizeEthnicity` does.
 */
export const JS_WHITESPACE = String.raw`E' \t\n\r\f\u000B\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF'`;

/**
 * The ethnicity fold of `normalizeEthnicity` in SQL, as first written. `lower` under the
 * `pg_c_utf8` collation (PostgreSQL 17, UTF-8 databases) applies Unicode
 * simple case mapping whatever the database locale, and JavaScript's
 * `toLowerCase` applies full case mapping. The two differ on U+0130 (İ),
 * which JavaScript maps to `i` plus U+0307, and on the final sigma, which
 * both sides fold to σ. Letters added to Unicode after the server's version
 * (15.1 in PostgreSQL 17) stay as written, so migration
 * `010-fold-ethnicities-by-fixed-table` replaces this fold with a fixed map.
 */
export const LOWER_FOLD_EXPRESSION = String.raw`replace(
      lower(replace(btrim(value, ${JS_WHITESPACE}), E'\u0130', E'i\u0307') COLLATE pg_c_utf8),
      E'\u03C2', E'\u03C3')`;

const CREATE_FOLD_FUNCTIONS = `
  CREATE FUNCTION eligibility_fold_ethnicity(value text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ${LOWER_FOLD_EXPRESSION};

  CREATE FUNCTION eligibility_fold_ethnicities(value text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ARRAY(SELECT eligibility_fold_ethnicity(item) FROM unnest(value) AS item);
`;

/**
 * The identity of a combination: the MD5 of its record text, which quotes
 * every element, so two different combinations get different texts.
 */
const CREATE_DIGEST_FUNCTION = `
  CREATE FUNCTION eligibility_criteria_digest(
    grade_level text[], min_gpa numeric, state text[], citizenship text[],
    field_of_study text[], gender text[], ethnicity text[], basis text
  ) RETURNS uuid
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN md5(ROW(${CRITERIA_COLUMNS})::text)::uuid;
`;

/**
 * One bit per restricted criterion, in the order of `CRITERIA`: grade level
 * (bit 0), GPA, state, citizenship, field of study, gender, ethnicity, and
 * need-based basis (bit 7). `eligibility/criteria-masks.ts` builds the
 * profile's masks in the same order, so the match statement tests the
 * status and specificity of a set with two bitwise ANDs.
 */
const RESTRICTED_MASK = `
  (grade_level <> '{}')::integer
  | ((min_gpa IS NOT NULL)::integer << 1)
  | ((state <> '{}')::integer << 2)
  | ((citizenship <> '{}')::integer << 3)
  | ((field_of_study <> '{}')::integer << 4)
  | ((gender <> '{}')::integer << 5)
  | ((ethnicity <> '{}')::integer << 6)
  | ((basis IS NOT DISTINCT FROM 'need')::integer << 7)`;

const CREATE_TABLE = `
  CREATE TABLE eligibility_criteria_sets (
    criteria_digest uuid PRIMARY KEY
      GENERATED ALWAYS AS (eligibility_criteria_digest(${CRITERIA_COLUMNS})) STORED,
    grade_level text[] NOT NULL,
    min_gpa numeric(3, 2),
    state text[] NOT NULL,
    citizenship text[] NOT NULL,
    field_of_study text[] NOT NULL,
    gender text[] NOT NULL,
    ethnicity text[] NOT NULL,
    folded_ethnicity text[] NOT NULL GENERATED ALWAYS AS (eligibility_fold_ethnicities(ethnicity)) STORED,
    basis text,
    restricted_mask integer NOT NULL GENERATED ALWAYS AS (${RESTRICTED_MASK}) STORED,
    scholarship_count integer NOT NULL
  );
`;

/**
 * Adds the signed count of each combination in `source` (rows with the
 * criteria columns and a `delta`) to the table, in digest order so that
 * concurrent writers lock set rows in the same order and cannot deadlock.
 * Combinations whose count reaches zero are deleted. A negative count means
 * that rows changed while the triggers were disabled; the set is deleted
 * and a warning tells to rebuild.
 */
function applyDeltasBody(source: string): string {
  return `
  DECLARE
    emptied uuid[];
    negative integer;
  BEGIN
    WITH deltas AS (
      SELECT ${CRITERIA_COLUMNS}, sum(delta)::integer AS delta
        FROM (${source}) AS changed
       GROUP BY ${CRITERIA_COLUMNS}
      HAVING sum(delta) <> 0
    ), applied AS (
      INSERT INTO eligibility_criteria_sets AS sets (${CRITERIA_COLUMNS}, scholarship_count)
      SELECT ${CRITERIA_COLUMNS}, delta FROM deltas
       ORDER BY eligibility_criteria_digest(${CRITERIA_COLUMNS})
      ON CONFLICT (criteria_digest)
        DO UPDATE SET scholarship_count = sets.scholarship_count + excluded.scholarship_count
      RETURNING criteria_digest, scholarship_count
    )
    SELECT array_agg(criteria_digest) FILTER (WHERE scholarship_count <= 0),
           count(*) FILTER (WHERE scholarship_count < 0)
      INTO emptied, negative
      FROM applied;
    IF negative > 0 THEN
      RAISE WARNING 'eligibility_criteria_sets is out of step with scholarships for % criteria sets',
        negative
        USING HINT = 'Run SELECT eligibility_rebuild_criteria_sets() to recompute it.';
    END IF;
    IF emptied IS NOT NULL THEN
      DELETE FROM eligibility_criteria_sets WHERE criteria_digest = ANY (emptied);
    END IF;
    RETURN NULL;
  END;`;
}

/** One trigger function per operation, because each sees different transition tables. */
const TRIGGER_SOURCES = {
  insert: `SELECT ${CRITERIA_COLUMNS}, 1 AS delta FROM inserted_rows`,
  update: `SELECT ${CRITERIA_COLUMNS}, 1 AS delta FROM inserted_rows
           UNION ALL
           SELECT ${CRITERIA_COLUMNS}, -1 AS delta FROM deleted_rows`,
  delete: `SELECT ${CRITERIA_COLUMNS}, -1 AS delta FROM deleted_rows`,
} as const;

const TRANSITION_TABLES = {
  insert: 'NEW TABLE AS inserted_rows',
  update: 'OLD TABLE AS deleted_rows NEW TABLE AS inserted_rows',
  delete: 'OLD TABLE AS deleted_rows',
} as const;

type Operation = keyof typeof TRIGGER_SOURCES;
const OPERATIONS: readonly Operation[] = ['insert', 'update', 'delete'];

function createTrigger(operation: Operation): string {
  const name = `eligibility_criteria_sets_after_${operation}`;
  return `
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$${applyDeltasBody(
      TRIGGER_SOURCES[operation],
    )}$$;
    CREATE TRIGGER ${name} AFTER ${operation.toUpperCase()} ON scholarships
      REFERENCING ${TRANSITION_TABLES[operation]}
      FOR EACH STATEMENT EXECUTE FUNCTION ${name}();
  `;
}

const CREATE_TRUNCATE_TRIGGER = `
  CREATE FUNCTION eligibility_criteria_sets_after_truncate() RETURNS trigger
    LANGUAGE plpgsql AS $$
  BEGIN
    DELETE FROM eligibility_criteria_sets;
    RETURN NULL;
  END;
  $$;
  CREATE TRIGGER eligibility_criteria_sets_after_truncate AFTER TRUNCATE ON scholarships
    FOR EACH STATEMENT EXECUTE FUNCTION eligibility_criteria_sets_after_truncate();
`;

/** The SHARE lock lets reads run and makes writers wait until the rebuild commits. */
const CREATE_REBUILD_FUNCTION = `
  CREATE FUNCTION eligibility_rebuild_criteria_sets() RETURNS void LANGUAGE sql AS $$
    LOCK TABLE scholarships IN SHARE MODE;
    DELETE FROM eligibility_criteria_sets;
    INSERT INTO eligibility_criteria_sets (${CRITERIA_COLUMNS}, scholarship_count)
    SELECT ${CRITERIA_COLUMNS}, count(*) FROM scholarships GROUP BY ${CRITERIA_COLUMNS};
  $$;
`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(CREATE_FOLD_FUNCTIONS);
  await knex.raw(CREATE_DIGEST_FUNCTION);
  await knex.raw(CREATE_TABLE);
  for (const operation of OPERATIONS) await knex.raw(createTrigger(operation));
  await knex.raw(CREATE_TRUNCATE_TRIGGER);
  await knex.raw(CREATE_REBUILD_FUNCTION);
  await knex.raw('SELECT eligibility_rebuild_criteria_sets()');
}

export async function down(knex: Knex): Promise<void> {
  for (const operation of [...OPERATIONS, 'truncate']) {
    const name = `eligibility_criteria_sets_after_${operation}`;
    await knex.raw(`DROP TRIGGER IF EXISTS ${name} ON scholarships`);
    await knex.raw(`DROP FUNCTION IF EXISTS ${name}()`);
  }
  await knex.raw('DROP FUNCTION IF EXISTS eligibility_rebuild_criteria_sets()');
  await knex.raw('DROP TABLE IF EXISTS eligibility_criteria_sets');
  await knex.raw('DROP FUNCTION IF EXISTS eligibility_criteria_digest');
  await knex.raw('DROP FUNCTION IF EXISTS eligibility_fold_ethnicities(text[])');
  await knex.raw('DROP FUNCTION IF EXISTS eligibility_fold_ethnicity(text)');
}
