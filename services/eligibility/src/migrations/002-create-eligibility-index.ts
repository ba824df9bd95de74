import type { Knex } from 'knex';

/**
 * Index on the catalog's `scholarships` table on `(grade_level, citizenship,
 * state)`. PostgreSQL 17 never chooses it for eligibility: on the imported
 * data plus 100,000 synthetic rows, after ANALYZE, the row-level prefilter
 * scans the table even with `enable_seqscan = off`, because a btree on the
 * arrays serves `grade_level = '{}'` but not the `@>` arm of each
 * `grade_level = '{}' OR grade_level @> ARRAY[...]` clause:
 *
 *   Seq Scan on scholarships (actual rows=91479 loops=1)
 *     Filter: (... ((grade_level = '{}'::text[]) OR (grade_level @> '{high_school_senior}'::text[]))
 *              AND ((state = '{}'::text[]) OR (state @> '{TX}'::text[])) ...)
 *     Rows Removed by Filter: 12334
 *
 * Even `grade_level = '{}' AND citizenship = '{}' AND state = '{}'` matches
 * 84,573 of the 103,813 rows, so a sequential scan is the right plan at that
 * selectivity. The match statement reads criteria sets instead (migrations
 * 004 and 005), and migration 006 drops this index.
 *
 * CONCURRENTLY keeps catalog writes running during the build, and it cannot
 * run inside a transaction. A failed concurrent build leaves an INVALID index
 * behind under the same name, so `up` drops any leftover before building.
 */
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS idx_scholarships_eligibility');
  await knex.raw(
    'CREATE INDEX CONCURRENTLY idx_scholarships_eligibility ' +
      'ON scholarships (grade_level, citizenship, state)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS idx_scholarships_eligibility');
}
