import type { Knex } from '@scholarships/db';
import { createIndexConcurrently, dropIndexConcurrently } from './concurrent-index';

const NAME_DOCUMENT_INDEX = 'idx_scholarships_name_document';

/**
 * GIN index that serves `name_document @@ tsquery`. A relevance page first
 * checks whether name matches alone fill it; this index finds them without
 * visiting every keyword match. About 3 MB for 103,813 rows.
 */
export async function up(knex: Knex): Promise<void> {
  await createIndexConcurrently(
    knex,
    NAME_DOCUMENT_INDEX,
    'ON scholarships USING gin (name_document)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await dropIndexConcurrently(knex, NAME_DOCUMENT_INDEX);
}

export const config = { transaction: false };
