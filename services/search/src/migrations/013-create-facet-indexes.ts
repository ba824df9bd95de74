import type { Knex } from '@scholarships/db';
import { createIndexConcurrently, dropIndexConcurrently } from './concurrent-index';

/**
 * Indexes of the facet statements.
 *
 * - `idx_scholarships_facet_scan` contains what the facet statement without
 *   keyword reads of every scholarship in the deadline window: the
 *   deadline, the amounts and the filter combination. Its index-only scan
 *   reads about a third of the bytes of `idx_scholarships_browse_count`,
 *   which also contains the four arrays.
 * - `idx_scholarships_filter_combination` finds the five facet columns of
 *   one combination by its hash, as an index-only scan. The statement looks
 *   up each combination that has matches once, after counting them.
 *
 * On 103,813 rows (2 vCPU), facets without keyword took about 35 ms with
 * both, against about 75 ms when grouping by the arrays themselves.
 */
const INDEXES: [name: string, definition: string][] = [
  [
    'idx_scholarships_facet_scan',
    `ON scholarships (deadline) INCLUDE (
      filter_combination, award_currency, award_amount_min, award_amount_max)`,
  ],
  [
    'idx_scholarships_filter_combination',
    `ON scholarships (filter_combination) INCLUDE (
      field_of_study, grade_level, citizenship, state, basis)`,
  ],
];

export async function up(knex: Knex): Promise<void> {
  for (const [name, definition] of INDEXES) await createIndexConcurrently(knex, name, definition);
}

export async function down(knex: Knex): Promise<void> {
  for (const [name] of [...INDEXES].reverse()) await dropIndexConcurrently(knex, name);
}

export const config = { transaction: false };
