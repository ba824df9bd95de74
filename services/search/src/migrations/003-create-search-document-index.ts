import type { Knex } from '@scholarships/db';
import { createIndexConcurrently, dropIndexConcurrently } from './concurrent-index';

const SEARCH_DOCUMENT_INDEX = 'idx_scholarships_search_document';

/** GIN index that serves `search_document @@ tsquery` for keyword search. */
export async function up(knex: Knex): Promise<void> {
  await createIndexConcurrently(
    knex,
    SEARCH_DOCUMENT_INDEX,
    'ON scholarships USING gin (search_document)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await dropIndexConcurrently(knex, SEARCH_DOCUMENT_INDEX);
}

export const config = { transaction: false };
