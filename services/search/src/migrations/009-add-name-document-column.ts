import type { Knex } from '@scholarships/db';
import { refuseWhileNamePostingsExist } from './name-postings';

/**
 * Stores the full-text document of each scholarship's name alone, the
 * weight-A part of `search_document`, with the same positions.
 *
 * Relevance gives a name match a bonus of 1 over any description match, so
 * when the matches whose name matches fill the requested page, the rest need
 * no rank at all. Testing the name needs this column: `ts_filter` on the
 * whole document built a filtered copy of it for every match. On 103,813
 * rows (PostgreSQL 17, 2 vCPU), ranking the 4,621 matches of "computer
 * science" took about 19 ms with `ts_filter` and 16 ms with this column.
 *
 * Adding the column rewrites `scholarships` under an ACCESS EXCLUSIVE lock,
 * once: about 4 s for 103,813 rows on 2 vCPU.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE scholarships
      ADD COLUMN name_document tsvector
      GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce(name, ''))) STORED
  `);
}

/**
 * Drops the column. Dropping it would also drop migration 010's index while 010 stays recorded as
 * applied, and break the triggers of 011, so this step throws until both are reverted.
 */
export async function down(knex: Knex): Promise<void> {
  const index = await knex.raw<{ rows: unknown[] }>(
    "SELECT 1 FROM pg_class WHERE relname = 'idx_scholarships_name_document'",
  );
  if (index.rows.length > 0) {
    throw new Error(
      'idx_scholarships_name_document still exists: revert 010-create-name-document-index first',
    );
  }
  await refuseWhileNamePostingsExist(knex, 'name_document');
  await knex.raw('ALTER TABLE scholarships DROP COLUMN IF EXISTS name_document');
}
