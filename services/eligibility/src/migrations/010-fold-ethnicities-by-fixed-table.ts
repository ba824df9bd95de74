import { ETHNICITY_FOLD } from '@scholarships/api-contract';
import type { Knex } from 'knex';
import { JS_WHITESPACE, LOWER_FOLD_EXPRESSION } from './004-create-criteria-sets';

/**
 * Replaces the ethnicity fold of migration 004 with one that applies `ETHNICITY_FOLD`, the fixed
 * map that `normalizeEthnicity` applies in the services. The fold of migration 004 lower-cases
 * with the server's Unicode tables, while `normalizeEthnicity` lower-cased with Node.js's newer
 * ones. A letter added to Unicode after 15.1, such as U+A7CB, was therefore folded in a profile
 * but not in `eligibility_criteria_sets.folded_ethnicity`, so the check left out scholarships
 * that the analysis called eligible. With one map on both sides, upgrading either runtime
 * changes neither fold.
 *
 * The SQL fold looks each character up in the map as a `jsonb` object, whose keys PostgreSQL
 * finds by binary search. `translate` with the same map compares each character with all 1,434
 * keys in turn: folding every code point in runs of 64 took about 0.5 s this way and did not
 * finish within 5 s with `translate` (PostgreSQL 17.10 of the tests, 2 vCPU).
 *
 * `folded_ethnicity` is a stored generated column, which PostgreSQL does not recompute when a
 * function changes, so `up` and `down` rebuild the criteria sets. The rebuild holds a SHARE lock
 * on `scholarships`, which makes catalog writes wait until the migration commits.
 */
function sqlText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function fixedFoldExpression(): string {
  const map = sqlText(JSON.stringify(Object.fromEntries(ETHNICITY_FOLD)));
  return `(
    SELECT coalesce(string_agg(coalesce(${map}::jsonb ->> character, character), '' ORDER BY position), '')
      FROM string_to_table(btrim(value, ${JS_WHITESPACE}), NULL)
             WITH ORDINALITY AS characters(character, position))`;
}

function replaceFold(expression: string): string {
  return `
    CREATE OR REPLACE FUNCTION eligibility_fold_ethnicity(value text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN ${expression}`;
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw(replaceFold(fixedFoldExpression()));
  await knex.raw('SELECT eligibility_rebuild_criteria_sets()');
}

/** Restores the fold of migration 004. */
export async function down(knex: Knex): Promise<void> {
  await knex.raw(replaceFold(LOWER_FOLD_EXPRESSION));
  await knex.raw('SELECT eligibility_rebuild_criteria_sets()');
}
