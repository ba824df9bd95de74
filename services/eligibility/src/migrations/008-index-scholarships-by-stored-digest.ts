import type { Knex } from 'knex';
import * as indexByDigestExpression from './005-index-scholarships-by-criteria-set';

/**
 * Replaces `idx_scholarships_criteria_rank` (migration 005) with
 * `idx_scholarships_criteria_page`: the same keys in the same order, led by
 * the stored digest of migration 007 instead of the digest expression, and
 * with the two amount columns included. It then contains every column the
 * match page reads of a scholarship before the page is chosen, so those
 * reads are index-only scans and visit no table rows.
 *
 * The award expression must equal `AWARD_RANK` in
 * `eligibility/match-statement.ts` after parsing, or PostgreSQL cannot use
 * the index for the page order.
 *
 * The new index is built before the old one is dropped, so match pages
 * always have one of them. CONCURRENTLY keeps catalog writes running and
 * cannot run inside a transaction; a failed build leaves an INVALID index,
 * which `up` drops first.
 */
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS idx_scholarships_criteria_page');
  await knex.raw(`
    CREATE INDEX CONCURRENTLY idx_scholarships_criteria_page ON scholarships (
      criteria_digest,
      deadline,
      (COALESCE(award_amount_max, award_amount_min, -1)) DESC,
      name COLLATE "C",
      id
    ) INCLUDE (award_amount_max, award_amount_min)
  `);
  await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS idx_scholarships_criteria_rank');
}

/** Builds migration 005's index again before dropping this one. */
export async function down(knex: Knex): Promise<void> {
  await indexByDigestExpression.up(knex);
  await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS idx_scholarships_criteria_page');
}
