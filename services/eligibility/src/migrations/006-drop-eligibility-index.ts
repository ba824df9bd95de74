import type { Knex } from 'knex';

/**
 * Drops `idx_scholarships_eligibility` (migration 002): no eligibility query
 * uses it. On the imported data plus 100,000 synthetic rows, PostgreSQL 17
 * scans the table sequentially for the former row-level prefilter, whose
 * OR clauses keep the unrestricted rows of every criterion, and the match
 * statement reads `scholarships` only through `idx_scholarships_criteria_rank`.
 * `eligibility/query-plans.test.ts` shows both plans with the index present and
 * shows the same plans after this drop. Every catalog write paid for
 * maintaining it.
 *
 * `down` builds it again, as migration 002 does.
 */
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS idx_scholarships_eligibility');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS idx_scholarships_eligibility');
  await knex.raw(
    'CREATE INDEX CONCURRENTLY idx_scholarships_eligibility ' +
      'ON scholarships (grade_level, citizenship, state)',
  );
}
