import type { Knex } from 'knex';

/** Key of the transaction-level advisory lock that orders deletes and import batches. */
const DELETED_IMPORTS_LOCK_KEY = 7_420_318_455;

/**
 * Takes the advisory lock that keeps `deleted_imports` consistent with import batches, until the
 * transaction ends. A delete holds it exclusively and an import batch shared, each before it
 * locks any row. So a batch reads `deleted_imports` either before a delete starts or after it
 * commits, and never inserts a row that a delete removed in between.
 */
export async function lockDeletedImports(
  trx: Knex.Transaction,
  mode: 'shared' | 'exclusive',
): Promise<void> {
  const lock = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await trx.raw(`SELECT ${lock}(?::bigint)`, [DELETED_IMPORTS_LOCK_KEY]);
}
