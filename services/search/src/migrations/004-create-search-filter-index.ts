import type { Knex } from '@scholarships/db';
import { createIndexConcurrently, dropIndexConcurrently } from './concurrent-index';

const SEARCH_FILTER_INDEX = 'idx_scholarships_search';

/**
 * B-tree index on `(deadline, award_amount_max, field_of_study)`.
 *
 * What the planner does with it, checked on 103,813 rows (the real data and
 * 100,000 synthetic rows, after VACUUM ANALYZE, PostgreSQL 17) with the plans
 * the statements settle on (`search-plans.test.ts` asserts this):
 * - Only one use: the total of a search without keyword (`search_by_deadline`,
 *   `search_by_amount`) when no list, basis or amount filter is given, as an
 *   index-only scan. That count stops after 1,001 matches, and the planner
 *   costs this index and `idx_scholarships_browse_count` about equal for it,
 *   so it picks either. When counts still visited every match, this index
 *   was always chosen, as the smallest one that starts with `deadline`:
 *
 *       ->  Index Only Scan using idx_scholarships_search on scholarships s (actual rows=103813 loops=1)
 *             Filter: ((deadline IS NULL) OR (deadline >= '2026-12-04'::date))
 *             Heap Fetches: 0
 *
 * - Never chosen by the keyword statements, the facet statements, the page
 *   reads (they walk the sort-key indexes of migration 007), suggestions or
 *   spelling corrections.
 * - `award_amount_max` and `field_of_study` never serve as an index
 *   condition: the amount filters compare dollar expressions and the field
 *   filter is an array overlap, which a B-tree cannot answer. With any such
 *   filter the count reads `idx_scholarships_browse_count` instead.
 *
 * NOTE: a plain index on `(deadline)` would serve the same counts at 728 kB
 * instead of 5.9 MB, because B-tree deduplication packs its repeated dates.
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
