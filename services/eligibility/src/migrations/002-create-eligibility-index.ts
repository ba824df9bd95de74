import type { Knex } from 'knex';

/**
 * Index on the catalog's `scholarships` table for lookups by exact
 * restriction lists, such as `grade_level = '{}'` for "open to every grade".
 * The eligibility prefilter's OR clauses do not use it, and no GIN index is
 * added for their `@>` and `&&` operators either: most rows are unrestricted,
 * so the planner prefers a sequential scan even when GIN indexes exist.
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
