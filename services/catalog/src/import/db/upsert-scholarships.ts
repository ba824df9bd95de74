import type { Knex } from 'knex';
import { IMPORTED_COLUMNS, type ScholarshipRow } from './scholarship-row';

/** Rows per statement and transaction. 400 rows of 22 columns stay far below pg's 65,535 parameters. */
export const DEFAULT_BATCH_SIZE = 400;

/** Row counts of one upsert, by outcome. */
export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

const CHANGED_CONDITION = `(${IMPORTED_COLUMNS.map((column) => `scholarships.${column}`).join(', ')})
  IS DISTINCT FROM (${IMPORTED_COLUMNS.map((column) => `excluded.${column}`).join(', ')})`;

/** Orders rows by source key with a comparison that does not depend on any locale. */
function bySourceKey(left: ScholarshipRow, right: ScholarshipRow): number {
  if (left.source_key === right.source_key) return 0;
  return left.source_key < right.source_key ? -1 : 1;
}

/**
 * Inserts or updates one batch with a single statement. A row whose content
 * equals the stored row is left alone, so its `version` and `updated_at`
 * stay; a changed row gets `version + 1`. Source keys must be distinct
 * within the batch.
 *
 * The statement locks rows in the order it writes them, so it writes them by
 * source key. Two imports that hold the same rows in different orders then
 * wait for each other instead of deadlocking, which would abort one of them.
 */
export async function upsertBatch(
  db: Knex | Knex.Transaction,
  rows: readonly ScholarshipRow[],
): Promise<UpsertCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const updates: Record<string, Knex.Raw | Knex.Ref<string, Record<string, string>>> = {
    version: db.raw('scholarships.version + 1'),
    updated_at: db.fn.now(),
  };
  for (const column of IMPORTED_COLUMNS) updates[column] = db.ref(`excluded.${column}`);
  // PostgreSQL leaves xmax at 0 on a freshly inserted row and sets it on a row
  // that the ON CONFLICT update wrote. This is an implementation detail (checked
  // on PostgreSQL 17), not a documented interface.
  const written: Array<{ inserted: boolean }> = await db('scholarships')
    .insert([...rows].sort(bySourceKey))
    .onConflict('source_key')
    .merge(updates)
    .whereRaw(CHANGED_CONDITION)
    .returning(db.raw('(xmax = 0) AS inserted'));
  const inserted = written.filter((row) => row.inserted).length;
  const updated = written.length - inserted;
  return { inserted, updated, unchanged: rows.length - written.length };
}

/** Options of `upsertScholarships`. */
export interface UpsertOptions {
  batchSize?: number;
  /** Called after each committed batch with the rows written so far. */
  onBatch?: (done: number, total: number) => void;
}

/** Upserts all rows in batches, each in its own transaction, and sums the counts. */
export async function upsertScholarships(
  knex: Knex,
  rows: readonly ScholarshipRow[],
  options: UpsertOptions = {},
): Promise<UpsertCounts> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const totals: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const counts = await knex.transaction((trx) => upsertBatch(trx, batch));
    totals.inserted += counts.inserted;
    totals.updated += counts.updated;
    totals.unchanged += counts.unchanged;
    options.onBatch?.(start + batch.length, rows.length);
  }
  return totals;
}
