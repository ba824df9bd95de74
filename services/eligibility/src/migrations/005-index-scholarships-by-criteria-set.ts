import type { Knex } from 'knex';

/**
 * Index that serves the match page: it finds the scholarships of one
 * criteria set (migration 004) already in the order of a page within that
 * set. Its digest and award expressions must equal the match statement's
 * after parsing, or PostgreSQL cannot use the index for them. `ROW_DIGEST`
 * and `AWARD_RANK` in `eligibility/match-statement.ts` spell both.
 *
 * Deadlines ascend for the upcoming ones and descend for past ones, so the
 * match statement scans this index forward for deadlines from today on,
 * forward for rows without a deadline (NULLs sort last), and backward for
 * past deadlines, with an incremental sort on the award within each date.
 *
 * CONCURRENTLY keeps catalog writes running during the build and cannot run
 * inside a transaction. A failed build leaves an INVALID index under the
 * same name, so `up` drops any leftover first.
 */
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS idx_scholarships_criteria_rank');
  await knex.raw(`
    CREATE INDEX CONCURRENTLY idx_scholarships_criteria_rank ON scholarships (
      eligibility_criteria_digest(
        grade_level, min_gpa, state, citizenship, field_of_study, gender, ethnicity, basis
      ),
      deadline,
      (COALESCE(award_amount_max, award_amount_min, -1)) DESC,
      name COLLATE "C",
      id
    )
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS idx_scholarships_criteria_rank');
}
