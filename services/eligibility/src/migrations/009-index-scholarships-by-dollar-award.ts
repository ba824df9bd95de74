import type { Knex } from 'knex';
import * as indexByStoredDigest from './008-index-scholarships-by-stored-digest';

/**
 * Replaces `idx_scholarships_criteria_page` (migration 008) with
 * `idx_scholarships_criteria_dollar_page`, whose award key counts only US
 * dollars. Amounts in another currency rank like awards without a figure,
 * because no exchange rates are applied. An amount with no stated currency
 * counts as dollars. The other keys are those of migration 008.
 *
 * The award expression must equal `AWARD_RANK` in
 * `eligibility/match-statement.ts` after parsing, or PostgreSQL cannot use
 * the index for the page order. The expression reads `award_currency`, so
 * the index includes that column next to the amounts. The match page then
 * still reads scholarships by index-only scans.
 *
 * The new index is built before the old one is dropped, so match pages
 * always have one of them. CONCURRENTLY keeps catalog writes running and
 * cannot run inside a transaction. A failed build leaves an INVALID index,
 * which `up` drops first.
 */
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS idx_scholarships_criteria_dollar_page');
  await knex.raw(`
    CREATE INDEX CONCURRENTLY idx_scholarships_criteria_dollar_page ON scholarships (
      criteria_digest,
      deadline,
      (CASE WHEN COALESCE(award_currency, 'USD') = 'USD'
        THEN COALESCE(award_amount_max, award_amount_min, -1) ELSE -1 END) DESC,
      name COLLATE "C",
      id
    ) INCLUDE (award_amount_max, award_amount_min, award_currency)
  `);
  await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS idx_scholarships_criteria_page');
}

/** Builds migration 008's index again before dropping this one. */
export async function down(knex: Knex): Promise<void> {
  await indexByStoredDigest.up(knex);
  await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS idx_scholarships_criteria_dollar_page');
}
