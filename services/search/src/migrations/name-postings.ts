import type { Knex } from '@scholarships/db';

/** Table of migration 011, which other migrations check before they change what it reads. */
export const NAME_POSTINGS_TABLE = 'search_name_postings';

/** Inserts the postings of every scholarship (see migration 011). */
export const INSERT_ALL_NAME_POSTINGS = `
  INSERT INTO search_name_postings (query, scholarship_id, sort_key)
  SELECT posting.query, posting.scholarship_id, posting.sort_key
  FROM scholarships AS s,
    search_name_postings_of(s.id, s.name_document, s.search_document) AS posting`;

async function hasNamePostings(knex: Knex): Promise<boolean> {
  return knex.schema.hasTable(NAME_POSTINGS_TABLE);
}

/**
 * Recomputes every name posting when migration 011 is applied. A migration that
 * rewrites `search_document` with `SET EXPRESSION` must call it, because a table
 * rewrite fires no row or statement trigger, and the stored sort keys would
 * keep ranking the old document.
 */
export async function rebuildNamePostings(knex: Knex): Promise<void> {
  if (!(await hasNamePostings(knex))) return;
  await knex.raw(`DELETE FROM ${NAME_POSTINGS_TABLE}`);
  await knex.raw(INSERT_ALL_NAME_POSTINGS);
}

/**
 * Throws while migration 011 is applied. Its triggers read `name_document` and
 * `search_document` on every write to `scholarships`, so dropping either column
 * first would make every catalog write fail.
 */
export async function refuseWhileNamePostingsExist(knex: Knex, column: string): Promise<void> {
  if (await hasNamePostings(knex)) {
    throw new Error(
      `${NAME_POSTINGS_TABLE} still reads ${column}: revert 011-create-name-postings first`,
    );
  }
}
