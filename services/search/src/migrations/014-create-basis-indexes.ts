import type { Knex } from '@scholarships/db';
import { createIndexConcurrently, dropIndexConcurrently } from './concurrent-index';

/**
 * Partial indexes on the scholarships that state a basis (need or merit),
 * for searches without keyword that filter on it. They lead with the basis,
 * which those statements test by equality, so even a generic plan reads
 * only the scholarships of that basis.
 *
 * Need-based scholarships are about 1 % of the catalogue (1,131 of
 * 103,813 rows). Filtered on the basis alone, such a search reads its page
 * from the sort-key indexes of migration 007 by skipping the other 99 %,
 * and its count, which stops after 1,001 matches, read about 93,000 entries
 * of `idx_scholarships_browse_count` to find them: 13 to 37 ms, with a list
 * filter beside it.
 *
 * - `idx_scholarships_basis_count` on `(basis, deadline)`, including every
 *   other filtered column, serves the count as an index-only scan.
 * - `idx_scholarships_basis_deadline_key` and `idx_scholarships_basis_amount_key`
 *   serve the page of each sort, with the sort key expressions of migration
 *   007.
 *
 * 9,844 of 103,813 rows state a basis, and the three indexes take 2.7 MB.
 */
const AMOUNT_KEY = `(coalesce(
  CASE WHEN coalesce(award_currency, 'USD') = 'USD'
    THEN coalesce(award_amount_max, award_amount_min) END,
  -1))`;

const INDEXES: [name: string, definition: string][] = [
  [
    'idx_scholarships_basis_count',
    `ON scholarships (basis, deadline) INCLUDE (
      field_of_study, grade_level, citizenship, state,
      award_currency, award_amount_min, award_amount_max)
    WHERE basis IS NOT NULL`,
  ],
  [
    'idx_scholarships_basis_deadline_key',
    `ON scholarships (basis, (coalesce(deadline, 'infinity'::date)), id)
    WHERE basis IS NOT NULL`,
  ],
  [
    'idx_scholarships_basis_amount_key',
    `ON scholarships (basis, ${AMOUNT_KEY}, id) WHERE basis IS NOT NULL`,
  ],
];

export async function up(knex: Knex): Promise<void> {
  for (const [name, definition] of INDEXES) await createIndexConcurrently(knex, name, definition);
}

export async function down(knex: Knex): Promise<void> {
  for (const [name] of [...INDEXES].reverse()) await dropIndexConcurrently(knex, name);
}

export const config = { transaction: false };
