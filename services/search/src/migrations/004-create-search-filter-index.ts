import type { Knex } from '@scholarships/db';
import { createIndexConcurrently, dropIndexConcurrently } from './concurrent-index';

const SEARCH_FILTER_INDEX = 'idx_scholarships_search';

/**
 * B-tree index for deadline ranges. The planner uses it for a narrow
 * `deadline_from`/`deadline_to` range in a custom plan.
 * NOTE: it is not used to order results or to serve the default window
 * (upcoming or undated), because the statements sort on derived keys such as
 * `coalesce(deadline, 'infinity')` and that window matches most rows.
 */
export async function up(knex: Knex): Promise<void> {
  await createIndexConcurrently(
    knex,
    SEARCH_FILTER_INDEX,
    'ON scholarships (deadline, award_amount_max, field_of_study)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await dropIndexConcurrently(knex, SEARCH_FILTER_INDEX);
}

export const config = { transaction: false };
