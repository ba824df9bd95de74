import type { Knex } from '@scholarships/db';
import { refuseWhileNamePostingsExist } from './name-postings';

/**
 * Stores each scholarship's full-text document in a generated column.
 *
 * A stored column, rather than an expression index over the function, because
 * ranking needs the document of every match, not only the index lookup.
 * Recomputing it took about 140 ms for 3,837 rows built from the files in
 * `data/scholarships` (PostgreSQL 17, 2 vCPU), so a broad keyword such as
 * "scholarship" took about 150 ms per request. Ranking the stored documents
 * of those rows took about 4 ms.
 *
 * The cost: adding the column rewrites `scholarships` under an ACCESS
 * EXCLUSIVE lock, once, and every catalog write computes the document.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE scholarships
      ADD COLUMN search_document tsvector
      GENERATED ALWAYS AS (
        search_scholarship_document(name, provider, description, field_of_study)
      ) STORED
  `);
}

/** Drops the column. The triggers of migration 011 read it, so this step throws until 011 is reverted. */
export async function down(knex: Knex): Promise<void> {
  await refuseWhileNamePostingsExist(knex, 'search_document');
  await knex.raw('ALTER TABLE scholarships DROP COLUMN IF EXISTS search_document');
}
